/**
 * Random secrets and identifiers. Everything here draws from node's CSPRNG: session,
 * device and feed tokens are bearer credentials, and ids and pairing codes must not be
 * guessable either (a guessed pairing code would let a stranger's TV be approved).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * A bearer token: `bytes` random bytes as base64url (cookie- and header-safe, no padding).
 * 32 bytes is 256 bits, so the token is stored only as its SHA-256 (see types.ts).
 */
export function randomToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) {
    throw new RangeError(`a token needs at least 16 random bytes, got ${String(bytes)}`);
  }
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 as lower-case hex: how tokens are looked up without being stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** RFC 4648 base32, lower-cased: no padding, no look-alike case pairs in ids people read out. */
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const ID_RANDOM_CHARS = 16;

/**
 * `prefix_` + 16 random base32 characters (80 bits), e.g. `newId('acc')` -> `acc_k3…`.
 * A prefix that already ends in `_` is used as is, so `newId('acc_')` is the same shape.
 */
export function newId(prefix: string): string {
  const stem = prefix.endsWith('_') ? prefix : `${prefix}_`;
  // 32 divides 256, so masking a byte to 5 bits picks every character equally often.
  const bytes = randomBytes(ID_RANDOM_CHARS);
  let id = stem;
  for (const byte of bytes) id += ID_ALPHABET[byte & 31];
  return id;
}

/** No 0/O, 1/I: the code is read off a TV across a room and typed by an admin. */
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 6;

/** Six characters for a TV to show while it waits to be paired (about 30 bits). */
export function pairingCode(): string {
  return randomString(PAIRING_CODE_ALPHABET, PAIRING_CODE_LENGTH);
}

/** `length` characters drawn uniformly from `alphabet` (randomInt has no modulo bias). */
export function randomString(alphabet: string, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[randomInt(alphabet.length)];
  return text;
}
