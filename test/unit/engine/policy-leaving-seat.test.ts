/**
 * Art. 105.11 (工作中无故离开座席, -2 each time): a logout in the middle of a planned shift,
 * before no-leaving-post's end window and without a lead's approval, is leaving the seat.
 * away-without-reason judges it once the agent has stayed out `logoutGraceSeconds`.
 */
import { describe, expect, it } from 'vitest';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

const START = 60; // 09:01
const END = START + min(480); // 17:01
const LOGOUT = START + min(120); // 11:01

/** 1001 works 09:01-17:01 at S-1001 (a meal 12:01-13:01), 1002 relieves at 17:01; 1001 in at 09:00:30. */
function day(adjust?: (rules: RulesConfig) => void): PlanHarness {
  const h = new PlanHarness(adjust);
  h.plan(0, upsert([
    shift('1001', START, END, { stationId: 'S-1001', teamId: 'A', breaks: [['meal', START + min(180), START + min(240)]] }),
    shift('1002', END, END + min(480), { stationId: 'S-1001', teamId: 'A' }),
  ]));
  h.login(30, '1001', 'A', 'S-1001');
  return h;
}

describe('leaving the seat by logging out mid-shift (art. 105.11)', () => {
  it('an unapproved logout at 11:01 is an alert naming agent and seat with -2 once out 120 s, cleared when back', () => {
    const h = day();
    h.logout(LOGOUT, '1001', 'S-1001');
    h.tick(LOGOUT + 119);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(300)); // 14:00
    const [alert] = h.open('away-without-reason');
    expect(alert).toMatchObject({ agentId: '1001', teamId: 'A', openedAt: ms(LOGOUT + 120), article: '105.11, 105.12' });
    expect(alert.title).toBe('Agent 1001 left seat S-1001: logged out at 11:01 during the shift, without a lead\'s approval (art. 105.11)');
    expect(h.pointsOf('leaving-seat')).toEqual([expect.objectContaining({
      id: `auto:leaving-seat:1001@${ms(LOGOUT)}`, agentId: '1001', points: -2, article: '105.11', at: ms(LOGOUT + 120),
      reasonCode: 'loggedOutMidShift', reasonParams: { time: '11:01' },
    })]);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
    expect(h.open('no-leaving-post')).toHaveLength(0); // not leaving at the shift's end

    h.login(min(300), '1001', 'A', 'S-1001');
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto', resolution: 'agent 1001 is back' });
    h.tick(END);
    expect(h.pointsOf('leaving-seat')).toHaveLength(1);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
  });

  it('a re-login within the grace (a softphone crash) raises nothing and is a passed check', () => {
    const h = day();
    h.logout(LOGOUT, '1001', 'S-1001');
    h.login(LOGOUT + 20, '1001', 'A', 'S-1001');
    h.tick(min(300));
    expect(h.of('away-without-reason')).toHaveLength(0);
    expect(h.points).toHaveLength(0);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 1, failed: 0 });

    const strict = day((r) => { r.rules['away-without-reason'].logoutGraceSeconds = 10; });
    strict.logout(LOGOUT, '1001', 'S-1001');
    strict.login(LOGOUT + 20, '1001', 'A', 'S-1001');
    expect(strict.of('away-without-reason')).toHaveLength(1);
    expect(strict.pointsOf('leaving-seat')).toHaveLength(1);
  });

  it('a lead\'s approval on the logout, before it, or within the grace excuses it', () => {
    const carried = day();
    carried.logout(LOGOUT, '1001', 'S-1001', { approvedBy: 'lead-7' });
    carried.tick(min(300));
    expect(carried.of('away-without-reason')).toHaveLength(0);

    const before = day();
    before.command(LOGOUT - 60, { type: 'leave.approve', agentId: '1001', by: 'lead-7' });
    before.logout(LOGOUT, '1001', 'S-1001');
    before.tick(min(300));
    expect(before.of('away-without-reason')).toHaveLength(0);

    const during = day();
    during.logout(LOGOUT, '1001', 'S-1001');
    during.command(LOGOUT + 60, { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'doctor' });
    during.tick(min(300));
    expect(during.of('away-without-reason')).toHaveLength(0);
    expect(during.points).toHaveLength(0);
    expect(during.compliance('away-without-reason')).toEqual({ passed: 1, failed: 0 });

    // An approval is for one absence: used up by the return, it does not cover the next logout.
    const used = day();
    used.logout(LOGOUT, '1001', 'S-1001', { approvedBy: 'lead-7' });
    used.login(LOGOUT + min(30), '1001', 'A', 'S-1001');
    used.logout(LOGOUT + min(60), '1001', 'S-1001');
    used.tick(min(300));
    expect(used.open('away-without-reason')).toHaveLength(1);
  });

  it('only a logout mid-shift is judged: no plan, no judgement; the end window is no-leaving-post\'s; a second station still logged in is no leaving', () => {
    const planned = day();
    planned.logout(LOGOUT, '1001', 'S-1001');
    planned.tick(min(300));
    expect(planned.open('away-without-reason')).toHaveLength(1);

    const unplanned = new PlanHarness();
    unplanned.login(30, '1001', 'A', 'S-1001');
    unplanned.logout(LOGOUT, '1001', 'S-1001');
    unplanned.tick(min(300));
    expect(unplanned.of('away-without-reason')).toHaveLength(0);
    expect(unplanned.points).toHaveLength(0);

    const atEnd = day();
    atEnd.logout(END - min(20), '1001', 'S-1001');
    atEnd.tick(END + min(60));
    expect(atEnd.of('away-without-reason')).toHaveLength(0);
    expect(atEnd.of('no-leaving-post')).toHaveLength(1);

    const twoStations = day();
    twoStations.at(LOGOUT - 60, 'agent.login', { agentId: '1001', stationId: 'S-9' });
    twoStations.logout(LOGOUT, '1001', 'S-9');
    twoStations.tick(min(300));
    expect(twoStations.of('away-without-reason')).toHaveLength(0);
  });

  it('a logout inside an arranged meal is judged at the meal\'s end', () => {
    const h = day();
    h.logout(START + min(190), '1001', 'S-1001'); // 12:11, in the 12:01-13:01 meal
    h.tick(START + min(240) - 1);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(START + min(240));
    expect(h.open('away-without-reason')[0]).toMatchObject({ openedAt: ms(START + min(240)) });

    const back = day();
    back.logout(START + min(190), '1001', 'S-1001');
    back.login(START + min(235), '1001', 'A', 'S-1001');
    back.tick(min(300));
    expect(back.of('away-without-reason')).toHaveLength(0);
  });

  it('a logout repeated while already out deducts once, and keeps the alert open', () => {
    const h = day();
    h.logout(LOGOUT, '1001', 'S-1001');
    h.tick(LOGOUT + min(10));
    h.logout(LOGOUT + min(20), '1001', 'S-1001');
    h.tick(min(300));
    expect(h.open('away-without-reason')).toHaveLength(1);
    expect(h.pointsOf('leaving-seat')).toHaveLength(1);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
  });
});
