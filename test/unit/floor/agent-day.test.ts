/**
 * The agent panel's timeline (server/floor/agent-day.ts) holds only what the log shows: it
 * starts at the agent's first event of the day. The replay's record of an agent it has just
 * met says "logged out" (the engine's default), so a feed's restart (a `resync` logout for
 * every agent it knew) or a stray event before the login showed the agent "Logged out" from
 * then up to the login: history nobody observed. A logout the agent made is still shown.
 */
import { describe, expect, it } from 'vitest';
import { timelineOf } from '../../../server/floor/agent-day.js';
import type { FloorEvent } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';

const DAY_START = Date.parse('2026-11-28T00:00:00+08:00');
/** 09:00, the feed (or the server) starts. */
const T0 = Date.parse('2026-11-28T09:00:00+08:00');
const MIN = 60_000;
const UNTIL = T0 + 120 * MIN;

let n = 0;
const id = () => `e${++n}`;
const login = (at: number, agentId = '1001'): FloorEvent => ({ id: id(), ts: at, type: 'agent.login', agentId, stationId: 'S-1' }) as FloorEvent;
const logout = (at: number, fields: { resync?: boolean } = {}): FloorEvent => ({ id: id(), ts: at, type: 'agent.logout', agentId: '1001', stationId: 'S-1', ...fields }) as FloorEvent;
const notReady = (at: number): FloorEvent => ({ id: id(), ts: at, type: 'agent.state', agentId: '1001', state: 'not_ready', reason: 'break' }) as FloorEvent;
const available = (at: number): FloorEvent => ({ id: id(), ts: at, type: 'agent.state', agentId: '1001', state: 'available' }) as FloorEvent;

const timeline = (events: FloorEvent[]) =>
  timelineOf('1001', events, defaultRulesConfig(), DAY_START, UNTIL).map((e) => [e.state, (e.from - T0) / MIN, e.to === null ? null : (e.to - T0) / MIN]);

describe("an agent's timeline", () => {
  it('starts at the login of an agent whose day begins with it: nothing before', () => {
    expect(timeline([login(T0 + 5 * MIN), notReady(T0 + 20 * MIN)])).toEqual([
      ['available', 5, 20], ['not_ready', 20, null],
    ]);
  });

  it('shows no "logged out" from the feed\'s restart (its resync logout) up to the first login', () => {
    expect(timeline([logout(T0, { resync: true }), login(T0 + 5 * MIN), notReady(T0 + 20 * MIN)])).toEqual([
      ['available', 5, 20], ['not_ready', 20, null],
    ]);
  });

  it('is empty for an agent the feed only reset and who never logged in', () => {
    expect(timeline([logout(T0, { resync: true })])).toEqual([]);
  });

  it('shows no "logged out" from a stray event about the agent before the login', () => {
    // A wrap-up recorded at 09:01 for a call from before the day (or a feed's late one).
    const wrapup = { id: id(), ts: T0 + MIN, type: 'wrapup.completed', callId: 'c-yesterday', agentId: '1001' } as FloorEvent;
    expect(timeline([wrapup, login(T0 + 5 * MIN)])).toEqual([['available', 5, null]]);
  });

  it('keeps "logged out" when it is known: a logout the agent made, and any logout after a login', () => {
    // Logged in since yesterday, logged out at 09:00: their first word of the day is the logout.
    expect(timeline([logout(T0), login(T0 + 30 * MIN)])).toEqual([['logged_out', 0, 30], ['available', 30, null]]);
    // After a login the state before it is known, so a resync logout is a change like any.
    expect(timeline([login(T0), logout(T0 + 10 * MIN, { resync: true }), login(T0 + 15 * MIN), available(T0 + 16 * MIN)])).toEqual([
      ['available', 0, 10], ['logged_out', 10, 15], ['available', 15, null],
    ]);
  });
});
