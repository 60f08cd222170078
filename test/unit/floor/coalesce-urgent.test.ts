/**
 * With `urgentCoalesceMs` (serve: 25 ms), an alert waits for the inputs queued behind the
 * one that raised it, so a burst goes out as one delta; never longer than the bound, and
 * not at all when nothing is queued. `yieldBetweenInputs` runs before every input.
 */
import { describe, expect, it } from 'vitest';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

async function coalescingFloor(urgentCoalesceMs = 25) {
  const { floor, clock } = await openFloor({ reorderWindowMs: 0, urgentCoalesceMs });
  const deltas: FloorDelta[] = [];
  floor.onDelta((d) => deltas.push(d));
  clock.set(T0);
  return { floor, clock, deltas };
}

const urgent = (n: number) => ev(0, 'urgent.reported', { agentId: `100${n}`, callId: `c-${n}`, summary: 'complaint to the regulator' });
const agentsOf = (d: FloorDelta) => d.alerts.map((a) => a.agentId).sort();

describe('urgent deltas coalesced over queued inputs', () => {
  it('sends the alerts of inputs queued together as one delta, after the last of them', async () => {
    const { floor, deltas } = await coalescingFloor();
    await Promise.all([floor.ingest([urgent(1)]), floor.ingest([urgent(2)]), floor.ingest([urgent(3)])]);
    expect(deltas.map(agentsOf)).toEqual([['1001', '1002', '1003']]);
  });

  it('sends at once when nothing is queued behind', async () => {
    const { floor, deltas } = await coalescingFloor();
    await floor.ingest([urgent(1)]);
    expect(deltas.map(agentsOf)).toEqual([['1001']]);
    await floor.ingest([urgent(2)]);
    expect(deltas.map(agentsOf)).toEqual([['1001'], ['1002']]);
  });

  it('waits no longer than the bound: once it has waited that long it goes with the next input', async () => {
    // Each input starts 10 ms of the floor's clock after the one before.
    const { floor, clock } = await openFloor({ reorderWindowMs: 0, urgentCoalesceMs: 25, yieldBetweenInputs: async () => clock.advance(10) });
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    const login = (n: number) => floor.ingest([ev(0, 'agent.login', { agentId: `200${n}`, stationId: `S-${n}`, teamId: 't' })]);
    await Promise.all([floor.ingest([urgent(1)]), login(2), login(3), login(4), login(5)]);
    // Raised at +10; at the end of the input starting at +40 it has waited 30 ms: sent then,
    // with what was applied so far, although one more input was still queued.
    expect(deltas).toHaveLength(1);
    expect(agentsOf(deltas[0]!)).toEqual(['1001']);
    expect(deltas[0]!.agents.map((a) => a.agentId).sort()).toEqual(['2002', '2003', '2004']); // 2005 not yet applied
  });

  it('keeps an urgent input\'s alerts waiting for the urgent inputs behind it only, never for a bulk batch', async () => {
    const { floor, clock } = await openFloor({ reorderWindowMs: 0, urgentCoalesceMs: 60_000, urgentBatchEvents: 1 });
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    clock.set(T0);
    const bulk = [2, 3].map((n) => ev(0, 'agent.login', { agentId: `200${n}`, stationId: `S-${n}`, teamId: 't' }));
    let sentBeforeBulk: FloorDelta[] = [];
    await Promise.all([
      floor.ingest([urgent(1)]),
      floor.ingest(bulk).then(() => { sentBeforeBulk = deltas.slice(); }),
    ]);
    // Sent as soon as the urgent input was applied, before the bulk batch behind it ran.
    expect(deltas.length).toBeGreaterThan(0);
    expect(agentsOf(deltas[0]!)).toEqual(['1001']);
    expect(deltas[0]!.agents.map((a) => a.agentId)).not.toContain('2002');
    expect(sentBeforeBulk.length).toBeGreaterThan(0);
  });

  it('without the option every input sends its own alerts', async () => {
    const { floor, deltas } = await coalescingFloor(0);
    await Promise.all([floor.ingest([urgent(1)]), floor.ingest([urgent(2)])]);
    expect(deltas.map(agentsOf)).toEqual([['1001'], ['1002']]);
  });

  it('runs yieldBetweenInputs before every input', async () => {
    let yields = 0;
    const { floor } = await openFloor({ reorderWindowMs: 0, yieldBetweenInputs: async () => { yields += 1; } });
    await Promise.all([floor.ingest([urgent(1)]), floor.tick(), floor.ingest([urgent(2)])]);
    expect(yields).toBe(3);
  });
});

describe('snapshots while the floor is behind', () => {
  it('waits while inputs are queued behind, up to snapshotPostponeEntries, and takes it when the queue is empty', async () => {
    const { floor, storage } = await openFloor({ reorderWindowMs: 0, snapshotEveryEntries: 2, snapshotPostponeEntries: 5 });
    const taken: number[] = [];
    const save = storage.snapshots.save.bind(storage.snapshots);
    storage.snapshots.save = async (snapshot) => {
      taken.push(snapshot.seq);
      return save(snapshot);
    };
    const login = (n: number) => floor.ingest([ev(0, 'agent.login', { agentId: `300${n}`, stationId: `S-${n}`, teamId: 't' })]);
    // Four inputs queued together: due at the second, but others wait behind it until the last.
    await Promise.all([1, 2, 3, 4].map(login));
    expect(taken).toEqual([4]);
    // Seven queued together: 5 entries since the last one at seq 9 (taken although busy), then due again at the end.
    await Promise.all([5, 6, 7, 8, 9, 10, 11].map(login));
    expect(taken).toEqual([4, 9, 11]);
    // One at a time (nothing queued behind): every second one, as without the option.
    for (const n of [12, 13, 14, 15]) await login(n);
    expect(taken).toEqual([4, 9, 11, 13, 15]);
  });
});
