/**
 * Behind a reverse proxy (TLS ends there, the usual install) every request comes from the
 * proxy's address. Without `--trust-proxy`, the per-address limits on sign-in and pairing
 * counted everyone together; with it, each client's X-Forwarded-For address counts alone.
 * And an https:// public URL marks the session cookie Secure without `--secure-cookies`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../server/serve.js';
import { DEFAULT_RATE_LIMITS } from '../../server/access/http/rate-limits.js';
import { SESSION_COOKIE } from '../../server/access/service/credentials.js';
import { ADMIN_FIRST_PASSWORD } from './server-process.js';

const running: Array<{ server: RunningServer; dir: string }> = [];

async function serve(options: Partial<ServeOptions> = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-proxy-'));
  const server = await startServer({
    port: 0, host: '127.0.0.1', db: path.join(dir, 'floor.db'), reorderWindowMs: 0, retentionDays: 7,
    durability: 'NORMAL', logger: pino({ level: 'silent' }), adminPassword: ADMIN_FIRST_PASSWORD, announce: () => undefined,
    ...options,
  });
  running.push({ server, dir });
  return server.url;
}

afterEach(async () => {
  for (const { server, dir } of running.splice(0)) {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A TV asking to be paired, through the proxy, for the client at `address`. */
const pair = (url: string, address: string) =>
  fetch(`${url}/api/v1/tv/pair-requests`, { method: 'POST', headers: { 'x-forwarded-for': address } });

const signIn = (url: string, address: string | undefined, username: string, password: string) => fetch(`${url}/api/v1/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(address !== undefined && { 'x-forwarded-for': address }) },
  body: JSON.stringify({ username, password }),
});

/** Uses up the pairing limit of `address`: every request taken, then the next refused. */
async function usePairingLimit(url: string, address: string): Promise<void> {
  for (let i = 0; i < DEFAULT_RATE_LIMITS.pairRequestsPerMinute; i++) expect((await pair(url, address)).status).toBe(201);
  expect((await pair(url, address)).status).toBe(429);
}

describe('behind a reverse proxy', () => {
  it('with --trust-proxy 1, two clients (X-Forwarded-For) are limited separately', async () => {
    const url = await serve({ trustProxy: 1 });
    await usePairingLimit(url, '203.0.113.7');
    expect((await pair(url, '198.51.100.23')).status).toBe(201);
    // A client cannot escape by naming another address: the proxy appends the real one, and only the last hop counts.
    expect((await pair(url, '198.51.100.99, 203.0.113.7')).status).toBe(429);

    // Sign-in likewise: one address's failed attempts do not lock out another's sign-in.
    // (Each attempt at another account, so the per-account lockout does not answer first.)
    for (let i = 0; i < DEFAULT_RATE_LIMITS.signInPerMinute; i++) {
      expect((await signIn(url, '203.0.113.7', `guess-${i}`, 'wrong password')).status).toBe(401);
    }
    expect((await signIn(url, '203.0.113.7', 'guess-last', 'wrong password')).status).toBe(429);
    expect((await signIn(url, '198.51.100.23', 'admin', ADMIN_FIRST_PASSWORD)).status).toBe(200);
  });

  it('with a list of proxy addresses, the same', async () => {
    const url = await serve({ trustProxy: ['loopback'] });
    await usePairingLimit(url, '203.0.113.7');
    expect((await pair(url, '198.51.100.23')).status).toBe(201);
  });

  it('without it, every client behind the proxy shares one limit', async () => {
    const url = await serve();
    await usePairingLimit(url, '203.0.113.7');
    expect((await pair(url, '198.51.100.23')).status).toBe(429);
  });
});

describe('the session cookie', () => {
  const sessionCookie = async (url: string): Promise<string> => {
    const res = await signIn(url, undefined, 'admin', ADMIN_FIRST_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    return cookie!;
  };

  it('is Secure when the public URL is https://, without --secure-cookies', async () => {
    expect(await sessionCookie(await serve({ publicUrl: 'https://floor.example.com' }))).toMatch(/;\s*Secure/i);
  });

  it('is not Secure over a plain http:// public URL, or when turned off; --secure-cookies still turns it on', async () => {
    expect(await sessionCookie(await serve({ publicUrl: 'http://floor.example.com' }))).not.toMatch(/;\s*Secure/i);
    expect(await sessionCookie(await serve({ publicUrl: 'https://floor.example.com', secureCookies: false }))).not.toMatch(/;\s*Secure/i);
    expect(await sessionCookie(await serve({ secureCookies: true }))).toMatch(/;\s*Secure/i);
  });
});
