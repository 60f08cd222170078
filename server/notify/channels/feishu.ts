/**
 * Feishu / Lark custom bot. With its signature secret (签名校验), the body gets `timestamp`
 * (seconds, as a string) and `sign` = base64(HMAC-SHA256(key = `${timestamp}\n${secret}`,
 * data = empty)). `{ code: 0 }` (older bots: `{ StatusCode: 0 }`) is delivered.
 */
import { createHmac } from 'node:crypto';
import type { ChannelConfig } from '../../../shared/notify.js';
import { feishuBody } from '../templates/feishu.js';
import { postJson, robotAnswer } from './http-post.js';
import type { Transport } from './types.js';

export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export const sendFeishu: Transport<Extract<ChannelConfig, { kind: 'feishu' }>> = async (channel, out, deps) => {
  const body: Record<string, unknown> = feishuBody(out.message, out.now, out.to);
  if (channel.secret !== undefined) {
    const timestamp = Math.floor(out.now / 1000);
    body.timestamp = String(timestamp);
    body.sign = feishuSign(channel.secret, timestamp);
  }
  const { text } = await postJson(channel.url, JSON.stringify(body), {}, deps);
  robotAnswer(text, 'code');
};
