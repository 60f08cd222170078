/** `freeswitch-esl://:password@host:8021` -> connection settings. The password never leaves this object. */
import { decodePart, PERCENT_ENCODE, refuseUnusedParts } from '../feed-url.js';

export interface EslEndpoint {
  host: string;
  port: number;
  password: string;
  /** `host:port`, safe to log. */
  display: string;
}

export function parseEslUrl(url: string): EslEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Do not echo the URL: it holds the password.
    throw new Error(`freeswitch-esl: the url is not a valid URL (expected freeswitch-esl://:password@host:8021); ${PERCENT_ENCODE}`);
  }
  if (u.protocol !== 'freeswitch-esl:' && u.protocol !== 'esl:') {
    throw new Error(`freeswitch-esl: unsupported scheme ${u.protocol} (expected freeswitch-esl://)`);
  }
  // Before the host is looked at: a password cut short by a `#` leaves part of itself as the host.
  refuseUnusedParts(u, 'freeswitch-esl', 'freeswitch-esl://:password@host:8021');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new Error('freeswitch-esl: the url has no host');
  const password = decodePart(u.password, 'freeswitch-esl', 'password');
  if (password === '') throw new Error('freeswitch-esl: the url has no password (freeswitch-esl://:password@host:8021)');
  // The password goes on the wire as `auth <password>\n\n`: a line break would end the command early.
  if (/[\r\n]/.test(password)) throw new Error('freeswitch-esl: the password must not contain line breaks');
  const port = u.port === '' ? 8021 : Number(u.port);
  return { host, port, password, display: `${host}:${port}` };
}
