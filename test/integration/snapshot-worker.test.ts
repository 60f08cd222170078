/**
 * The snapshot worker for real: a thread per snapshot, with its own connection to the
 * floor's SQLite file, writes the snapshots while the floor goes on, and a floor opened
 * from what it wrote has the state the live one has.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { startSnapshotWorker } from '../../server/floor/snapshot-worker.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { T0 } from '../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../helpers/floor-harness.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-snap-worker-'));
  dirs.push(dir);
  return join(dir, 'floor.db');
}

/** A morning's first minutes: logins, calls rung and answered (late, so alerts), a rest. */
function traffic(round: number) {
  const at = round * 60;
  const agent = `a${round}`;
  return [
    ev(at, 'agent.login', { agentId: agent, stationId: `S-${round}`, teamId: `t${round % 3}` }),
    ev(at + 1, 'call.offered', { callId: `c${round}`, queue: 'general', direction: 'inbound' }),
    ev(at + 2, 'call.ringing', { callId: `c${round}`, agentId: agent }),
    ev(at + 20, 'call.answered', { callId: `c${round}`, agentId: agent }),
    ev(at + 50, 'call.ended', { callId: `c${round}`, agentId: agent, releasedBy: 'customer' }),
  ];
}

describe('the snapshot worker', () => {
  it('writes the floor\'s snapshots from a floor it rebuilds, and a floor opened from them has the live state', async () => {
    const path = dbFile();
    const storage = createSqliteStorage(path);
    const taker = startSnapshotWorker({ dbPath: path, rules: defaultRulesConfig(), reorderWindowMs: WINDOW });
    let savedHere = 0;
    const save = storage.snapshots.save.bind(storage.snapshots);
    storage.snapshots.save = async (s) => {
      savedHere++;
      await save(s);
    };
    const errors: unknown[] = [];
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 7, snapshotTaker: taker, onError: (e) => errors.push(e) });
    let written = 0;
    for (let round = 0; round < 6; round++) {
      clock.set(T0 + (round * 60 + 55) * 1000 + WINDOW);
      await floor.ingest(traffic(round));
      await floor.tick();
      const before = await storage.snapshots.latest();
      await floor.snapshotWritten();
      const after = await storage.snapshots.latest();
      if (after && after.seq !== before?.seq) written++;
    }
    expect(errors).toEqual([]);
    expect(savedHere).toBe(0);
    expect(written).toBeGreaterThanOrEqual(3);
    const latest = await storage.snapshots.latest();
    expect(latest?.seq).toBeGreaterThan(20);
    const live = floor.stateText();
    await floor.close();
    await taker.close();

    // Opened from the worker's latest snapshot and the log after it, on a new connection.
    const again = createSqliteStorage(path);
    const rebuilt = await openFloor({ storage: again, clock });
    expect(rebuilt.floor.restored.from).toBe('snapshot');
    await rebuilt.floor.tick();
    expect(JSON.parse(rebuilt.floor.stateText())).toEqual(JSON.parse(live));
    await rebuilt.floor.close();
    await again.close();
    await storage.close();
  });

  it('refuses takes once closed, and a worker that cannot open its file says so', async () => {
    const path = dbFile();
    const taker = startSnapshotWorker({ dbPath: path, rules: defaultRulesConfig(), reorderWindowMs: WINDOW });
    await taker.close();
    await expect(taker.take(1)).rejects.toThrow(/closed/);

    // A directory where the file should be: the thread fails at start, and take says why.
    const broken = startSnapshotWorker({ dbPath: dbFile().replace(/floor\.db$/, ''), rules: defaultRulesConfig(), reorderWindowMs: WINDOW });
    await expect(broken.take(1)).rejects.toThrow(/snapshot worker/);
    await broken.close();
  });
});
