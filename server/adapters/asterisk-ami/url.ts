/** `asterisk-ami://user:secret@host:5038` -> connection settings. The secret never leaves this object. */
import { decodePart, PERCENT_ENCODE, refuseUnusedParts } from '../feed-url.js';

export interface AmiEndpoint {
  host: string;
  port: number;
  username: string;
  secret: string;
  /** `host:port`, safe to log. */
  display: string;
}

export function parseAmiUrl(url: string): AmiEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Do not echo the URL: it holds the secret.
    throw new Error(`asterisk-ami: the url is not a valid URL (expected asterisk-ami://user:secret@host:5038); ${PERCENT_ENCODE}`);
  }
  if (u.protocol !== 'asterisk-ami:' && u.protocol !== 'ami:') {
    throw new Error(`asterisk-ami: unsupported scheme ${u.protocol} (expected asterisk-ami://)`);
  }
  // Before the host is looked at: a secret cut short by a `#` leaves part of itself as the host.
  refuseUnusedParts(u, 'asterisk-ami', 'asterisk-ami://user:secret@host:5038');
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new Error('asterisk-ami: the url has no host');
  const username = decodePart(u.username, 'asterisk-ami', 'user');
  if (username === '') throw new Error('asterisk-ami: the url has no user (asterisk-ami://user:secret@host:5038)');
  const port = u.port === '' ? 5038 : Number(u.port);
  return { host, port, username, secret: decodePart(u.password, 'asterisk-ami', 'password'), display: `${host}:${port}` };
}
