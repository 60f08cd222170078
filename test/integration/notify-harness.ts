/**
 * What the notification tests run against: a local HTTP receiver that records every
 * request and answers as told, a real SMTP server (smtp-server) on a random loopback
 * port, and the whole server in-process (floor, access control and notifications on one
 * SQLite file, the HTTP app on port 0) on a clock the test moves.
 */
import fs from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { SMTPServer } from 'smtp-server';
import { floorEventSchema } from '../../shared/events.js';
import { notifyFileSchema, type NotifyFile } from '../../shared/notify.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createAccessEdge } from '../../server/access/edge.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService, type AccessService } from '../../server/access/service/access-service.js';
import { createSqliteAccessStore } from '../../server/access/sqlite/index.js';
import type { AccessStore } from '../../server/access/types.js';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { createNotifier, type Notifier } from '../../server/notify/notifier.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import type { Storage } from '../../server/storage/types.js';
import { T0 } from '../helpers/engine-harness.js';
import { FakeClock } from '../helpers/fake-clock.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  requests: Received[];
  /** How to answer the next requests (default 200 "ok"). */
  reply: (req: Received) => { status: number; body: string };
  /** Resolves when `n` requests in all have arrived. */
  received(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const waiters: Array<() => void> = [];
  const r: HttpReceiver = {
    url: '',
    requests: [],
    reply: () => ({ status: 200, body: 'ok' }),
    received(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${r.requests.length} of ${n} requests within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (r.requests.length < n) return false;
          clearTimeout(timer);
          resolve(r.requests.slice(0, n));
          return true;
        };
        if (!check()) waiters.push(() => void check());
      });
    },
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      r.requests.push(received);
      const { status, body } = r.reply(received);
      res.writeHead(status, { 'content-type': body.startsWith('{') ? 'application/json' : 'text/plain' });
      res.end(body);
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return r;
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  mails: Mail[];
  received(n: number, timeoutMs?: number): Promise<Mail[]>;
  close(): Promise<void>;
}

/** A real SMTP server (no TLS, no authentication) that keeps every message it is given. */
export async function startSmtpServer(): Promise<SmtpSink> {
  const mails: Mail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((t) => t.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
        for (const w of waiters.splice(0)) w();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    received(n, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${mails.length} of ${n} mails within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (mails.length < n) return false;
          clearTimeout(timer);
          resolve(mails.slice(0, n));
          return true;
        };
        if (!check()) waiters.push(() => void check());
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of every part of a MIME message (quoted-printable and base64), headers included. */
export function mailText(raw: string): string {
  const unfolded = raw.replace(/\r\n/g, '\n');
  const decoded: string[] = [unfolded];
  for (const part of unfolded.split(/\n--[^\n]+\n/)) {
    const split = part.indexOf('\n\n');
    if (split < 0) continue;
    const headers = part.slice(0, split).toLowerCase();
    const body = part.slice(split + 2);
    if (headers.includes('content-transfer-encoding: quoted-printable')) {
      const bytes = body.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      decoded.push(Buffer.from(bytes, 'latin1').toString('utf8'));
    } else if (headers.includes('content-transfer-encoding: base64')) {
      decoded.push(Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8'));
    }
  }
  // Encoded-word headers (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as in the Subject.
  return decoded.join('\n').replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_m, enc: string, text: string) => (enc.toLowerCase() === 'b'
    ? Buffer.from(text, 'base64').toString('utf8')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')));
}

export const CALLER = '13812345678';
export const ADMIN_INITIAL = 'initial-admin-password-notify';
const at = (seconds: number) => T0 + seconds * 1000;

export interface World {
  db: string;
  base: string;
  clock: FakeClock;
  floor: Floor;
  access: AccessService;
  notifier: Notifier;
  app: Application;
  /** Account ids by username. */
  accounts: Map<string, string>;
  /** Validated events straight into the floor, then waits until they are decided. */
  ingest(events: Array<Record<string, unknown>>): Promise<void>;
  /** Moves the clock and lets the floor fire its timers (escalations); waits for the decisions. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const PEOPLE = [
  { username: 'lead-a', name: 'Lead A', role: 'lead', teams: ['A'] },
  { username: 'lead-b', name: 'Lead B', role: 'lead', teams: ['B'] },
  { username: 'sup', name: 'Supervisor', role: 'supervisor', teams: [] },
  { username: 'mgr', name: 'Manager', role: 'manager', teams: [] },
] as const;

export function tempDb(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-notify-')), 'floor.db');
}

export function notifyFile(input: unknown): NotifyFile {
  return notifyFileSchema.parse(input);
}

/**
 * The server in-process on one SQLite file. Open it again on the same file (and clock) to
 * play a restart; `send: false` leaves the sender to the test (`notifier.sender.runDue()`).
 */
export async function openWorld(o: { db?: string; clock?: FakeClock; file?: NotifyFile; send?: boolean; ackLinkMinutes?: number; logger?: Logger } = {}): Promise<World> {
  const db = o.db ?? tempDb();
  const clock = o.clock ?? new FakeClock(at(0));
  const logger = o.logger ?? pino({ level: 'silent' });
  const storage: Storage = createSqliteStorage(db);
  const floor = await Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: 0 });
  const accessStore: AccessStore = createSqliteAccessStore(db);
  const access = createAccessService({ store: accessStore, clock, logger, passwordParams: FAST_TEST_PARAMS });
  await access.bootstrapAdmin({ envPassword: ADMIN_INITIAL });
  const accounts = new Map((await access.listAccounts()).map((a) => [a.username, a.id]));
  for (const p of PEOPLE) {
    if (!accounts.has(p.username)) accounts.set(p.username, (await access.createAccount({ ...p, teams: [...p.teams] }, accounts.get('admin')!)).account.id);
  }
  const edge = createAccessEdge(access, logger, false);
  let notifier: Notifier;
  try {
    notifier = await createNotifier({
      db, floor, accounts: access, audit: access, logger, requireViewer: edge.requireViewer, clock, random: () => 0,
      ...(o.file && { file: { path: 'test-notifications.yaml', content: o.file } }),
    });
  } catch (err) {
    await floor.close();
    await storage.close();
    await accessStore.close();
    throw err;
  }
  const app = createApplication({ floor, logger, access: edge, notify: notifier.router });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  await notifier.start({ serverUrl: base, send: o.send ?? false });
  let n = 0;
  return {
    db, base, clock, floor, access, notifier, app, accounts,
    async ingest(events) {
      const outcome = await floor.ingest(events.map((e) => floorEventSchema.parse({ id: `ev-${clock.now()}-${++n}`, ts: clock.now(), ...e })));
      if (outcome.refused.length > 0) throw new Error(`refused: ${JSON.stringify(outcome.refused)}`);
      await notifier.settled();
    },
    async advance(ms) {
      clock.advance(ms);
      await floor.tick();
      floor.flush();
      await notifier.settled();
    },
    async close() {
      await app.close();
      await notifier.close();
      await floor.close();
      await storage.close();
      await accessStore.close();
    },
  };
}

/** An agent of `team` on a call who says a forbidden phrase: a critical alert, the caller's number in `sensitive`. */
export function forbiddenPhrase(agentId: string, team: string, callId: string): Array<Record<string, unknown>> {
  return [
    { type: 'agent.login', agentId, stationId: `S-${agentId}`, teamId: team },
    { type: 'call.offered', callId, queue: 'cards', direction: 'inbound', from: CALLER },
    { type: 'call.ringing', callId, agentId },
    { type: 'call.answered', callId, agentId },
    { type: 'transcript.utterance', callId, speaker: 'agent', agentId, text: `这个我不知道，${CALLER}` },
  ];
}
