/** Every channel kind's transport, by kind. */
import type { ChannelConfig, ChannelKind } from '../../../shared/notify.js';
import { sendDingtalk } from './dingtalk.js';
import { sendFeishu } from './feishu.js';
import { sendSlack } from './slack.js';
import { sendSmtp } from './smtp.js';
import { sendTeams } from './teams.js';
import type { ChannelDeps, Outgoing, Transport } from './types.js';
import { sendWebhook } from './webhook.js';
import { sendWecom } from './wecom.js';

const TRANSPORTS: { [K in ChannelKind]: Transport<Extract<ChannelConfig, { kind: K }>> } = {
  webhook: sendWebhook,
  smtp: sendSmtp,
  wecom: sendWecom,
  dingtalk: sendDingtalk,
  feishu: sendFeishu,
  slack: sendSlack,
  teams: sendTeams,
};

/** Delivers one message over the channel; throws a DeliveryError when it did not arrive. */
export function deliver(channel: ChannelConfig, out: Outgoing, deps: ChannelDeps): Promise<void> {
  return (TRANSPORTS[channel.kind] as Transport)(channel, out, deps);
}
