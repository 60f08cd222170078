/**
 * Agent and call records keep one shape (server/engine/state.ts): every field present from
 * the start and cleared by setting undefined, never deleted, and read back from a snapshot
 * in the same order. A deleted field turned most agent records into dictionaries (bigger,
 * slower on every event); a field missing from blankAgent or blankCall, or one deleted
 * again, shows here as keys that differ from the blank record's.
 */
import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { createEngineState, step } from '../../../server/engine/engine.js';
import { blankAgent, blankCall, deserializeState, serializeState, type EngineState } from '../../../server/engine/state.js';
import { simulateFloor } from '../../../server/simulate/simulate.js';
import { EngineHarness } from '../../helpers/engine-harness.js';

const START = Date.parse('2026-11-30T09:00:00+08:00');
const AGENT_KEYS = Object.keys(blankAgent('x', 0));
const CALL_KEYS = Object.keys(blankCall('x', 0));

/** The keys of every record that differs from the blank record's, by id (none when all keep the shape). */
function offShape(state: EngineState): Record<string, string[]> {
  const off: Record<string, string[]> = {};
  for (const [id, agent] of state.agents) if (Object.keys(agent).join() !== AGENT_KEYS.join()) off[`agent ${id}`] = Object.keys(agent);
  for (const [id, call] of state.calls) if (Object.keys(call).join() !== CALL_KEYS.join()) off[`call ${id}`] = Object.keys(call);
  return off;
}

describe('engine records', () => {
  it('keep the blank record\'s fields, in order, through a floor\'s traffic and a snapshot', () => {
    const state = createEngineState(defaultRulesConfig(), START);
    let checked = { agents: 0, calls: 0 };
    let n = 0;
    for (const raw of simulateFloor({ seed: 7, agents: 40, start: START, durationMs: 2 * 3_600_000, breachRate: 0.2 })) {
      const event = floorEventSchema.parse(raw);
      step(state, { kind: 'event', event }, event.ts);
      if (++n % 500 === 0) {
        expect(offShape(state)).toEqual({});
        checked = { agents: checked.agents + state.agents.size, calls: checked.calls + state.calls.size };
      }
    }
    // The traffic had agents and calls in every state, cleared fields and all.
    expect(checked.agents).toBeGreaterThan(100);
    expect(checked.calls).toBeGreaterThan(10);

    const restored = deserializeState(serializeState(state));
    expect(offShape(restored)).toEqual({});
    expect(restored.agents).toEqual(state.agents);
    expect(restored.calls).toEqual(state.calls);
  });

  it('a live alert keeps its fields when its escalation stops (acknowledged): cleared, not deleted', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'system down' });
    const [alert] = h.open('urgent-escalation');
    const live = h.state.alerts.get(alert!.id)!;
    const keys = Object.keys(live);
    expect(live.escalatesAt).toBeDefined();
    // The lead passes it on to the supervisor (art. 94), who acknowledges it.
    h.command(30, { type: 'alert.acknowledge', alertId: alert!.id, by: 'lead-7' });
    h.command(40, { type: 'alert.acknowledge', alertId: alert!.id, by: 'sup-1' });
    expect(live.status).toBe('acknowledged');
    expect(live.escalatesAt).toBeUndefined();
    // Acknowledging adds who and when; nothing it had goes.
    expect(Object.keys(live)).toEqual(expect.arrayContaining(keys));
  });
});
