/**
 * With `deferUrgent` (serve passes setImmediate), alerts raised by inputs applied before
 * the deferred send runs go out as one delta, and nothing is lost or sent twice. The test
 * holds the deferred sends itself and runs them when it chooses, as the event loop would.
 */
import { describe, expect, it } from 'vitest';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

async function deferredFloor() {
  const waiting: Array<() => void> = [];
  const { floor, clock } = await openFloor({ reorderWindowMs: 0, deferUrgent: (send) => waiting.push(send) });
  const deltas: FloorDelta[] = [];
  floor.onDelta((d) => deltas.push(d));
  clock.set(T0);
  /** Runs the deferred sends, then lets the floor's chain finish them. */
  const runDeferred = async (): Promise<void> => {
    for (const send of waiting.splice(0)) send();
    await floor.snapshotNow(); // queued behind the deferred flush on the same chain
  };
  return { floor, deltas, waiting, runDeferred };
}

const urgent = (n: number) => ev(0, 'urgent.reported', { agentId: `100${n}`, callId: `c-${n}`, summary: 'complaint to the regulator' });

describe('deferred urgent deltas', () => {
  it('sends the alerts of inputs applied in one turn as one delta', async () => {
    const { floor, deltas, waiting, runDeferred } = await deferredFloor();
    await Promise.all([floor.ingest([urgent(1)]), floor.ingest([urgent(2)]), floor.ingest([urgent(3)])]);
    expect(deltas).toEqual([]); // nothing yet: the send is deferred
    expect(waiting).toHaveLength(1); // one deferred send for the three inputs
    await runDeferred();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]!.alerts.map((a) => a.agentId).sort()).toEqual(['1001', '1002', '1003']);
  });

  it('defers again for alerts raised after the deferred send ran', async () => {
    const { floor, deltas, waiting, runDeferred } = await deferredFloor();
    await floor.ingest([urgent(1)]);
    await runDeferred();
    await floor.ingest([urgent(2)]);
    expect(waiting).toHaveLength(1);
    await runDeferred();
    expect(deltas.map((d) => d.alerts.map((a) => a.agentId))).toEqual([['1001'], ['1002']]);
    expect(deltas[1]!.seq).toBe(deltas[0]!.seq + 1);
  });

  it('sends nothing extra when a tick already sent the alert', async () => {
    const { floor, deltas, runDeferred } = await deferredFloor();
    await floor.ingest([urgent(1)]);
    await floor.tick(); // the tick sends urgent deltas itself
    expect(deltas).toHaveLength(1);
    await runDeferred();
    expect(deltas).toHaveLength(1);
  });
});
