/**
 * A wallboard socket outliving its session. Sockets are cut at once on a revocation (sign
 * out, account disabled), but a session also ends with no revocation: idle past its expiry,
 * or its password past its age. A command from such a socket used to run with the rights of
 * its handshake; now the session is resolved again before each command (the HTTP check):
 * the command is refused with the sign-in (or change-password) problem and the socket cut.
 * A desk that only watches gives no command: its `resync` is checked the same way, and once
 * a minute a sweep (server/wallboard/session-sweep.ts) cuts the sockets of sessions that no
 * longer resolve, so a lapsed desk is no longer sent the floor. Real socket.io clients, real
 * access control, a fake clock (and fake intervals for the sweep).
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandResult } from '../../shared/commands.js';
import type { Problem } from '../../shared/problems.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createAccessEdge } from '../../server/access/edge.js';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService } from '../../server/access/service/access-service.js';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { T0 } from '../helpers/engine-harness.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { SESSION_SWEEP_MS } from '../../server/wallboard/session-sweep.js';
import { addPerson, INITIAL_ADMIN, pairedTvToken, signIn, wallboard, type Wallboard } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { once } from './once.js';

const HOUR = 3_600_000;
const opened: Array<{ app: Application; floor: Floor; sockets: Wallboard[] }> = [];

async function closeAll(): Promise<void> {
  for (const { app, floor, sockets } of opened.splice(0)) {
    for (const socket of sockets) socket.close();
    await app.close();
    await floor.close();
  }
}
afterEach(closeAll);

/** The server as startSecuredFloor builds it, with the session and password ages the test needs. */
async function start(o: { passwordMaxAgeDays?: number } = {}) {
  const clock = new FakeClock(T0);
  const logger = pino({ level: 'silent' });
  const floor = await Floor.open({ storage: createMemoryStorage(), clock, rules: defaultRulesConfig(), reorderWindowMs: 0 });
  const access = createAccessService({
    store: createMemoryAccessStore(), clock, logger, passwordParams: FAST_TEST_PARAMS, sessionTtlMs: 12 * HOUR,
    ...(o.passwordMaxAgeDays !== undefined && { passwordMaxAgeDays: o.passwordMaxAgeDays }),
  });
  await access.bootstrapAdmin({ envPassword: INITIAL_ADMIN });
  const app = createApplication({ floor, logger, access: createAccessEdge(access, logger, false) });
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const sockets: Wallboard[] = [];
  opened.push({ app, floor, sockets });
  const admin = await signIn(base, 'admin', INITIAL_ADMIN);
  const sup = await addPerson(admin, base, 'sup', 'supervisor');
  /** A connected wallboard socket (its snapshot received). */
  const screen = async (how: Parameters<typeof wallboard>[1]): Promise<Wallboard> => {
    const socket = wallboard(base, how);
    sockets.push(socket);
    await once(socket, 'snapshot');
    return socket;
  };
  return { clock, access, base, sup, screen };
}

/** An acknowledge of an alert that does not exist: what it is refused with says who was asking. */
function acknowledge(socket: Wallboard): Promise<CommandResult<unknown>> {
  return new Promise((resolve) => socket.emit('alert:acknowledge', { alertId: 'al-none' }, resolve));
}

/** Keeps the browser's session alive (any request does), as a person using the site would. */
async function use(b: Browser): Promise<void> {
  expect((await b.call('GET', '/api/v1/session')).status).toBe(200);
}

describe('a command from a socket whose session lapsed', () => {
  it('idle past the session expiry: refused with signInRequired, and the socket is cut', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    // Live session: the command runs (and is refused by the floor, not by access).
    const live = await acknowledge(socket);
    expect(live.ok).toBe(false);
    expect(live.ok === false && live.code).not.toBe('signInRequired');
    expect(socket.connected).toBe(true);

    s.clock.advance(12 * HOUR + 1);
    const cut = once(socket, 'disconnect');
    const lapsed = await acknowledge(socket);
    expect(lapsed).toMatchObject({ ok: false, code: 'signInRequired' });
    await cut;
    expect(socket.connected).toBe(false);
    // Its cookie opens nothing any more: the HTTP check agrees.
    expect((await s.sup.call('GET', '/api/v1/floor')).status).toBe(401);
  });

  it('a session kept alive by use is not cut', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    for (let i = 0; i < 3; i++) {
      s.clock.advance(11 * HOUR);
      await use(s.sup);
    }
    const result = await acknowledge(socket);
    expect(result.ok === false && result.code).not.toBe('signInRequired');
    expect(socket.connected).toBe(true);
  });

  it('its password past its age: refused with changePasswordFirst, and the socket is cut', async () => {
    const { socket } = await passwordPastItsAge();
    const cut = once(socket, 'disconnect');
    expect(await acknowledge(socket)).toMatchObject({ ok: false, code: 'changePasswordFirst' });
    await cut;
  });

  it('a paired display keeps its own path: its token still holds, its commands are refused by role as before', async () => {
    const s = await start();
    const tv = await s.screen({ deviceToken: await pairedTvToken(s.access) });
    s.clock.advance(13 * HOUR);
    expect(await acknowledge(tv)).toMatchObject({ ok: false, code: 'commandNotAllowed' });
    expect(tv.connected).toBe(true);
  });
});

/** A supervisor's screen whose session stayed alive (used) while the password, changed at sign-in, passed a day old. */
async function passwordPastItsAge() {
  const s = await start({ passwordMaxAgeDays: 1 });
  const socket = await s.screen({ browser: s.sup });
  for (let i = 0; i < 2; i++) {
    s.clock.advance(11 * HOUR);
    await use(s.sup);
  }
  s.clock.advance(3 * HOUR);
  return { s, socket };
}

/** A resync, and whether it was answered (a refused one is not: the socket is cut instead). */
function resync(socket: Wallboard): { answered: () => boolean; cut: Promise<unknown> } {
  let answered = false;
  const cut = once(socket, 'disconnect', 2_000);
  socket.emit('resync', () => { answered = true; });
  return { answered: () => answered, cut };
}

describe('a resync from a socket whose session lapsed', () => {
  it('is answered while the session holds', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    const snapshot = await new Promise((resolve) => socket.emit('resync', resolve));
    expect(snapshot).toMatchObject({ seq: expect.any(Number) });
    expect(socket.connected).toBe(true);
  });

  it('idle past the session expiry: not answered, and the socket is cut', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    s.clock.advance(12 * HOUR + 1);
    const asked = resync(socket);
    await asked.cut;
    expect(asked.answered()).toBe(false);
  });

  it('a paired display is answered as before', async () => {
    const s = await start();
    const tv = await s.screen({ deviceToken: await pairedTvToken(s.access) });
    s.clock.advance(13 * HOUR);
    expect(await new Promise((resolve) => tv.emit('resync', resolve))).toMatchObject({ seq: expect.any(Number) });
  });
});

describe('the once-a-minute sweep of a desk that only watches', () => {
  // Only the intervals are fake: socket.io's own timers (heartbeats, acks) run as ever.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(async () => {
    await closeAll();
    vi.useRealTimers();
  });

  /** Runs the sweep that is due, and lets its session look-ups finish. */
  async function sweep(): Promise<void> {
    vi.advanceTimersByTime(SESSION_SWEEP_MS);
    await new Promise((r) => setTimeout(r, 50));
  }

  it('idle past the session expiry: the socket is cut within a minute, and is sent no more of the floor', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    await sweep();
    expect(socket.connected).toBe(true);
    s.clock.advance(12 * HOUR + 1);
    const cut = once(socket, 'disconnect', 2_000);
    await sweep();
    expect(await cut).toBe('io server disconnect');
    // Its screen's reconnection is refused with the reason, and sent nothing.
    const again = wallboard(s.base, { browser: s.sup });
    const refused = await once<Error & { data?: Problem }>(again, 'connect_error');
    expect(refused.data?.code).toBe('signInRequired');
    again.close();
  });

  it('its password past its age: cut, and its reconnection told to change the password', async () => {
    const { s, socket } = await passwordPastItsAge();
    const cut = once(socket, 'disconnect', 2_000);
    await sweep();
    await cut;
    const again = wallboard(s.base, { browser: s.sup });
    expect((await once<Error & { data?: Problem }>(again, 'connect_error')).data?.code).toBe('changePasswordFirst');
    again.close();
  });

  it('is not use: a desk swept for hours, and resyncing, still idles out 12 hours after its last use', async () => {
    const s = await start();
    const socket = await s.screen({ browser: s.sup });
    for (let hour = 1; hour <= 11; hour++) {
      s.clock.advance(HOUR);
      await sweep();
      await new Promise((resolve) => socket.emit('resync', resolve));
    }
    expect(socket.connected).toBe(true);
    s.clock.advance(HOUR + 1);
    const cut = once(socket, 'disconnect', 2_000);
    await sweep();
    await cut;
    expect((await s.sup.call('GET', '/api/v1/floor')).status).toBe(401);
  });

  it('a session kept alive by use, and a paired display, are not cut', async () => {
    const s = await start();
    const desk = await s.screen({ browser: s.sup });
    const tv = await s.screen({ deviceToken: await pairedTvToken(s.access) });
    for (let i = 0; i < 3; i++) {
      s.clock.advance(11 * HOUR);
      await use(s.sup);
      await sweep();
    }
    expect(desk.connected).toBe(true);
    expect(tv.connected).toBe(true);
  });
});
