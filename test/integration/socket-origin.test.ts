/**
 * Behind a reverse proxy every wallboard socket was refused, silently: socket.io's origin
 * check compared the browser's Origin with the Host header, and nginx sends its
 * `proxy_pass` address as Host by default. The public URL's origin is now accepted too, and
 * with `--trust-proxy` the origin a trusted proxy names in X-Forwarded-Host/-Proto; any
 * other page is still refused (it would get a socket with our cookies), and each refusal
 * is logged, once a minute per Origin at most, with how to fix it. Real servers on port 0,
 * real HTTP handshakes and real socket.io clients.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createApplication, type Application, type ApplicationDeps } from '../../server/app.js';
import { startServer, type RunningServer, type ServeOptions } from '../../server/serve.js';
import { stubAccess } from '../helpers/stub-access.js';
import { FakeFloor } from './fake-floor.js';
import { once } from './once.js';
import { ADMIN_FIRST_PASSWORD } from './server-process.js';

const PUBLIC = 'https://floor.example.com';

interface LogLine { level: number; msg: string; origin?: string; host?: string; forwardedHost?: string }

/** A logger whose warnings the test reads. */
function capturingLogger() {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text.trim() !== '') lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });
  const refusals = () => lines.filter((l) => l.level === 40 && l.msg.startsWith('socket.io: refused'));
  return { logger: pino({ level: 'warn' }, stream), refusals };
}

const servers: Array<{ server: RunningServer; dir: string }> = [];
const apps: Application[] = [];
const clients: ClientSocket[] = [];

afterEach(async () => {
  for (const socket of clients.splice(0)) socket.disconnect();
  await Promise.all(apps.splice(0).map((a) => a.close()));
  for (const { server, dir } of servers.splice(0)) {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** `floorwatch serve` as the CLI starts it, listening on 127.0.0.1 (where nginx's proxy_pass points). */
async function serve(options: Partial<ServeOptions> = {}): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-origin-'));
  const server = await startServer({
    port: 0, host: '127.0.0.1', db: path.join(dir, 'floor.db'), reorderWindowMs: 0, retentionDays: 7,
    durability: 'NORMAL', logger: pino({ level: 'silent' }), adminPassword: ADMIN_FIRST_PASSWORD, announce: () => undefined,
    ...options,
  });
  servers.push({ server, dir });
  return server.url;
}

/** The app alone, everyone let in as a supervisor: a socket the origin check admits connects. */
async function start(options: Partial<ApplicationDeps> = {}): Promise<string> {
  const application = createApplication({ floor: new FakeFloor(), logger: pino({ level: 'silent' }), access: stubAccess().edge, ...options });
  apps.push(application);
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
}

/** The engine.io handshake as the installer's curl sent it (the Host is the server's own address, as nginx sends it). */
function handshake(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/socket.io/?EIO=4&transport=polling`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** A wallboard socket over WebSocket with these handshake headers: 'connected', or 'refused'. */
async function wallboardWith(url: string, headers: Record<string, string>): Promise<'connected' | 'refused'> {
  const socket = connect(`${url}/wallboard`, { transports: ['websocket'], reconnection: false, extraHeaders: headers });
  clients.push(socket);
  const outcome = await Promise.race([
    once(socket, 'connect').then(() => 'connected' as const),
    once<Error>(socket, 'connect_error').then(() => 'refused' as const),
  ]);
  socket.disconnect();
  return outcome;
}

const viaProxy = { origin: PUBLIC, 'x-forwarded-host': 'floor.example.com', 'x-forwarded-proto': 'https' };

describe('a wallboard behind nginx with its default Host (the proxy_pass address)', () => {
  it('is accepted when its Origin is the --public-url (and refused, 403, without it)', async () => {
    expect(await handshake(await serve(), viaProxy)).toEqual({ status: 403, body: '{"code":4,"message":"Forbidden"}' });
    const url = await serve({ publicUrl: PUBLIC });
    const answer = await handshake(url, viaProxy);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^0\{"sid":/);
  });

  it('is accepted with --trust-proxy from the proxy\'s X-Forwarded-Host and -Proto', async () => {
    const url = await serve({ trustProxy: ['loopback'] });
    const answer = await handshake(url, viaProxy);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^0\{"sid":/);
  });
});

describe('which pages may open a socket', () => {
  it('with a public URL: that origin, the Host\'s origin and feeds (no Origin); not another page, scheme or port', async () => {
    const url = await start({ publicUrl: PUBLIC });
    expect(await wallboardWith(url, { origin: PUBLIC })).toBe('connected');
    expect(await wallboardWith(url, { origin: `${PUBLIC}:443` })).toBe('connected');
    expect(await wallboardWith(url, { origin: new URL(url).origin })).toBe('connected');
    expect(await wallboardWith(url, {})).toBe('connected');
    for (const origin of ['https://evil.example', 'http://floor.example.com', 'https://floor.example.com:8443', 'https://floor.example.com.evil.example', 'null']) {
      expect([origin, await wallboardWith(url, { origin })]).toEqual([origin, 'refused']);
    }
  });

  it('with --trust-proxy: the origin the proxy names; not another page, nor another scheme than the proxy\'s', async () => {
    const url = await start({ trustProxy: ['loopback'] });
    expect(await wallboardWith(url, viaProxy)).toBe('connected');
    // Without X-Forwarded-Proto the host alone is compared, as with the Host header.
    expect(await wallboardWith(url, { origin: PUBLIC, 'x-forwarded-host': 'floor.example.com' })).toBe('connected');
    expect(await wallboardWith(url, { ...viaProxy, origin: 'https://evil.example' })).toBe('refused');
    expect(await wallboardWith(url, { ...viaProxy, 'x-forwarded-proto': 'http' })).toBe('refused');
    expect(await wallboardWith(url, { ...viaProxy, 'x-forwarded-host': 'other.example.com' })).toBe('refused');
    // Not believed from a peer that is not a trusted proxy: 127.0.0.1 is not in 10.0.0.0/8,
    // and without --trust-proxy nobody is trusted.
    for (const options of [{}, { trustProxy: ['10.0.0.0/8'] }]) {
      expect([options, await wallboardWith(await start(options), viaProxy)]).toEqual([options, 'refused']);
    }
  });
});

describe('a refused handshake', () => {
  it('is logged at warn, naming the Origin and Host and the fix, once per origin (not once per attempt)', async () => {
    const { logger, refusals } = capturingLogger();
    const url = await start({ logger });
    const host = new URL(url).host;
    for (let i = 0; i < 3; i++) expect(await handshake(url, viaProxy)).toMatchObject({ status: 403 });
    expect(refusals()).toHaveLength(1);
    const [line] = refusals();
    expect(line).toMatchObject({ origin: PUBLIC, host, forwardedHost: 'floor.example.com' });
    expect(line!.msg).toContain(`Origin ${PUBLIC}`);
    expect(line!.msg).toContain(`Host ${host}`);
    // Not trusted: the fix named is --trust-proxy.
    expect(line!.msg).toContain('--trust-proxy');

    expect(await wallboardWith(url, { origin: 'https://other.example.com' })).toBe('refused');
    expect(refusals()).toHaveLength(2);
    expect(refusals()[1]).toMatchObject({ origin: 'https://other.example.com', host });
    expect(refusals()[1]!.msg).toContain('--public-url');
    expect(refusals()[1]!.msg).toContain('proxy_set_header Host $host');
    expect(await wallboardWith(url, { origin: 'https://other.example.com' })).toBe('refused');
    expect(refusals()).toHaveLength(2);
  });
});
