/**
 * With status backoff on (as `serve` runs), an alert never waits for the status cadence:
 * when the status is not due it goes out alone, and the agent changes follow in the next
 * full delta (agent views are whole states, so nothing is lost by sending them later).
 */
import { describe, expect, it } from 'vitest';
import type { FloorDelta } from '../../../shared/wallboard.js';
import type { FloorOptions } from '../../../server/floor/floor.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

/** Agent 1001 logged in, its full delta sent at T0 + 200 ms; returns the deltas seen so far. */
async function loggedIn(options: Pick<FloorOptions, 'statusBackoff'>) {
  const { floor, clock } = await openFloor({ reorderWindowMs: 0, ...options });
  const deltas: FloorDelta[] = [];
  floor.onDelta((d) => deltas.push(d));
  clock.set(T0);
  await floor.ingest([ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' })]);
  clock.set(T0 + 200);
  await floor.tick();
  return { floor, clock, deltas };
}

/** 50 ms after the full delta, the agent goes not ready and reports an urgent matter. */
async function notReadyAndUrgent({ floor, clock }: Awaited<ReturnType<typeof loggedIn>>): Promise<void> {
  clock.set(T0 + 250);
  await floor.ingest([
    ev(0.25, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'meeting' }),
    ev(0.25, 'urgent.reported', { agentId: '1001', summary: 'threat to go to the regulator' }),
  ]);
  await floor.tick();
}

describe('status backoff', () => {
  it('sends an alert at once and alone while the status is not due, then the status with the next full delta', async () => {
    const f = await loggedIn({ statusBackoff: 4 });
    const { floor, clock, deltas } = f;
    expect(deltas.at(-1)?.agents.map((a) => a.agentId)).toEqual(['1001']);
    const fullAt = deltas.length;

    await notReadyAndUrgent(f);
    const alone = deltas.slice(fullAt);
    expect(alone).toHaveLength(1);
    expect(alone[0]).toMatchObject({ agents: [], queues: [] });
    expect(alone[0]!.alerts.map((a) => a.rule)).toEqual(['urgent-escalation']);

    // The status is due 200 ms after the last full delta (not a millisecond before): the agent's change goes out then.
    clock.set(T0 + 399);
    await floor.tick();
    expect(deltas.slice(fullAt + 1)).toEqual([]);
    clock.set(T0 + 400);
    await floor.tick();
    const next = deltas.slice(fullAt + 1);
    expect(next).toHaveLength(1);
    expect(next[0]!.agents).toEqual([expect.objectContaining({ agentId: '1001', state: 'not_ready' })]);
    expect(next[0]!.seq).toBe(alone[0]!.seq + 1);
  });

  it('without backoff (the default) an alert carries the pending status with it', async () => {
    const f = await loggedIn({});
    const before = f.deltas.length;
    await notReadyAndUrgent(f);
    const sent = f.deltas.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.agents.map((a) => a.state)).toEqual(['not_ready']);
    expect(sent[0]!.alerts).toHaveLength(1);
  });

  it('sends status once a second while each status delta names a thousand agents or more', async () => {
    const { floor, clock } = await openFloor({ reorderWindowMs: 0, statusBackoff: 4 });
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    const logins = (count: number) => Array.from({ length: count }, (_, i) => ev(0, 'agent.login', { agentId: String(2000 + i), stationId: `S-${i}`, teamId: 't1' }));
    clock.set(T0);
    await floor.ingest(logins(1000));
    clock.set(T0 + 200);
    await floor.tick();
    expect(deltas.at(-1)?.agents).toHaveLength(1000);
    const busyAt = deltas.length;
    clock.set(T0 + 300);
    await floor.ingest([ev(0.3, 'agent.state', { agentId: '2000', state: 'not_ready', reason: 'meeting' })]);
    // Not at the usual 200 ms...
    clock.set(T0 + 1199);
    await floor.tick();
    expect(deltas.slice(busyAt)).toEqual([]);
    // ...but a second after the big one.
    clock.set(T0 + 1200);
    await floor.tick();
    expect(deltas.slice(busyAt).map((d) => d.agents.map((a) => a.agentId))).toEqual([['2000']]);
    // That one named one agent: the next may follow 200 ms later again.
    clock.set(T0 + 1300);
    await floor.ingest([ev(1.3, 'agent.state', { agentId: '2001', state: 'not_ready', reason: 'meeting' })]);
    clock.set(T0 + 1400);
    await floor.tick();
    expect(deltas.slice(busyAt + 1).map((d) => d.agents.map((a) => a.agentId))).toEqual([['2001']]);
  });
});
