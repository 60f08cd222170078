/**
 * Where credentials travel: the session cookie (browsers), and a bearer token (TVs in
 * HTTP; feeds). Reading them is here once, for requests and socket handshakes alike.
 */
import { parseCookie } from 'cookie';

/** httpOnly: the session token is never readable by page scripts. */
export const SESSION_COOKIE = 'fw_session';
/** Readable by the page, which echoes it in the x-csrf-token header (double submit, checked against the session). */
export const CSRF_COOKIE = 'fw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join('; ') : value;
}

export function cookieFrom(headers: Headers, name: string): string | undefined {
  const text = header(headers, 'cookie');
  if (text === undefined || text === '') return undefined;
  const value = parseCookie(text)[name];
  return value === undefined || value === '' ? undefined : value;
}

export function sessionTokenFrom(headers: Headers): string | undefined {
  return cookieFrom(headers, SESSION_COOKIE);
}

/** `Authorization: Bearer <token>` (scheme case-insensitive, as RFC 7235 says). */
export function bearerFrom(headers: Headers): string | undefined {
  const text = header(headers, 'authorization');
  const match = text === undefined ? null : /^Bearer[ ]+(\S+)\s*$/i.exec(text);
  return match === null ? undefined : match[1];
}
