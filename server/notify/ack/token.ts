/**
 * Acknowledge-link tokens: `<payload>.<mac>`, both base64url, the MAC an HMAC-SHA256 of the
 * payload with the database's own key (notify_meta). The payload binds the link to one
 * delivery, so to one recipient's account and one alert, and says when it expires. The
 * signature only proves the link was made here and not changed; single use and expiry are
 * enforced against the stored row (notify_ack_tokens), atomically.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface AckClaims {
  /** The delivery id (and the token row's id). */
  delivery: string;
  alertId: string;
  /** The recipient's account (username). */
  account: string;
  expiresAt: number;
}

interface Payload {
  d: string;
  a: string;
  u: string;
  e: number;
}

const mac = (key: string, payload: string): Buffer => createHmac('sha256', key).update(payload, 'utf8').digest();

export function signAckToken(key: string, claims: AckClaims): string {
  const payload: Payload = { d: claims.delivery, a: claims.alertId, u: claims.account, e: claims.expiresAt };
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${mac(key, encoded).toString('base64url')}`;
}

/** The claims of a token this server signed, or undefined for anything else (tampered, truncated, made up). */
export function readAckToken(key: string, token: string): AckClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  const [encoded, given] = parts;
  const expected = mac(key, encoded);
  const givenBytes = Buffer.from(given, 'base64url');
  if (givenBytes.length !== expected.length || !timingSafeEqual(givenBytes, expected)) return undefined;
  try {
    const p = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Partial<Payload>;
    if (typeof p.d !== 'string' || typeof p.a !== 'string' || typeof p.u !== 'string' || typeof p.e !== 'number') return undefined;
    return { delivery: p.d, alertId: p.a, account: p.u, expiresAt: p.e };
  } catch {
    return undefined;
  }
}
