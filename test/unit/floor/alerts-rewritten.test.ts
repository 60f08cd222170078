/**
 * An alert whose write was lost before the latest snapshot (the process died between
 * applying an input and writing its alerts, or the write failed) is written when the floor
 * is next opened: the snapshot's state has it, the replay after the snapshot would not.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';

describe('opening a floor', () => {
  it('writes its live alerts again, so one whose write was lost is in the alerts table', async () => {
    const storage = createMemoryStorage();
    const upsert = storage.alerts.upsert.bind(storage.alerts);
    let lose = true;
    storage.alerts.upsert = async (alerts) => {
      if (!lose) await upsert(alerts);
    };
    const { floor, clock } = await openFloor({ storage });
    clock.set(T0 + 1000);
    await floor.ingest([
      ev(0, 'call.offered', { callId: 'c1', queue: 'q', direction: 'inbound' }),
      ev(0, 'call.ringing', { callId: 'c1', agentId: 'a1' }),
    ]);
    clock.set(T0 + 11_000 + WINDOW);
    await floor.tick();
    await floor.snapshotNow();
    lose = false;
    expect(await storage.alerts.list({ status: ['open'] })).toEqual([]);

    await openFloor({ storage, clock });
    expect((await storage.alerts.list({ status: ['open'] })).map((a) => [a.rule, a.callId])).toEqual([['answer-3-rings', 'c1']]);
  });
});
