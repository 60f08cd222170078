/**
 * The floor hooks cluster mode stands on, with the real Floor over one shared storage and
 * a fake clock: the owner applies accepted inputs (stamped after its engine's time when a
 * tick got ahead of them); a replica applies the same log, moving its engine only to the
 * times the owner announces, and ends in the same state with the same alert ids, whether
 * it followed all along or was opened again half-way. A page of the log never splits a
 * batch.
 */
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../shared/events.js';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { ReplicaClock } from '../../../server/cluster/replica-clock.js';
import { Floor, type AcceptedInput } from '../../../server/floor/floor.js';
import { inputGroups, readWholeGroups } from '../../../server/floor/log-groups.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/types.js';
import { T0 } from '../../helpers/engine-harness.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { ev, WINDOW } from '../../helpers/floor-harness.js';

const batch = (acceptedAt: number, events: FloorEvent[]): AcceptedInput => ({
  receivedAt: acceptedAt, entries: events.map((event) => ({ id: event.id, payload: { kind: 'event', event } })),
});

async function openOwner(storage: Storage, clock: FakeClock): Promise<Floor> {
  return Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: WINDOW });
}

async function openReplica(storage: Storage): Promise<{ floor: Floor; clock: ReplicaClock }> {
  const clock = new ReplicaClock(T0);
  const floor = await Floor.open({ storage, clock, rules: defaultRulesConfig(), reorderWindowMs: WINDOW, follower: true });
  clock.reset(floor.progress.time + WINDOW);
  return { floor, clock };
}

/** What the owner announces after each step, as the replica acts on it. */
async function announce(owner: Floor, replica: { floor: Floor; clock: ReplicaClock }): Promise<void> {
  await replica.floor.follow();
  expect(replica.floor.progress.seq).toBe(owner.progress.seq);
  replica.clock.advanceTo(owner.progress.time + WINDOW);
  await replica.floor.tick();
}

describe('an owner and its replica', () => {
  it('reach the same state and the same alerts, though only the owner ticked', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock(T0);
    const owner = await openOwner(storage, clock);
    await owner.snapshotNow(true); // as a new owner does, so replicas start from its very state
    const replica = await openReplica(storage);
    const ownerAlerts: string[] = [];
    const replicaAlerts: string[] = [];
    owner.onDelta((d: FloorDelta) => ownerAlerts.push(...d.alerts.map((a) => `${a.id}:${a.status}`)));
    replica.floor.onDelta((d: FloorDelta) => replicaAlerts.push(...d.alerts.map((a) => `${a.id}:${a.status}`)));

    clock.set(T0 + 1000);
    await owner.applyAccepted([batch(T0 + 100, [
      ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' }),
      ev(0, 'agent.login', { agentId: '1002', stationId: 'S-2', teamId: 't1' }),
    ])]);
    await announce(owner, replica);
    clock.set(T0 + 2000);
    await owner.applyAccepted([batch(T0 + 1500, [
      ev(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' }),
      ev(1.2, 'call.ringing', { callId: 'c1', agentId: '1001' }),
    ])]);
    await announce(owner, replica);
    // The owner's clock runs on: the ring passes 10 s and the alert fires on a tick.
    for (const t of [5000, 9000, 13_500]) {
      clock.set(T0 + t);
      await owner.tick();
      await announce(owner, replica);
    }
    expect(ownerAlerts).toEqual(['al-1:open']);
    // Accepted (by another process) before the engine's time: stamped after it.
    const [outcome] = await owner.applyAccepted([batch(T0 + 9000, [ev(8, 'call.answered', { callId: 'c1', agentId: '1001' })])]);
    expect(outcome).toEqual({ appended: 1, duplicates: 0 });
    const [answered] = await storage.log.read(owner.progress.seq - 1, 1);
    expect(answered.receivedAt).toBeGreaterThan(T0 + 13_500 - WINDOW + WINDOW);
    await announce(owner, replica);

    clock.set(T0 + 14_000);
    await owner.applyAccepted([batch(T0 + 13_900, [
      ev(12, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我不知道' }),
    ])]);
    await announce(owner, replica);
    // Stamped at 13.9 s, it waits in the reorder buffer until the watermark passes 12 s.
    clock.set(T0 + 16_000);
    await owner.tick();
    await announce(owner, replica);
    const forbidden = owner.snapshot().alerts.find((a) => a.rule === 'forbidden-phrases')!.id;
    const ackOf = (receivedAt: number): AcceptedInput => ({
      receivedAt,
      entries: [{ id: 'cmd-ack-1', payload: { kind: 'command', command: { type: 'alert.acknowledge', alertId: forbidden, by: 'lead-a' } } }],
    });
    const [ack] = await owner.applyAccepted([ackOf(T0 + 16_100)]);
    expect(ack.result).toMatchObject({ ok: true, value: { id: forbidden, status: 'acknowledged' } });
    // The same command again (a replay after a failover): not applied twice.
    const [replay] = await owner.applyAccepted([ackOf(T0 + 16_200)]);
    expect(replay).toEqual({ appended: 0, duplicates: 1 });
    await announce(owner, replica);
    clock.set(T0 + 20_000);
    await owner.tick();
    await announce(owner, replica);

    expect(replica.floor.stateText()).toBe(owner.stateText());
    expect(replicaAlerts).toEqual(ownerAlerts);
    expect(ownerAlerts.map((a) => a.split(':')[1])).toContain('acknowledged');
    expect(new Set(ownerAlerts.map((a) => a.split(':')[0])).size).toBeGreaterThanOrEqual(2);

    // A replica opened now, from the log alone, stands at the same place too.
    const late = await openReplica(storage);
    late.clock.advanceTo(owner.progress.time + WINDOW);
    await late.floor.tick();
    expect(late.floor.stateText()).toBe(owner.stateText());
  });

  it('writes nothing as a replica, and takes no inputs', async () => {
    const storage = createMemoryStorage();
    const { floor } = await openReplica(storage);
    await expect(floor.ingest([ev(0, 'agent.login', { agentId: '1', stationId: 'S-1' })])).rejects.toThrow(/replica/);
    await expect(floor.applyAccepted([batch(T0, [])])).rejects.toThrow(/replica/);
    await floor.snapshotNow(true);
    expect(await storage.snapshots.latest()).toBeNull();
    expect(await storage.log.lastSeq()).toBe(0);
  });
});

describe('the log read back in whole inputs', () => {
  it('never ends a page inside a batch', async () => {
    const storage = createMemoryStorage();
    const logins = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({
      id: `l${from + i}`, receivedAt: 0, payload: { kind: 'event' as const, event: ev(0, 'agent.login', { agentId: `${from + i}`, stationId: 'S' }) },
    }));
    await storage.log.append(logins(0, 3).map((e) => ({ ...e, receivedAt: T0 + 1 })));
    await storage.log.append(logins(3, 4).map((e) => ({ ...e, receivedAt: T0 + 2 })));
    await storage.log.append([{ id: 'cmd', receivedAt: T0 + 3, payload: { kind: 'rules', rules: defaultRulesConfig() } }]);

    // A page of 5 would cut the second batch after 2 of its 4: it stops before it instead.
    expect((await readWholeGroups(storage.log, 0, 5)).map((g) => g.length)).toEqual([3]);
    // A batch bigger than a page is read whole.
    expect((await readWholeGroups(storage.log, 3, 2)).map((g) => g.length)).toEqual([4, 1]);
    // A command ends a page cleanly.
    expect((await readWholeGroups(storage.log, 7, 1)).map((g) => g.length)).toEqual([1]);
    expect(inputGroups(await storage.log.read(0, 100)).map((g) => g.length)).toEqual([3, 4, 1]);
  });
});
