/**
 * The wallboard opened over plain HTTP from another machine (`http://server:8080/`, the
 * default `--host 0.0.0.0` install) was a blank page: every answer carried helmet's
 * `upgrade-insecure-requests` and HSTS, so the browser asked for the page's scripts over
 * https:// from a server that speaks no TLS. Those two go out only when the public URL is
 * https://; every other security header and CSP directive stays.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../server/serve.js';
import { ADMIN_FIRST_PASSWORD } from './server-process.js';

const running: Array<{ server: RunningServer; dir: string }> = [];

async function serve(options: Partial<ServeOptions> = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-headers-'));
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

/** The CSP's directives by name, from an answer of the server (a page route and the API alike). */
async function headersOf(url: string): Promise<{ csp: Map<string, string>; hsts: string | null; all: Headers }> {
  const res = await fetch(`${url}/health`);
  expect(res.status).toBe(200);
  const csp = new Map<string, string>();
  for (const directive of (res.headers.get('content-security-policy') ?? '').split(';')) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name) csp.set(name, values.join(' '));
  }
  return { csp, hsts: res.headers.get('strict-transport-security'), all: res.headers };
}

/** What every answer carries however the server is reached. */
function expectTheOtherHeaders({ csp, all }: Awaited<ReturnType<typeof headersOf>>): void {
  expect(csp.get('default-src')).toBe("'self'");
  expect(csp.get('connect-src')).toBe("'self'");
  expect(csp.get('img-src')).toBe("'self' data:");
  expect(csp.get('script-src')).toBe("'self'");
  expect(csp.get('object-src')).toBe("'none'");
  expect(csp.get('frame-ancestors')).toBe("'self'");
  expect(csp.get('base-uri')).toBe("'self'");
  expect(csp.get('form-action')).toBe("'self'");
  expect(all.get('x-content-type-options')).toBe('nosniff');
  expect(all.get('x-frame-options')).toBe('SAMEORIGIN');
}

describe('the HTTPS-only security headers', () => {
  it('are sent when the public URL is https:// (the server is reached over TLS)', async () => {
    const headers = await headersOf(await serve({ publicUrl: 'https://floor.example.com' }));
    expect(headers.csp.has('upgrade-insecure-requests')).toBe(true);
    expect(headers.hsts).toMatch(/max-age=\d+/);
    expectTheOtherHeaders(headers);
  });

  it('are not sent without a public URL, or with an http:// one: the page loads over plain HTTP from another machine', async () => {
    for (const options of [{}, { publicUrl: 'http://floor.example.com:8080' }]) {
      const headers = await headersOf(await serve(options));
      expect([...headers.csp.keys()], JSON.stringify(options)).not.toContain('upgrade-insecure-requests');
      expect(headers.hsts, JSON.stringify(options)).toBeNull();
      expectTheOtherHeaders(headers);
    }
  });
});
