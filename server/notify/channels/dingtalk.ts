/**
 * DingTalk (钉钉) custom robot. With its signing secret (加签), the URL gets `timestamp`
 * (ms) and `sign` = urlencode(base64(HMAC-SHA256(key = secret, data = `${timestamp}\n${secret}`))).
 * `{ errcode: 0 }` is delivered.
 */
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../../../shared/notify.js';
import { dingtalkBody } from '../templates/dingtalk.js';
import { postJson, robotAnswer } from './http-post.js';
import type { Transport } from './types.js';

export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL, signed when there is a secret (URLSearchParams does the urlencoding). */
export function dingtalkUrl(url: string, secret: string | undefined, timestamp: number): string {
  if (secret === undefined) return url;
  const signed = new URL(url);
  signed.searchParams.set('timestamp', String(timestamp));
  signed.searchParams.set('sign', dingtalkSign(secret, timestamp));
  return signed.toString();
}

export const sendDingtalk: Transport<Extract<ChannelConfig, { kind: 'dingtalk' }>> = async (channel, out, deps) => {
  const url = dingtalkUrl(channel.url, channel.secret, out.now);
  const { text } = await postJson(url, JSON.stringify(dingtalkBody(out.message, out.now, out.to)), {}, deps);
  robotAnswer(text, 'errcode');
};
