/**
 * The floor tracker against a real floor on a fake clock: the engine's lag, the live
 * alerts by severity, each alert counted once as it opens, all from the delta stream.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { trackFloor } from '../../../server/ops/floor-tracker.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';

const ringingCall = () => [
  ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' }),
  ev(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' }),
  ev(2, 'call.ringing', { callId: 'c1', agentId: '1001' }),
];

describe('trackFloor', () => {
  it("starts from the floor's snapshot: lag is now minus the engine's time", async () => {
    const { floor } = await openFloor();
    const tracker = trackFloor(floor);
    // A new floor's engine starts at the clock's time (T0).
    expect(tracker.read(T0 + 500)).toEqual({ engineLagMs: 500, openAlertsBySeverity: { info: 0, warning: 0, critical: 0 } });
    tracker.stop();
  });

  it('follows the engine as the floor ticks: a running floor lags by its reorder window', async () => {
    const { floor, clock } = await openFloor();
    const tracker = trackFloor(floor);
    clock.set(T0 + 4_000);
    await floor.ingest(ringingCall());
    await floor.tick();
    expect(tracker.read(clock.now()).engineLagMs).toBe(WINDOW);
    // A floor whose ticks stopped falls behind: the lag grows with the clock.
    clock.advance(60_000);
    expect(tracker.read(clock.now()).engineLagMs).toBe(WINDOW + 60_000);
    // Ticking again catches up (the heartbeat delta carries the engine's time).
    await floor.tick();
    expect(tracker.read(clock.now()).engineLagMs).toBe(WINDOW);
    tracker.stop();
  });

  it('counts each alert once as it opens, and keeps the live alerts by severity', async () => {
    const { floor, clock } = await openFloor();
    const opened: Alert[] = [];
    const tracker = trackFloor(floor, { onAlertOpened: (alert) => opened.push(alert) });
    clock.set(T0 + 2_000 + WINDOW);
    await floor.ingest(ringingCall());
    await floor.tick();
    expect(opened).toEqual([]);
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    expect(opened.map((a) => a.rule)).toEqual(['answer-3-rings']);
    const live = floor.snapshot().floor.openAlertsBySeverity;
    expect(tracker.read(clock.now()).openAlertsBySeverity).toEqual(live);
    expect(Object.values(live).reduce((a, b) => a + b, 0)).toBe(1);

    // Acknowledging and the heartbeats that follow change the alert, never open it again.
    const [alert] = floor.snapshot().alerts;
    expect(await floor.command({ type: 'alert.acknowledge', by: 'lead-1', alertId: alert.id, note: 'on it' })).toMatchObject({ ok: true });
    clock.advance(10_000);
    await floor.tick();
    await floor.command({ type: 'alert.resolve', by: 'lead-1', alertId: alert.id, note: 'answered' });
    clock.advance(1_000);
    await floor.tick();
    expect(opened).toHaveLength(1);
    expect(tracker.read(clock.now()).openAlertsBySeverity).toEqual({ info: 0, warning: 0, critical: 0 });
    tracker.stop();
  });

  it('stops following the floor once stopped', async () => {
    const { floor, clock } = await openFloor();
    const opened: Alert[] = [];
    const tracker = trackFloor(floor, { onAlertOpened: (alert) => opened.push(alert) });
    tracker.stop();
    clock.set(T0 + 2_000 + WINDOW);
    await floor.ingest(ringingCall());
    await floor.tick();
    clock.set(T0 + 12_000 + WINDOW);
    await floor.tick();
    expect(floor.snapshot().alerts).toHaveLength(1);
    expect(opened).toEqual([]);
    // Still the engine time it last saw: the floor's start.
    expect(tracker.read(clock.now()).engineLagMs).toBe(12_000 + WINDOW);
  });
});
