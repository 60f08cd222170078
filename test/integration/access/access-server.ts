/**
 * A real express app with only the access router, on port 0, over the memory store with
 * a fake clock; and a small client that keeps cookies like a browser would (fetch does not).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { createAccessRouter } from '../../../server/access/http/access-router.js';
import type { RateLimits } from '../../../server/access/http/rate-limits.js';
import { createMemoryAccessStore } from '../../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../../server/access/passwords.js';
import { createAccessService, type AccessService } from '../../../server/access/service/access-service.js';
import type { AccessStore } from '../../../server/access/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';

export const ADMIN_FIRST_PASSWORD = 'first-start-password-from-env';

export interface AccessServer {
  base: string;
  access: AccessService;
  store: AccessStore;
  clock: FakeClock;
  logs: string[];
  close(): Promise<void>;
}

export async function startAccessServer(rateLimits: Partial<RateLimits> = {}): Promise<AccessServer> {
  const store = createMemoryAccessStore();
  const clock = new FakeClock(Date.UTC(2026, 10, 28, 8));
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const access = createAccessService({ store, clock, logger, passwordParams: FAST_TEST_PARAMS });
  await access.bootstrapAdmin({ envPassword: ADMIN_FIRST_PASSWORD });

  const app = express();
  app.disable('x-powered-by');
  app.use(createAccessRouter({ access, logger, secureCookies: true, rateLimits }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close((err) => (err ? reject(err) : resolve()));
  });
  return { base, access, store, clock, logs, close };
}

export interface CallOptions {
  body?: unknown;
  /** Send the x-csrf-token header with the jar's fw_csrf cookie (or this value). */
  csrf?: boolean | string;
  headers?: Record<string, string>;
}

/** One browser: a cookie jar and fetch. */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** The raw Set-Cookie lines of the last response. */
  lastSetCookie: string[] = [];

  constructor(private readonly base: string) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.csrf !== undefined && options.csrf !== false) {
      headers['x-csrf-token'] = options.csrf === true ? this.cookies.get('fw_csrf') ?? '' : options.csrf;
    }
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const line of this.lastSetCookie) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      const gone = attributes.some((a) => /^max-age=0$/i.test(a)) || value === '';
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Signs in and, if the account still has its first password, replaces it. */
  async signIn(username: string, password: string): Promise<Response> {
    return this.call('POST', '/api/v1/session', { body: { username, password } });
  }
}
