/**
 * Which pages may open a socket.io connection (socket.io's `allowRequest`). A browser sends
 * the page's Origin with every handshake, and sends the site's cookies with it whatever the
 * page: without this check a page elsewhere could open a wallboard socket as whoever is
 * signed in. Feeds and scripts send no Origin and are let through (they authenticate with
 * a token). A browser's Origin is accepted when it is this server as the browser reached it:
 *
 * - the Host header's (the browser's own, when nothing rewrites it);
 * - the public URL's origin (`--public-url`), the address people use, whatever a reverse
 *   proxy in front puts in Host (nginx sends its `proxy_pass` address by default);
 * - when the peer is a trusted proxy (`--trust-proxy`, express's `trust proxy fn`), the
 *   origin it names in `X-Forwarded-Host` (and `X-Forwarded-Proto`), read as express reads
 *   them for `req.host` and `req.protocol` (the first value of each).
 *
 * Everything else is refused (403 from socket.io), and logged at warn, at most once a minute
 * per Origin, with what was seen and how to fix it: the refusal otherwise shows only in the
 * browser, as a wallboard that never connects.
 */
import { createLogThrottle } from '../ops/log-throttle.js';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';

/** express's compiled `trust proxy` (`app.get('trust proxy fn')`): whether the hop-th address is a trusted proxy. */
export type TrustProxyFn = (address: string, hop: number) => boolean;

export interface SocketOriginOptions {
  /** The address people use (`--public-url`); its origin is accepted. */
  publicUrl?: string;
  /** The app's `trust proxy fn`, read at each handshake. */
  trustProxy: () => TrustProxyFn;
  logger: Logger;
  now?: () => number;
  /** How often a refusal of one Origin is logged at most (default a minute). */
  logEveryMs?: number;
}

/** Origins whose last refusal is remembered (for the rate limit); beyond that, new ones are not logged until old ones expire. */
const MAX_REMEMBERED_ORIGINS = 1000;
/** How much of an Origin or Host header a log line repeats. */
const MAX_LOGGED_CHARS = 200;

/** Returns whether a handshake's Origin is allowed, logging (rate-limited) the ones it refuses. */
export function socketOriginCheck(options: SocketOriginOptions): (req: IncomingMessage) => boolean {
  const publicOrigin = originOf(options.publicUrl);
  if (options.publicUrl !== undefined && publicOrigin === undefined) {
    options.logger.warn({ publicUrl: options.publicUrl }, 'the public URL is not an http:// or https:// URL: wallboard sockets are accepted from the Host header\'s origin only');
  }
  const now = options.now ?? Date.now;
  const logEveryMs = options.logEveryMs ?? 60_000;
  const refusals = createLogThrottle({ everyMs: logEveryMs, maxKeys: MAX_REMEMBERED_ORIGINS, now });

  function allowed(req: IncomingMessage, origin: URL, trusted: boolean): boolean {
    if (origin.origin === 'null') return false; // an opaque origin (sandboxed frame, file://): never ours
    const host = firstValue(req.headers.host);
    if (host !== undefined && hostAs(origin.protocol, host) === origin.host) return true;
    if (publicOrigin !== undefined && origin.origin === publicOrigin) return true;
    if (!trusted) return false;
    const forwardedHost = firstValue(req.headers['x-forwarded-host']);
    if (forwardedHost === undefined) return false;
    const forwardedProto = firstValue(req.headers['x-forwarded-proto'])?.toLowerCase();
    const protocol = forwardedProto === undefined ? origin.protocol : `${forwardedProto}:`;
    return protocol === origin.protocol && hostAs(protocol, forwardedHost) === origin.host;
  }

  function logRefusal(req: IncomingMessage, origin: string, trusted: boolean): void {
    const key = clip(origin);
    const passed = refusals.pass(key);
    if (passed === undefined) return;
    const host = firstValue(req.headers.host);
    const forwardedHost = firstValue(req.headers['x-forwarded-host']);
    const forwardedProto = firstValue(req.headers['x-forwarded-proto']);
    const fix = forwardedHost !== undefined && !trusted
      ? `the proxy's X-Forwarded-Host was not believed: ${req.socket.remoteAddress ?? 'the peer'} is not a trusted proxy (--trust-proxy)`
      : 'if it is the address people use to reach Floorwatch (a reverse proxy in front), start Floorwatch with --public-url set to it, or have the proxy pass the browser\'s Host header (nginx: proxy_set_header Host $host;)';
    options.logger.warn(
      {
        origin: key, host: host === undefined ? undefined : clip(host),
        ...(forwardedHost !== undefined && { forwardedHost: clip(forwardedHost) }),
        ...(forwardedProto !== undefined && { forwardedProto: clip(forwardedProto) }),
        peer: req.socket.remoteAddress, publicUrl: options.publicUrl,
        ...(passed.heldBack > 0 && { refusedSinceLastLine: passed.heldBack }),
      },
      `socket.io: refused a connection from a page on another origin: Origin ${key}, Host ${host === undefined ? '(none)' : clip(host)}; ${fix}. `
      + 'See docs/operations.md, "Behind a reverse proxy" (logged at most once a minute per origin)',
    );
  }

  return (req) => {
    const header = req.headers.origin;
    // Feeds and scripts send no Origin; browsers always do on a handshake.
    if (header === undefined) return true;
    const trusted = req.socket.remoteAddress !== undefined && options.trustProxy()(req.socket.remoteAddress, 0);
    let origin: URL | undefined;
    try {
      origin = new URL(header);
    } catch {
      origin = undefined;
    }
    if (origin !== undefined && allowed(req, origin, trusted)) return true;
    logRefusal(req, header, trusted);
    return false;
  };
}

/** A URL's origin (scheme, host, port), if it is an http(s) URL. */
function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The first of a header's comma-separated values, trimmed (as express reads X-Forwarded-*). */
function firstValue(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header[0] : header;
  const first = text?.split(',')[0]?.trim();
  return first === undefined || first === '' ? undefined : first;
}

/** `host` (name and port) as a URL of `protocol` has it: lower case, its default port dropped; undefined if it is not a host. */
function hostAs(protocol: string, host: string): string | undefined {
  if (/[/\\@?#\s]/.test(host)) return undefined;
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return undefined;
  }
}

function clip(text: string): string {
  return text.length > MAX_LOGGED_CHARS ? `${text.slice(0, MAX_LOGGED_CHARS)}…` : text;
}
