/**
 * The generic outbound webhook: the JSON body (templates/webhook.ts), signed so the
 * receiver can tell it came from this Floorwatch and was not changed on the way.
 *
 *   x-floorwatch-timestamp: <unix ms>
 *   x-floorwatch-signature: sha256=<hex HMAC-SHA256(secret, `${timestamp}.${raw body}`)>
 *   x-floorwatch-delivery:  <the notification's id; the same on every retry: de-duplicate on it>
 *
 * The timestamp is inside the signature, so an old request cannot be replayed later;
 * `verifyWebhookSignature` is what a receiver runs (the CLI's webhook-receiver does).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChannelConfig } from '../../../shared/notify.js';
import { webhookBody } from '../templates/webhook.js';
import { postJson } from './http-post.js';
import type { Transport } from './types.js';

export const SIGNATURE_HEADER = 'x-floorwatch-signature';
export const TIMESTAMP_HEADER = 'x-floorwatch-timestamp';
export const DELIVERY_HEADER = 'x-floorwatch-delivery';
/** How far a receiver accepts a timestamp from its own clock. */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export function verifyWebhookSignature(input: {
  secret: string;
  /** The raw body, exactly as received. */
  body: string;
  timestamp: string | undefined;
  signature: string | undefined;
  now?: number;
  toleranceMs?: number;
}): VerifyResult {
  const { secret, body, timestamp, signature } = input;
  if (timestamp === undefined || !/^\d+$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
  if (signature === undefined || !/^sha256=[0-9a-f]{64}$/.test(signature)) return { ok: false, reason: `missing or malformed ${SIGNATURE_HEADER}` };
  const skew = Math.abs((input.now ?? Date.now()) - Number(timestamp));
  if (skew > (input.toleranceMs ?? DEFAULT_TOLERANCE_MS)) return { ok: false, reason: `timestamp is ${Math.round(skew / 1000)} s away from now (replayed, or a clock is wrong)` };
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature does not match (wrong secret, or the body was changed)' };
  return { ok: true };
}

export const sendWebhook: Transport<Extract<ChannelConfig, { kind: 'webhook' }>> = async (channel, out, deps) => {
  const body = JSON.stringify(webhookBody(out.message, out.now));
  await postJson(channel.url, body, {
    [TIMESTAMP_HEADER]: String(out.now),
    [SIGNATURE_HEADER]: signWebhook(channel.secret, out.now, body),
    [DELIVERY_HEADER]: out.message.id,
  }, deps);
};
