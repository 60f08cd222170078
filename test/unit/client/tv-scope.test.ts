/**
 * Which teams of a TV's `?teams=` the floor does not know (tv/scope.ts): a team is known by
 * an agent (logged in or not) or by today's plan; an empty floor knows none and is not judged.
 */
import { describe, expect, it } from 'vitest';
import { fromSnapshot } from '../../../client/src/store/apply.js';
import { teamList, unknownScopeTeams } from '../../../client/src/tv/scope.js';
import { agent, floorFigures, snapshot } from './floor-fixtures.js';

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
