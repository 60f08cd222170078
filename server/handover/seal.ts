/**
 * The figures a lead was shown, kept as shown. A draft's prefill is read at one moment
 * (`asOf`); the lead then writes the handover beside it, and the page drafts its text from
 * it. Read again at submission, the figures would have moved on (a few more calls, an alert
 * resolved) and the stored data block would contradict the text written from it.
 *
 * So a draft carries its prefill sealed (`prefillToken`: the prefill's JSON with the time
 * it was sealed, and an HMAC of both with the handover's id), and a submission that hands
 * the token back stores exactly that prefill.
 *
 * The key is the database's own, the one that signs acknowledge links (notify_meta, made
 * once per database: notify/store/schema.ts), so a token outlives a restart and is honoured
 * by every process on the same database file. The MAC's input starts with
 * `handover-prefill\n`, which no acknowledge link's input (base64url, no newline) can, so
 * neither kind of token passes for the other. A token older than PREFILL_MAX_AGE_MS, for
 * another handover, altered or made with another key is not honoured, and the figures are
 * read again at submission.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HandoverPrefill } from '../../shared/handover.js';

/**
 * How long a sealed prefill is honoured: a lead drafts during their shift (8 hours by
 * default, service.ts) and may leave the page open to its end, so one long shift plus
 * margin. An older token is from some other shift's page: its figures are read again.
 */
export const PREFILL_MAX_AGE_MS = 12 * 3600 * 1000;

const DOMAIN = 'handover-prefill\n';

export interface PrefillSeal {
  seal(handoverId: string, prefill: HandoverPrefill): string;
  /** The sealed prefill, or undefined when the token is not one this key made for this handover, or is too old. */
  open(handoverId: string, token: string): HandoverPrefill | undefined;
}

interface Sealed {
  /** When it was sealed (the clock's ms). */
  at: number;
  prefill: HandoverPrefill;
}

/** `key`: the database's (ackKeyOf); `clock`: the handover service's. */
export function createPrefillSeal(key: string, clock: { now(): number }): PrefillSeal {
  const mac = (handoverId: string, body: string): Buffer =>
    createHmac('sha256', key).update(`${DOMAIN}${handoverId}\n${body}`, 'utf8').digest();
  return {
    seal(handoverId, prefill) {
      const sealed: Sealed = { at: clock.now(), prefill };
      const body = Buffer.from(JSON.stringify(sealed)).toString('base64url');
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
        const sealed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Sealed>;
        if (typeof sealed.at !== 'number' || sealed.prefill === undefined) return undefined;
        return clock.now() - sealed.at > PREFILL_MAX_AGE_MS ? undefined : sealed.prefill;
      } catch {
        return undefined;
      }
    },
  };
}
