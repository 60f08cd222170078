/** Slack incoming webhook: any 2xx is delivered (Slack answers "ok"). */
import type { ChannelConfig } from '../../../shared/notify.js';
import { slackBody } from '../templates/slack.js';
import { postJson } from './http-post.js';
import type { Transport } from './types.js';

export const sendSlack: Transport<Extract<ChannelConfig, { kind: 'slack' }>> = async (channel, out, deps) => {
  await postJson(channel.url, JSON.stringify(slackBody(out.message, out.now)), {}, deps);
};
