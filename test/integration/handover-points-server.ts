/**
 * The whole server in-process as `serve` wires it for issue 6: the floor on a SQLite file,
 * the points ledger in its storage, the handover table in the same file, real access
 * control and audit, a fake clock. For the points and handover tests over real HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Role } from '../../shared/access.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createApplication, type Application } from '../../server/app.js';
import { createAccessEdge } from '../../server/access/edge.js';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService, type AccessService } from '../../server/access/service/access-service.js';
import { Floor } from '../../server/floor/floor.js';
import { createHandoverService } from '../../server/handover/service.js';
import { createSqliteHandoverStore } from '../../server/handover/sqlite-store.js';
import type { HandoverStore } from '../../server/handover/store.js';
import { createPointsService } from '../../server/points/service.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import type { Storage } from '../../server/storage/types.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { addPerson, INITIAL_ADMIN, pairedTvToken, signIn } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';

export interface Issue6Server {
  base: string;
  file: string;
  floor: Floor;
  storage: Storage;
  handoverStore: HandoverStore;
  clock: FakeClock;
  access: AccessService;
  app: Application;
  feedToken: string;
  admin: Browser;
  /** Creates an account through the admin API and signs it in (first password changed). */
  person(username: string, role: Exclude<Role, 'display'>, teams?: string[]): Promise<Browser>;
  /** A paired TV's device token. */
  tvToken(): Promise<string>;
  /** Posts events with the feed token (ts defaults to the clock), then lets the floor apply them. */
  ingest(events: Array<Record<string, unknown>>): Promise<void>;
  close(): Promise<void>;
}

export async function startIssue6Server(startAt: number): Promise<Issue6Server> {
  const dir = mkdtempSync(join(tmpdir(), 'floorwatch-issue6-'));
  const file = join(dir, 'floor.db');
  const clock = new FakeClock(startAt);
  const logger = pino({ level: 'silent' });
  const storage = createSqliteStorage(file);
  const floor = await Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: 0 });
  const access = createAccessService({ store: createMemoryAccessStore(), clock, logger, passwordParams: FAST_TEST_PARAMS });
  await access.bootstrapAdmin({ envPassword: INITIAL_ADMIN });
  const handoverStore = createSqliteHandoverStore(file);
  const app = createApplication({
    floor, logger, access: createAccessEdge(access, logger, false),
    points: createPointsService({ ledger: storage.points, floor, audit: access, clock }),
    handovers: createHandoverService({ floor, store: handoverStore, audit: access, clock, logger }),
  });
  await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  const { token: feedToken } = await access.createFeedToken('test feed', 'setup');
  const admin = await signIn(base, 'admin', INITIAL_ADMIN);
  let n = 0;

  return {
    base, file, floor, storage, handoverStore, clock, access, app, feedToken, admin,
    person: (username, role, teams = []) => addPerson(admin, base, username, role, teams),
    tvToken: () => pairedTvToken(access),
    async ingest(events) {
      const res = await fetch(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${feedToken}` },
        body: JSON.stringify(events.map((e) => ({ id: `it-${++n}`, ts: clock.now(), ...e }))),
      });
      if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
      await floor.tick();
    },
    async close() {
      await app.close();
      await floor.close();
      await storage.close();
      await handoverStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
