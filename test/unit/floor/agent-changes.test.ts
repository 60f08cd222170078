/**
 * Agents in deltas are changes: the fields of the groups the engine said changed, and the
 * optional ones the agent no longer has. Checked group by group, then end to end: screens
 * that start from a snapshot (at the start, and mid-way) and apply every delta hold
 * exactly the floor's agents, so no change in the engine goes unsaid.
 */
import { describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEvent } from '../../../shared/events.js';
import { applyAgentChange } from '../../../shared/agent-changes.js';
import type { AgentView } from '../../../shared/figures.js';
import type { FloorDelta, FloorSnapshot } from '../../../shared/wallboard.js';
import { agentChange } from '../../../server/floor/agent-changes.js';
import { AGENT_FIELDS, ALL_AGENT_FIELDS } from '../../../server/engine/context.js';
import { simulateFloor } from '../../../server/simulate/index.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';

const talking: AgentView = {
  agentId: '1001', name: 'Li Na', teamId: 't1', role: 'agent', stationId: 'S-1', state: 'talking', since: T0,
  callId: 'c1', callSince: T0, handledToday: 3, talkMs: 1000, holdMs: 0, acwMs: 500, ahtSeconds: 0.5, openAlerts: 0, queues: ['general'],
};
const wrapUp: AgentView = { ...talking, state: 'after_call_work', since: T0 + 60_000, handledToday: 4, talkMs: 61_000, ahtSeconds: 15.6 };
delete (wrapUp as Partial<AgentView>).callSince;

const { status, totals, alerts, identity, adherence } = AGENT_FIELDS;

describe('an agent change', () => {
  it('carries the id, the team and the fields of the groups that changed; status fields travel with the state', () => {
    const change = agentChange(wrapUp, status | totals);
    expect(change).toEqual({
      agentId: '1001', teamId: 't1', state: 'after_call_work', since: T0 + 60_000, callId: 'c1',
      handledToday: 4, talkMs: 61_000, holdMs: 0, acwMs: 500, ahtSeconds: 15.6,
    });
    // Applied to the agent as a screen held it, it gives the agent as it is: the call's
    // answer time, left out of a change that carries the state, is gone.
    expect(applyAgentChange(talking, change)).toEqual(wrapUp);
    expect(applyAgentChange(talking, change)).not.toHaveProperty('callSince');
  });

  it('carries only the open alerts when only they changed', () => {
    expect(agentChange({ ...talking, openAlerts: 2 }, alerts)).toEqual({ agentId: '1001', teamId: 't1', openAlerts: 2 });
  });

  it('carries who the agent is when that changed, and can take the team away', () => {
    expect(agentChange({ ...talking, queues: ['general', 'vip'] }, identity))
      .toEqual({ agentId: '1001', teamId: 't1', name: 'Li Na', role: 'agent', stationId: 'S-1', queues: ['general', 'vip'] });
    const { teamId: _gone, ...noTeam } = talking;
    const change = agentChange(noTeam, identity);
    expect(change).toEqual({ agentId: '1001', name: 'Li Na', role: 'agent', stationId: 'S-1', queues: ['general'] });
    expect(applyAgentChange(talking, change)).toEqual(noTeam);
  });

  it('carries every field of an agent new to the floor, and unsets what it lacks', () => {
    const change = agentChange(wrapUp, ALL_AGENT_FIELDS);
    expect(change).toMatchObject(wrapUp);
    // The status and identity fields it lacks travel with its state and role; adherence is unset.
    expect(change.unset).toEqual(['adherence']);
    // Applied over anything (an older view a screen might hold), it gives the agent as it is.
    expect(applyAgentChange({ ...talking, holdSince: T0, reason: 'break' }, change)).toEqual(wrapUp);
    expect(applyAgentChange(undefined, change)).toEqual(wrapUp);
  });

  it('carries adherence when it changed, and unsets it when the agent has none any more', () => {
    const planned: AgentView = { ...talking, adherence: { scheduled: 'working', inAdherence: true, since: T0, percent: 100 } };
    expect(agentChange(planned, adherence)).toEqual({ agentId: '1001', teamId: 't1', adherence: planned.adherence });
    const change = agentChange(talking, adherence);
    expect(change).toEqual({ agentId: '1001', teamId: 't1', unset: ['adherence'] });
    expect(applyAgentChange(planned, change)).toEqual(talking);
  });
});

/** A screen as the client holds the floor's agents: a snapshot, then every delta in order. */
class Screen {
  agents = new Map<string, AgentView>();
  seq: number;
  constructor(snapshot: FloorSnapshot) {
    this.seq = snapshot.seq;
    for (const a of snapshot.agents) this.agents.set(a.agentId, a);
  }
  apply(d: FloorDelta): void {
    if (d.seq <= this.seq) return;
    expect(d.seq).toBe(this.seq + 1);
    this.seq = d.seq;
    for (const change of d.agents) this.agents.set(change.agentId, applyAgentChange(this.agents.get(change.agentId), change));
  }
}

const byId = (agents: Iterable<AgentView>) => Object.fromEntries([...agents].map((a) => [a.agentId, a]));

describe('screens applying agent changes', () => {
  it('hold exactly the floor\'s agents, from the start or from a snapshot mid-way, with snapshots taken between deltas', async () => {
    const events: FloorEvent[] = [...simulateFloor({ seed: 3, agents: 40, start: T0, durationMs: 3600_000 })].map((e) => floorEventSchema.parse(e));
    expect(events.length).toBeGreaterThan(1000);
    const { floor, clock } = await openFloor({ clock: undefined });
    const first = new Screen(floor.snapshot());
    const screens = [first];
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => {
      deltas.push(d);
      for (const s of screens) s.apply(d);
    });
    let compared = 0;
    for (let i = 0, batch = 0; i < events.length; batch++) {
      const until = events[i]!.ts + 3000;
      let j = i;
      while (j < events.length && events[j]!.ts < until) j++;
      clock.set(events[j - 1]!.ts + 300);
      await floor.ingest(events.slice(i, j));
      await floor.tick();
      i = j;
      // A screen joins now and then; others' snapshots are taken between deltas (catch-ups, REST).
      if (batch % 97 === 40) screens.push(new Screen(floor.snapshot()));
      if (batch % 13 === 5) {
        floor.flush();
        const now = byId(floor.snapshot().agents);
        for (const s of screens) expect(byId(s.agents.values())).toEqual(now);
        compared += 1;
      }
    }
    clock.set(events.at(-1)!.ts + WINDOW + 1000);
    await floor.tick();
    floor.flush();
    const end = byId(floor.snapshot().agents);
    expect(screens.length).toBeGreaterThan(2);
    expect(compared).toBeGreaterThan(20);
    for (const s of screens) expect(byId(s.agents.values())).toEqual(end);
    // And the deltas were changes, not whole views: most agents' changes leave fields out.
    const changes = deltas.flatMap((d) => d.agents);
    const partial = changes.filter((c) => c.name === undefined && c.stationId === undefined);
    expect(partial.length / changes.length).toBeGreaterThan(0.8);
  });

  it('keeps a screen right whose snapshot showed an agent newer than the last delta, changed back since', async () => {
    const { floor, clock } = await openFloor();
    const deltas: FloorDelta[] = [];
    floor.onDelta((d) => deltas.push(d));
    // Applied as they arrive (the clock past their reorder window), with no tick: a tick
    // would send the status delta, and here the changes must wait for one.
    const at = async (seconds: number, ...events: FloorEvent[]) => {
      clock.set(T0 + seconds * 1000 + WINDOW);
      await floor.ingest(events);
    };
    await at(1, ev(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' }), ev(1, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'break' }));
    floor.flush(true);
    const sent = deltas.flatMap((d) => d.agents).at(-1);
    expect(sent).toMatchObject({ agentId: '1001', state: 'not_ready', reason: 'break' });
    // Available for a moment: a screen connects and its snapshot shows that...
    await at(5, ev(5, 'agent.state', { agentId: '1001', state: 'available' }));
    const screen = new Screen(floor.snapshot());
    expect(screen.agents.get('1001')).toMatchObject({ state: 'available' });
    // ...then back on break before the next delta: the state and reason the last delta had.
    await at(5.1, ev(5.1, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'break' }));
    const before = deltas.length;
    floor.flush(true);
    for (const d of deltas.slice(before)) screen.apply(d);
    expect(screen.agents.get('1001')).toEqual(floor.snapshot().agents[0]);
    expect(screen.agents.get('1001')).toMatchObject({ state: 'not_ready', reason: 'break' });
  });
});
