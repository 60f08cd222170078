/**
 * What a screen is sent: alerts without their history or customer data, and the
 * floor-wide compliance only; everything else as the floor has it.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { floorEventSchema } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { createEngineState, step } from '../../../server/engine/engine.js';
import { snapshotOf } from '../../../server/floor/views.js';
import { simulateFloor } from '../../../server/simulate/index.js';
import { screenDelta, screenSnapshot, screenSnapshotBytes } from '../../../server/wallboard/screen.js';
import { emptySnapshot, sampleAlert } from '../../integration/fake-floor.js';

const withCustomerData = (id: string): Alert => ({
  ...sampleAlert(id),
  history: [{ at: 1_000, action: 'opened' }, { at: 2_000, action: 'escalated', level: 'supervisor' }],
  sensitive: { text: 'calling from 138****5678', callerNumber: '138****5678' },
});

describe('the screen snapshot', () => {
  it('carries alert summaries: no history, evidence or sensitive part, the rest as it was', () => {
    const floor = emptySnapshot(4, [withCustomerData('a1'), withCustomerData('a2')]);
    const screen = screenSnapshot(floor);
    expect(screen.alerts.map((a) => a.id)).toEqual(['a1', 'a2']);
    for (const a of screen.alerts) {
      expect(a).not.toHaveProperty('history');
      expect(a).not.toHaveProperty('sensitive');
      // Event ids (up to 50 an alert): no screen shows them; GET /api/v1/alerts has them.
      expect(a).not.toHaveProperty('evidence');
    }
    const { history: _h, sensitive: _s, evidence: _e, ...rest } = floor.alerts[0]!;
    expect(screen.alerts[0]).toEqual(rest);
    expect(JSON.stringify(screen)).not.toContain('5678');
    // The floor's own copy is untouched (it is cached and cut for other audiences).
    expect(floor.alerts[0]!.history).toHaveLength(2);
  });

  it('carries the floor-wide compliance only', () => {
    const floor = emptySnapshot(4, []);
    floor.compliance.floor = { greeting: { passed: 5, failed: 1 } };
    floor.compliance.byAgent = { 1001: { greeting: { passed: 5, failed: 1 } } };
    floor.compliance.byTeam = { A: { greeting: { passed: 5, failed: 1 } } };
    const screen = screenSnapshot(floor);
    expect(screen.compliance).toEqual({ greeting: { passed: 5, failed: 1 } });
    expect(JSON.stringify(screen)).not.toContain('byAgent');
    const { alerts: _a, compliance: _c, ...same } = floor;
    expect(screen).toMatchObject(same);
  });
});

describe('the screen delta', () => {
  it('carries alert summaries and everything else as the floor sent it', () => {
    const delta = { seq: 9, at: 9_000, serverTime: 9_000, agents: [], queues: [], alerts: [withCustomerData('a3')], compliance: { greeting: { passed: 1, failed: 0 } } };
    const screen = screenDelta(delta);
    expect(screen.alerts[0]).not.toHaveProperty('history');
    expect(screen.alerts[0]).not.toHaveProperty('sensitive');
    expect(screen).toMatchObject({ seq: 9, at: 9_000, compliance: { greeting: { passed: 1, failed: 0 } } });
    expect(screenDelta({ ...delta, alerts: [] }).alerts).toEqual([]);
  });
});

describe('the size of a screen snapshot, estimated', () => {
  it('is within a tenth of the JSON on a simulated floor, and exact when there is nothing to sample', () => {
    const start = Date.parse('2026-11-28T09:00:00+08:00');
    const state = createEngineState(defaultRulesConfig(), start);
    for (const raw of simulateFloor({ seed: 5, agents: 300, start, durationMs: 3600_000, breachRate: 0.2 })) {
      const event = floorEventSchema.parse(raw);
      step(state, { kind: 'event', event }, event.ts);
    }
    const screen = screenSnapshot(snapshotOf(state, { seq: 1, serverTime: start, demo: false }));
    expect(screen.agents.length).toBeGreaterThan(250);
    expect(screen.alerts.length).toBeGreaterThan(20);
    const actual = JSON.stringify(screen).length;
    expect(Math.abs(screenSnapshotBytes(screen) - actual) / actual).toBeLessThan(0.1);
    const empty = screenSnapshot(emptySnapshot(1, []));
    expect(screenSnapshotBytes(empty)).toBe(JSON.stringify(empty).length);
  });
});
