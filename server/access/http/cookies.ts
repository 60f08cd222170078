/**
 * The session cookies. `fw_session` holds the session token: httpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it), Secure behind TLS. `fw_csrf` holds the
 * session's CSRF token and is deliberately readable: the page copies it into the
 * x-csrf-token header, which another origin cannot do.
 */
import { stringifySetCookie, type SerializeOptions } from 'cookie';
import type { Response } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE } from '../service/credentials.js';

export interface CookieSettings {
  secure: boolean;
  /** The session's idle timeout; the cookies live as long. */
  maxAgeMs: number;
}

function base(secure: boolean): SerializeOptions {
  return { path: '/', sameSite: 'strict', secure };
}

export function setSessionCookies(res: Response, tokens: { sessionToken: string; csrfToken: string }, settings: CookieSettings): void {
  const maxAge = Math.floor(settings.maxAgeMs / 1000);
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, tokens.sessionToken, { ...base(settings.secure), httpOnly: true, maxAge }));
  res.append('Set-Cookie', stringifySetCookie(CSRF_COOKIE, tokens.csrfToken, { ...base(settings.secure), maxAge }));
}

export function clearSessionCookies(res: Response, secure: boolean): void {
  const gone = { ...base(secure), maxAge: 0, expires: new Date(0) };
  res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { ...gone, httpOnly: true }));
  res.append('Set-Cookie', stringifySetCookie(CSRF_COOKIE, '', gone));
}
