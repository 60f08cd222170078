/** `freeswitch-esl://:password@host:8021` -> connection settings. The password never leaves this object. */

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
    throw new Error('freeswitch-esl: the url is not a valid URL (expected freeswitch-esl://:password@host:8021)');
  }
  if (u.protocol !== 'freeswitch-esl:' && u.protocol !== 'esl:') {
    throw new Error(`freeswitch-esl: unsupported scheme ${u.protocol} (expected freeswitch-esl://)`);
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === '') throw new Error('freeswitch-esl: the url has no host');
  let password: string;
  try {
    password = decodeURIComponent(u.password);
  } catch {
    throw new Error('freeswitch-esl: the password in the url is not valid percent-encoding');
  }
  if (password === '') throw new Error('freeswitch-esl: the url has no password (freeswitch-esl://:password@host:8021)');
  // The password goes on the wire as `auth <password>\n\n`: a line break would end the command early.
  if (/[\r\n]/.test(password)) throw new Error('freeswitch-esl: the password must not contain line breaks');
  const port = u.port === '' ? 8021 : Number(u.port);
  return { host, port, password, display: `${host}:${port}` };
}
