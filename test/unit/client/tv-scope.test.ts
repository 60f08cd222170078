/**
 * Which teams of a TV's `?teams=` the floor does not know (tv/scope.ts): a team is known by
 * an agent (logged in or not) or by today's plan; an empty floor knows none and is not judged.
 */
import { describe, expect, it } from 'vitest';
import { applyDelta, fromSnapshot, type FloorData } from '../../../client/src/store/apply.js';
import { floorTeams, teamList, unknownScopeTeams, unknownTeams } from '../../../client/src/tv/scope.js';
import { agent, delta, floorFigures, snapshot } from './floor-fixtures.js';

const byState = (available: number, loggedOut = 0) => floorFigures({
  agentsByState: { logged_out: loggedOut, available, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0 },
});

describe('unknownScopeTeams', () => {
  const floor = fromSnapshot(snapshot({
    agents: [agent('1001', { teamId: 't1' }), agent('1002', { teamId: 't2', state: 'logged_out' })],
    adherence: [{ teamId: 't3', scheduledNow: 0, outOfAdherence: 0, percent: null }],
    floor: byState(1, 1),
  }));

  it('names the teams with no agent and no plan today, once each', () => {
    expect(unknownScopeTeams(['t1', 't9', 't9', 't8'], floor)).toEqual(['t9', 't8']);
    // A logged-out agent's team and a planned team are known.
    expect(unknownScopeTeams(['t2', 't3'], floor)).toEqual([]);
  });

  it('judges nothing without a scope, before the first snapshot, or on an empty floor', () => {
    expect(unknownScopeTeams(undefined, floor)).toEqual([]);
    expect(unknownScopeTeams(['t9'], null)).toEqual([]);
    expect(unknownScopeTeams(['t9'], fromSnapshot(snapshot({ agents: [], floor: byState(0) })))).toEqual([]);
  });

  it('names at most five teams in a sentence', () => {
    expect(teamList(['a', 'b'])).toBe('a, b');
    expect(teamList(['a', 'b', 'c', 'd', 'e', 'f', 'g'])).toBe('a, b, c, d, e … (+2)');
  });
});

describe('floorTeams: the input of the check, the same until the teams change', () => {
  const start = fromSnapshot(snapshot({
    seq: 1,
    agents: [agent('1001', { teamId: 't2' }), agent('1002', { teamId: 't1' })],
    adherence: [{ teamId: 't3', scheduledNow: 0, outOfAdherence: 0, percent: null }],
    floor: byState(2),
  }));
  const next = (data: FloorData, d: Parameters<typeof applyDelta>[1]): FloorData => applyDelta(data, d).data!;

  it('is the sorted teams of the agents and the plan; null with nothing to judge by', () => {
    expect(floorTeams(start)).toEqual(['t1', 't2', 't3']);
    expect(floorTeams(null)).toBeNull();
    expect(floorTeams(fromSnapshot(snapshot({ agents: [], floor: byState(0) })))).toBeNull();
    expect(unknownTeams(['t1', 't9', 't9'], floorTeams(start))).toEqual(['t9']);
    expect(unknownTeams(['t9'], null)).toEqual([]);
  });

  it('answers the same array after deltas that change states, queues and figures, not the teams', () => {
    const before = floorTeams(start);
    const status = next(start, delta(2, { agents: [{ agentId: '1001', state: 'talking' }], floor: byState(2) }));
    expect(status.agents).not.toBe(start.agents);
    expect(floorTeams(status)).toBe(before);
    const figures = next(status, delta(3, { floor: byState(1) }));
    expect(floorTeams(figures)).toBe(before);
    // Even a new agent, in a team already known.
    const joined = next(figures, delta(4, { agents: [agent('1003', { teamId: 't1' })] }));
    expect(floorTeams(joined)).toBe(before);
  });

  it('answers a new array once a team comes or goes', () => {
    const before = floorTeams(start)!;
    const newTeam = next(start, delta(2, { agents: [agent('1003', { teamId: 't4' })] }));
    expect(floorTeams(newTeam)).toEqual(['t1', 't2', 't3', 't4']);
    expect(floorTeams(newTeam)).not.toBe(before);
    // An agent moved to another team (its role changed), leaving t2 with nobody.
    const moved = next(newTeam, delta(3, { agents: [{ agentId: '1001', role: 'agent', name: 'Agent 1001', teamId: 't1' }] }));
    expect(floorTeams(moved)).toEqual(['t1', 't3', 't4']);
    const unplanned = next(moved, delta(4, { adherence: [] }));
    expect(floorTeams(unplanned)).toEqual(['t1', 't4']);
  });
});
