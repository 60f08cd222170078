/**
 * What `floorwatch serve` checks of the cluster flags before anything starts, kept apart
 * from the cluster's parts: importing those loads the Redis and PostgreSQL clients, which
 * a server on the embedded default never uses and should not wait for at every start.
 */
export { checkFloorId, DEFAULT_FLOOR_ID } from './keys.js';

/** Default lease: a dead owner's floor is taken over within about this long. */
export const DEFAULT_LEASE_MS = 5000;

/**
 * Returns the URL when it is a Redis one; else throws a message that names `what` (the
 * flag) and the problem, never the URL itself (it may hold a password).
 */
export function checkRedisUrl(value: string, what = 'the Redis URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what}: expected a URL like redis://host:6379 (or rediss:// for TLS)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`${what}: expected a redis:// or rediss:// URL, not ${url.protocol}//...`);
  }
  if (url.hostname === '') throw new Error(`${what}: the URL names no host`);
  return value;
}

/** The URL as it may appear in a log: the password replaced. */
export function redactRedisUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'redis://(unreadable URL)';
  }
}
