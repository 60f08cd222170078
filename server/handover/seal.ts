/**
 * The figures a lead was shown, kept as shown. A draft's prefill is read at one moment
 * (`asOf`); the lead then writes the handover beside it, and the page drafts its text from
 * it. Read again at submission, the figures would have moved on (a few more calls, an alert
 * resolved) and the stored data block would contradict the text written from it.
 *
 * So a draft carries its prefill sealed (`prefillToken`: the prefill's JSON and an HMAC of
 * it with the handover's id), and a submission that hands the token back stores exactly
 * that prefill. The key is this process's own: a token from before a restart, from another
 * process of a cluster, for another handover or altered is not honoured, and the figures
 * are read again at submission.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { HandoverPrefill } from '../../shared/handover.js';

export interface PrefillSeal {
  seal(handoverId: string, prefill: HandoverPrefill): string;
  /** The sealed prefill, or undefined when the token is not one this seal made for this handover. */
  open(handoverId: string, token: string): HandoverPrefill | undefined;
}

export function createPrefillSeal(key: Buffer = randomBytes(32)): PrefillSeal {
  const mac = (handoverId: string, body: string): Buffer => createHmac('sha256', key).update(`${handoverId}\n${body}`).digest();
  return {
    seal(handoverId, prefill) {
      const body = Buffer.from(JSON.stringify(prefill)).toString('base64url');
      return `${body}.${mac(handoverId, body).toString('base64url')}`;
    },
    open(handoverId, token) {
      const dot = token.indexOf('.');
      if (dot <= 0) return undefined;
      const body = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const expected = mac(handoverId, body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as HandoverPrefill;
      } catch {
        return undefined;
      }
    },
  };
}
