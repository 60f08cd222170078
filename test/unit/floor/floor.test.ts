import { describe, expect, it } from 'vitest';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { NewLogEntry } from '../../../server/storage/types.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';

const ringingCall = [
  ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' }),
  ev(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' }),
  ev(2, 'call.ringing', { callId: 'c1', agentId: '1001' }),
];

describe('the floor runtime', () => {
  it('holds events for the reorder window, then applies them; timers fire as the clock passes', async () => {
    const { floor, clock } = await openFloor();
    clock.set(T0 + 2000);
    expect(await floor.ingest(ringingCall)).toEqual({ accepted: 3, duplicates: 0, refused: [] });
    // The login (ts = T0) is already at the watermark; the ring two seconds later is not.
    expect(floor.snapshot().agents.map((a) => a.state)).toEqual(['available']);
    expect(floor.pendingEvents).toBe(2);
    clock.set(T0 + 2000 + WINDOW);
    await floor.tick();
    expect(floor.snapshot().agents[0]).toMatchObject({ agentId: '1001', state: 'ringing' });
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    const [alert] = floor.snapshot().alerts;
    expect(alert).toMatchObject({ rule: 'answer-3-rings', openedAt: T0 + 12_000 });
  });

  it('answers its live alerts (copies) and its figures without a whole snapshot', async () => {
    const { floor, clock } = await openFloor();
    await floor.ingest(ringingCall);
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    const snapshot = floor.snapshot();
    const live = floor.liveAlerts();
    expect(live).toEqual(snapshot.alerts);
    expect(live).toHaveLength(1);
    live[0]!.history.push({ at: 0, action: 'opened', level: 'lead' });
    expect(floor.liveAlerts()[0]!.history).toHaveLength(snapshot.alerts[0]!.history.length);
    expect(floor.figures()).toEqual({ at: snapshot.at, floor: snapshot.floor });
    expect(floor.figures().floor.openAlertsBySeverity.critical + floor.figures().floor.openAlertsBySeverity.warning).toBe(1);
  });

  it('builds no deltas while nobody listens; a listener added later gets the next ones', async () => {
    const { floor, clock } = await openFloor();
    await floor.ingest(ringingCall);
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    floor.flush(true);
    expect(floor.deltaSeq).toBe(0);
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    await floor.command({ type: 'alert.acknowledge', alertId: floor.liveAlerts()[0]!.id, by: 'lead-1' });
    expect(deltas.map((d) => d.seq)).toEqual([1]);
    expect(deltas[0]!.alerts[0]).toMatchObject({ status: 'acknowledged' });
  });

  it('is idempotent by event id, and refuses timestamps far in the future', async () => {
    const { floor, clock } = await openFloor();
    clock.set(T0 + 5000);
    await floor.ingest(ringingCall);
    const again = await floor.ingest([...ringingCall, ev(500, 'agent.state', { agentId: '1001', state: 'available' })]);
    expect(again).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(again.refused).toEqual([{ index: 3, field: 'ts', reason: expect.stringContaining('ahead') }]);
  });

  it('hands the log each event\'s JSON text when the ingest parser gave it, and serialises the rest itself', async () => {
    const storage = createMemoryStorage();
    const appended: NewLogEntry[][] = [];
    const append = storage.log.append.bind(storage.log);
    storage.log.append = (entries) => {
      appended.push(entries);
      return append(entries);
    };
    const { floor, clock } = await openFloor({ storage });
    clock.set(T0 + 5000);
    await floor.ingest(ringingCall, ringingCall.map((e) => JSON.stringify(e)));
    await floor.ingest([ev(3, 'agent.state', { agentId: '1001', state: 'available' })]);
    const [withTexts, without] = appended;
    expect(withTexts!.map((e) => e.payloadText)).toEqual(ringingCall.map((e) => `{"kind":"event","event":${JSON.stringify(e)}}`));
    expect(withTexts!.map((e) => JSON.parse(e.payloadText!))).toEqual(withTexts!.map((e) => e.payload));
    expect(without![0]!.payloadText).toBeUndefined();
    // What the log gives back is the payload, never the text.
    expect((await storage.log.read(0, 10)).every((e) => !('payloadText' in e))).toBe(true);
  });

  it('sends an alert change at once and coalesces status changes into few deltas', async () => {
    const { floor, clock } = await openFloor();
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    clock.set(T0 + 2000 + WINDOW);
    await floor.ingest(ringingCall.concat(
      Array.from({ length: 50 }, (_, i) => ev(0, 'agent.login', { agentId: `2${i}`, stationId: `S-2${i}` })),
    ));
    await floor.tick();
    await floor.tick();
    expect(deltas).toHaveLength(1);
    expect(deltas[0].agents).toHaveLength(51);
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    expect(deltas.map((d) => d.seq)).toEqual([1, 2]);
    expect(deltas[1].alerts.map((a) => a.rule)).toEqual(['answer-3-rings']);
  });

  it('answers commands with the typed result and logs them', async () => {
    const { floor, clock, storage } = await openFloor();
    clock.set(T0 + 3000);
    await floor.ingest(ringingCall);
    clock.set(T0 + 20_000);
    await floor.tick();
    const [alert] = floor.snapshot().alerts;
    const result = await floor.command({ type: 'alert.acknowledge', alertId: alert.id, by: 'lead-1', note: 'on it' });
    expect(result).toMatchObject({ ok: true, value: { status: 'acknowledged', acknowledgedBy: 'lead-1' } });
    expect((await storage.alerts.get(alert.id))?.status).toBe('acknowledged');
    const entries = await storage.log.read(0, 100);
    expect(entries.at(-1)?.payload).toMatchObject({ kind: 'command', command: { type: 'alert.acknowledge' } });
  });

  it('rebuilds the same state from the log, with or without a snapshot', async () => {
    const storage = createMemoryStorage();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 4 });
    clock.set(T0 + 3000);
    await floor.ingest(ringingCall);
    clock.set(T0 + 30_000);
    await floor.tick();
    const [alert] = floor.snapshot().alerts;
    await floor.command({ type: 'alert.acknowledge', alertId: alert.id, by: 'lead-1' });
    clock.set(T0 + 40_000);
    await floor.ingest([
      ev(33, 'call.answered', { callId: 'c1', agentId: '1001' }),
      ev(31, 'agent.login', { agentId: '1002', stationId: 'S-2' }),
    ]);
    clock.set(T0 + 60_000);
    await floor.tick();
    const before = floor.stateText();

    const rebuilt = await openFloor({ storage, clock });
    await rebuilt.floor.tick();
    expect(JSON.parse(rebuilt.floor.stateText())).toEqual(JSON.parse(before));

    // Without any snapshot: the log alone gives the same state.
    const logOnly = createMemoryStorage();
    await logOnly.log.append((await storage.log.read(0, 1000)).map(({ seq: _seq, ...e }) => e));
    const fromLog = await openFloor({ storage: logOnly, clock });
    await fromLog.floor.tick();
    expect(fromLog.floor.stateText()).toBe(before);
  });

  it('puts a rules change in force and keeps it across a rebuild', async () => {
    const storage = createMemoryStorage();
    const { floor, clock } = await openFloor({ storage });
    const rules = structuredClone(floor.rules());
    rules.rules['answer-3-rings'].ringSeconds = 5;
    await floor.setRules(rules);
    clock.set(T0 + 3000);
    await floor.ingest(ringingCall);
    clock.set(T0 + 7000 + WINDOW);
    await floor.tick();
    expect(floor.snapshot().alerts[0]?.openedAt).toBe(T0 + 7000);
    const rebuilt = await openFloor({ storage, clock });
    expect(rebuilt.floor.rules().rules['answer-3-rings'].ringSeconds).toBe(5);
  });
});

describe('heartbeat', () => {
  it('a quiet floor still sends a (numbered, empty) delta every few seconds', async () => {
    const { floor, clock } = await openFloor();
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    clock.advance(4000);
    await floor.tick();
    expect(deltas).toHaveLength(0);
    clock.advance(1000);
    await floor.tick();
    expect(deltas).toHaveLength(1);
    expect(deltas[0]).toMatchObject({ seq: 1, agents: [], queues: [], alerts: [] });
    await floor.tick();
    expect(deltas).toHaveLength(1);
  });
});
