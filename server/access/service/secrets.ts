/**
 * Keeping secrets where they belong: a constant-time comparison for tokens, and a scrub
 * that stops a password or token from reaching the append-only audit log (which can never
 * be cleaned afterwards) even if a caller puts one in `detail` by mistake.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compared as SHA-256 digests: equal lengths for timingSafeEqual, and no length leak. */
export function safeEqual(a: string, b: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Keys whose values are (or may be) credentials: `password`, `newPassword`, `deviceToken`, `tokenHash` ... */
const SECRET_KEY = /(password|passwd|passphrase|secret|token|hash|csrf|cookie|otp|authori[sz]ation)s?$/i;
export const REDACTED = '[redacted]';

/** A copy of `value` with every secret-looking key's value replaced; the input is not changed. */
export function scrubSecrets<T>(value: T, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => scrubSecrets(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    // A flag or a count is never a credential (`mustChangePassword: true` stays readable).
    const harmless = item === null || typeof item === 'boolean' || typeof item === 'number';
    out[key] = SECRET_KEY.test(key) && !harmless ? REDACTED : scrubSecrets(item, depth + 1);
  }
  return out as T;
}
