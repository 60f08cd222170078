/**
 * The security headers (helmet): helmet's defaults, with a Content-Security-Policy that lets
 * the wallboard talk to its own server and show inline images. Two of helmet's defaults
 * only make sense over HTTPS: `upgrade-insecure-requests` (the browser fetches every
 * script and stylesheet over https://) and `Strict-Transport-Security` (it never uses
 * http:// for the host again). Sent to a browser that opened `http://server:8080/` from
 * another machine, the first turns the wallboard into a blank page (its scripts are asked
 * for over TLS from a server that speaks none; browsers exempt only localhost). So both go
 * out only when people reach the server over https:// (its public URL says so).
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** Whether the address people use (`--public-url`) is https://; false when there is none or it is unreadable. */
export function servedOverHttps(publicUrl: string | undefined): boolean {
  if (publicUrl === undefined) return false;
  try {
    return new URL(publicUrl).protocol === 'https:';
  } catch {
    return false;
  }
}

/** helmet, with the HTTPS-only headers only when `https`. */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        // null drops helmet's default directive.
        'upgrade-insecure-requests': options.https ? [] : null,
      },
    },
    strictTransportSecurity: options.https,
  }) as RequestHandler;
}
