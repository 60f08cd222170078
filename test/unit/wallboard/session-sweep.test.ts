/**
 * The once-a-minute sweep of wallboard sockets whose person's session lapsed
 * (server/wallboard/session-sweep.ts): one look-up per session, displays left to their own
 * revocation path, a failed look-up cutting nothing, sweeps never overlapping, and the
 * namespace's timer stopped on close. Against real access control: test/integration/
 * socket-session-lapse.test.ts.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Authenticator, Viewer } from '../../../server/access/principal.js';
import type { FloorService } from '../../../server/floor/types.js';
import type { CommandHandlers } from '../../../server/http/command-handlers.js';
import { registerWallboardNamespace, type WallboardNamespace } from '../../../server/wallboard/namespace.js';
import { SESSION_SWEEP_MS, startSessionSweep, sweepSessions, type SweptSocket } from '../../../server/wallboard/session-sweep.js';

const logger = pino({ level: 'silent' });

const person = (id: string, sessionId: string): Viewer => ({
  kind: 'user', id, username: id, name: id, role: 'supervisor', teams: [], mustChangePassword: false, sessionId,
});
const display: Viewer = { kind: 'device', id: 'd1', name: 'TV', role: 'display', teams: [] };

function socket(viewer: Viewer, cookie = viewer.kind === 'user' ? viewer.sessionId : ''): SweptSocket & { cut: boolean } {
  const s = {
    data: { viewer }, handshake: { headers: { cookie }, auth: {} }, connected: true, cut: false,
    disconnect: () => {
      s.cut = true;
      s.connected = false;
    },
  };
  return s;
}

/** Sessions by cookie: those in `live` resolve to their person, the rest to no one. */
function authWith(live: Map<string, Viewer>, asked: string[] = []): Authenticator {
  return {
    viewerFromHandshake: async (h) => {
      const cookie = String(h.headers.cookie);
      asked.push(cookie);
      return live.get(cookie) ?? null;
    },
    viewerFromRequest: async () => null,
    feedFromToken: async () => null,
    onRevoked: () => () => {},
  };
}

describe('sweeping the sessions of wallboard sockets', () => {
  it('cuts the sockets of a session that no longer resolves, looking each session up once', async () => {
    const alive = person('u-a', 's-a');
    const gone = person('u-b', 's-b');
    const asked: string[] = [];
    const sockets = [socket(alive), socket(alive), socket(gone), socket(gone)];
    await sweepSessions(sockets, authWith(new Map([['s-a', alive]]), asked), logger);
    expect(sockets.map((s) => s.cut)).toEqual([false, false, true, true]);
    expect(asked.sort()).toEqual(['s-a', 's-b']);
  });

  it('cuts a socket whose session now belongs to a password to change, or to another session', async () => {
    const held = person('u-a', 's-a');
    const mustChange = socket(held);
    await sweepSessions([mustChange], authWith(new Map([['s-a', { ...held, mustChangePassword: true }]])), logger);
    expect(mustChange.cut).toBe(true);
    const other = socket(held);
    await sweepSessions([other], authWith(new Map([['s-a', { ...held, sessionId: 's-other' }]])), logger);
    expect(other.cut).toBe(true);
  });

  it('leaves paired displays and disconnected sockets alone', async () => {
    const asked: string[] = [];
    const tv = socket(display);
    const left = socket(person('u-a', 's-a'));
    left.connected = false;
    await sweepSessions([tv, left], authWith(new Map(), asked), logger);
    expect(asked).toEqual([]);
    expect(tv.cut).toBe(false);
  });

  it('a look-up that fails cuts nothing', async () => {
    const s = socket(person('u-a', 's-a'));
    const failing: Authenticator = { ...authWith(new Map()), viewerFromHandshake: () => Promise.reject(new Error('store down')) };
    await sweepSessions([s], failing, logger);
    expect(s.cut).toBe(false);
  });

  it('runs once a minute on the timer it is given, never two sweeps at once, until stopped', async () => {
    let tick: (() => void) | undefined;
    let every: number | undefined;
    let stopped = false;
    const pending: Array<() => void> = [];
    let lookups = 0;
    const slow: Authenticator = {
      ...authWith(new Map()),
      viewerFromHandshake: () => {
        lookups += 1;
        return new Promise((resolve) => pending.push(() => resolve(null)));
      },
    };
    const s = socket(person('u-a', 's-a'));
    const stop = startSessionSweep(() => [s], slow, logger, (run, ms) => {
      tick = run;
      every = ms;
      return () => { stopped = true; };
    });
    expect(every).toBe(SESSION_SWEEP_MS);
    tick!();
    tick!();
    expect(lookups).toBe(1);
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.cut).toBe(true);
    stop();
    expect(stopped).toBe(true);
  });

  it('the namespace starts its sweep and stops it on close', () => {
    let started = 0;
    let stopped = 0;
    const nsp = { use: () => {}, on: () => {}, local: {}, sockets: new Map() } as unknown as WallboardNamespace;
    const floor = { onDelta: () => () => {} } as unknown as FloorService;
    const close = registerWallboardNamespace(nsp, {
      floor, commands: {} as CommandHandlers, auth: authWith(new Map()), logger,
      sweepEvery: (_run, ms) => {
        expect(ms).toBe(SESSION_SWEEP_MS);
        started += 1;
        return () => { stopped += 1; };
      },
    });
    expect([started, stopped]).toEqual([1, 0]);
    close();
    expect([started, stopped]).toEqual([1, 1]);
  });
});
