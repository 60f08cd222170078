/** The `--postgres` URL: checked before anything connects, and never logged with its password. */

/**
 * Returns the URL when it is a PostgreSQL one; else throws a message that names `what`
 * (the flag) and the problem, never the URL itself (it may hold a password).
 */
export function checkPostgresUrl(value: string, what = 'the PostgreSQL URL'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what}: expected a URL like postgres://user:password@host:5432/database`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`${what}: expected a postgres:// or postgresql:// URL, not ${url.protocol}//...`);
  }
  if (url.hostname === '' && !url.searchParams.has('host')) throw new Error(`${what}: the URL names no host`);
  return value;
}

/** The URL as it may appear in a log: the password replaced. */
export function redactPostgresUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password !== '') url.password = '***';
    for (const key of ['password', 'sslpassword']) if (url.searchParams.has(key)) url.searchParams.set(key, '***');
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
