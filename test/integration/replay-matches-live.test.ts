/**
 * `floorwatch replay` of a simulated day gives the same figures and alerts as the live
 * server fed the same events over HTTP (batched, a little late, as a real feed sends them).
 */
import { stubAccess } from '../helpers/stub-access.js';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.js';
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { createApplication } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { replayEvents } from '../../server/replay/replay.js';
import { simulateFloor } from '../../server/simulate/simulate.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { FakeClock } from '../helpers/fake-clock.js';

const START = Date.parse('2026-11-27T08:30:00+08:00');
const WINDOW = 10_000;
const BATCH_MS = 5_000;

describe('replay and the live server agree', () => {
  it('on a simulated morning of 60 agents', async () => {
    const events: FloorEvent[] = [...simulateFloor({ seed: 7, agents: 60, start: START, durationMs: 2 * 3600_000 })]
      .map((e) => floorEventSchema.parse(e));
    expect(events.length).toBeGreaterThan(5000);
    const replayed = replayEvents(events, defaultRulesConfig());

    const clock = new FakeClock(events[0].ts);
    const storage = createSqliteStorage(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-live-')), 'live.db'));
    const floor = await Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: WINDOW });
    const app = createApplication({ floor, logger: pino({ level: 'silent' }), access: stubAccess().edge, ingestPerMinute: 1_000_000 });
    await new Promise<void>((r) => app.httpServer.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    try {
      // The feed sends every 5 s what happened in those 5 s, arriving half a second later.
      for (let i = 0; i < events.length;) {
        const until = events[i].ts + BATCH_MS;
        let j = i;
        while (j < events.length && events[j].ts < until) j++;
        const batch = events.slice(i, j);
        clock.set(batch[batch.length - 1].ts + 500);
        const res = await fetch(`${base}/api/v1/events`, {
          method: 'POST', body: batch.map((e) => JSON.stringify(e)).join('\n'), headers: { 'content-type': 'application/x-ndjson' },
        });
        expect((await res.json()) as object).toMatchObject({ accepted: batch.length, rejected: 0 });
        await floor.tick();
        i = j;
      }
      clock.set(events[events.length - 1].ts + WINDOW);
      await floor.tick();
      const live = (await (await fetch(`${base}/api/v1/floor`)).json()) as FloorSnapshot;
      const liveAlerts = (await (await fetch(`${base}/api/v1/alerts?limit=5000`)).json()) as Alert[];

      expect(Object.fromEntries(live.queues.map((q) => [q.queue, q]))).toEqual(replayed.queues);
      expect(live.floor).toEqual(replayed.floor);
      expect(Object.fromEntries(live.agents.map((a) => [a.agentId, a]))).toEqual(replayed.agents);
      expect(live.compliance).toEqual(replayed.compliance);
      const summary = (a: { id: string; rule: string; status: string; agentId?: string; callId?: string }) =>
        `${a.id} ${a.rule} ${a.status} ${a.agentId ?? '-'} ${a.callId ?? '-'}`;
      expect(liveAlerts.map(summary).sort()).toEqual(replayed.alerts.map(summary).sort());
      expect(liveAlerts.map((a) => new Date(a.openedAt).toISOString()).sort())
        .toEqual(replayed.alerts.map((a) => a.openedAt).sort());
      // A realistic share of breaches: alerts of most rules, not a flood.
      expect(new Set(replayed.alerts.map((a) => a.rule)).size).toBeGreaterThanOrEqual(8);
    } finally {
      await app.close();
      await floor.close();
      await storage.close();
    }
  }, 120_000);
});
