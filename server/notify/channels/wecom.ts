/** WeCom (企业微信) group robot: no signature (its key is in the URL); `{ errcode: 0 }` is delivered. */
import type { ChannelConfig } from '../../../shared/notify.js';
import { wecomBody } from '../templates/wecom.js';
import { postJson, robotAnswer } from './http-post.js';
import type { Transport } from './types.js';

export const sendWecom: Transport<Extract<ChannelConfig, { kind: 'wecom' }>> = async (channel, out, deps) => {
  const { text } = await postJson(channel.url, JSON.stringify(wecomBody(out.message, out.now, out.to)), {}, deps);
  robotAnswer(text, 'errcode');
};
