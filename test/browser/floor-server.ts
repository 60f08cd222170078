/**
 * A real floor (memory storage, default rules, no reorder window) behind the real
 * HTTP/socket.io application, serving the built client, on a clock the test moves.
 * Access is the stub edge that lets everyone in as a supervisor (access control has its
 * own browser test, over the real service: access-pages.test.ts).
 */
import { stubAccess, SUPERVISOR } from '../helpers/stub-access.js';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Me } from '../../shared/access.js';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import type { IngestResult } from '../../shared/ingest.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';

/** A floor on a clock that moves only when the test says so. */
export interface TestFloor {
  floor: Floor;
  /** Moves the clock to t0 + seconds and lets the floor catch up and send its delta. */
  advanceTo(seconds: number): Promise<void>;
}

export async function openTestFloor(t0: number, options: { demo?: boolean } = {}): Promise<TestFloor> {
  let time = t0;
  const floor = await Floor.open({
    storage: createMemoryStorage(), clock: { now: () => time }, rules: defaultRulesConfig(), reorderWindowMs: 0, demo: options.demo ?? false,
  });
  return {
    floor,
    async advanceTo(seconds) {
      time = t0 + seconds * 1000;
      await floor.tick();
      floor.flush();
    },
  };
}

export interface FloorServer extends TestFloor {
  base: string;
  /** Events stamped `seconds` after t0, as ISO strings the way a feed sends them. */
  at(seconds: number): string;
  post(events: unknown[]): Promise<IngestResult>;
  /** The seq each connected wallboard last said it read (`read`), undefined for one that never did. */
  readsOfScreens(): Array<number | undefined>;
  close(): Promise<void>;
}

/** `demo` marks the floor as simulator-fed, as `npm start` does, without running the simulator. */
export async function startFloorServer(t0: number, staticDir: string, options: { demo?: boolean } = {}): Promise<FloorServer> {
  const { floor, advanceTo } = await openTestFloor(t0, options);
  const { edge } = stubAccess();
  // The page asks who it is before it opens the floor: the stub's viewer answers.
  const me: Me = { kind: 'user', id: SUPERVISOR.id, name: SUPERVISOR.name, role: SUPERVISOR.role, teams: [], mustChangePassword: false };
  edge.router.get('/api/v1/session', (_req, res) => {
    res.json({ me });
  });
  // Names for the usernames the floor records (the real route: roles.test.ts).
  edge.router.get('/api/v1/people', (_req, res) => {
    res.json({ people: [{ username: SUPERVISOR.username, name: SUPERVISOR.name }] });
  });
  const application: Application = createApplication({ floor, logger: pino({ level: 'silent' }), staticDir, access: edge });
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;

  return {
    base,
    floor,
    advanceTo,
    at: (seconds) => new Date(t0 + seconds * 1000).toISOString(),
    async post(events) {
      const res = await fetch(`${base}/api/v1/events`, {
        method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json' },
      });
      if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as IngestResult;
    },
    readsOfScreens: () => [...application.io.of('/wallboard').sockets.values()].map((socket) => (socket.data as { read?: number }).read),
    async close() {
      await application.close();
      await floor.close();
    },
  };
}
