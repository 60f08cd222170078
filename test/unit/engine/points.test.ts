import { describe, expect, it } from 'vitest';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { min, ms, PlanHarness, shift, T0, upsert } from './plan-harness.js';

const HOUR = 60 * 60;
/** Seconds after T0 (2026-11-28 09:00 +08:00) of a centre-local moment. */
const local = (iso: string): number => (Date.parse(`${iso}+08:00`) - T0) / 1000;

describe('automatic deductions', () => {
  it('a private call: -2 once per call, dated when it was answered, even when it also runs past 3 minutes', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'p1', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
    h.at(15, 'call.answered', { callId: 'p1', agentId: '1001' });
    h.tick(400);
    const [alert] = h.of('private-call');
    expect(h.pointsOf('private-call')).toEqual([{
      id: 'auto:private-call:p1', agentId: '1001', at: ms(15), points: -2, item: 'private-call', article: '105.4',
      reason: 'Private call through the seat system', reasonCode: 'privateCall', evidence: ['e3', alert.id], author: 'system', source: 'auto', recordedAt: ms(15),
    }]);
  });

  it('polite language: a missing greeting and a forbidden phrase on one call are one -1; another call is another', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    for (const [callId, at] of [['c1', 10], ['c2', 200]] as const) {
      h.at(at, 'call.offered', { callId, queue: 'general', direction: 'inbound' });
      h.at(at + 1, 'call.ringing', { callId, agentId: '1001' });
      h.at(at + 2, 'call.answered', { callId, agentId: '1001' });
      h.at(at + 3, 'transcript.utterance', { callId, speaker: 'agent', text: '喂？' });
      h.at(at + 9, 'transcript.utterance', { callId, speaker: 'agent', text: '这个我不知道' });
    }
    expect(h.of('greeting')).toHaveLength(2);
    expect(h.of('forbidden-phrases')).toHaveLength(2);
    expect(h.pointsOf('polite-language').map((p) => [p.id, p.points, p.article, p.at])).toEqual([
      ['auto:polite-language:c1', -1, '105.7', ms(13)],
      ['auto:polite-language:c2', -1, '105.7', ms(203)],
    ]);
  });

  it('points can be switched off as a whole or per item', () => {
    for (const adjust of [
      (r: RulesConfig) => { r.points.enabled = false; },
      (r: RulesConfig) => { r.points.items['private-call'] = false; },
    ]) {
      const h = new PlanHarness(adjust);
      h.login(0, '1001');
      h.at(10, 'call.offered', { callId: 'p1', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
      h.at(15, 'call.answered', { callId: 'p1', agentId: '1001' });
      expect(h.of('private-call')).toHaveLength(1); // the rule still flags it
      expect(h.points).toHaveLength(0);
    }
  });
});

describe('full attendance (art. 104.1) across the month boundary in Asia/Shanghai', () => {
  // 2026-12-01 00:00 in Shanghai is 2026-11-30 16:00 UTC.
  const boundary = Date.parse('2026-11-30T16:00:00Z');
  const boundarySeconds = (boundary - T0) / 1000;

  it('rewards every agent with shifts in the month and none missed, late or left early, dated the month\'s last ms', () => {
    const h = new PlanHarness();
    const day1 = 0;
    const day2 = 24 * HOUR;
    const agents = ['1001', '1002', '1003', '1004', '1005'];
    h.plan(0, upsert([
      ...agents.flatMap((a) => [shift(a, day1, day1 + 8 * HOUR), shift(a, day2, day2 + 8 * HOUR)]),
      shift('1006', local('2026-11-30T22:00:00'), local('2026-12-01T06:00:00')), // a night shift across the boundary
      shift('1007', local('2026-11-30T22:00:00'), local('2026-12-01T06:00:00')),
      shift('1008', local('2026-12-01T09:00:00'), local('2026-12-01T17:00:00')), // December only
    ]));
    // Day 1: everyone in on time but 1003 (absent all day).
    for (const a of agents.filter((x) => x !== '1003')) h.login(day1, a);
    for (const a of agents.filter((x) => x !== '1003')) h.logout(day1 + 8 * HOUR, a);
    // Day 2: 1002 five minutes late, 1004 leaves an hour early, 1005 leaves early with a lead's approval.
    for (const a of ['1001', '1003', '1004', '1005']) h.login(day2 - 60, a);
    h.login(day2 + min(5), '1002');
    h.logout(day2 + 7 * HOUR, '1004');
    h.command(day2 + 7 * HOUR, { type: 'leave.approve', agentId: '1005', by: 'lead-7' });
    h.logout(day2 + 7 * HOUR + 10, '1005');
    for (const a of ['1001', '1002', '1003']) h.logout(day2 + 8 * HOUR, a);
    // The night shift: 1006 leaves at 05:00 unapproved, 1007 stays to the end.
    h.login(local('2026-11-30T21:55:00'), '1006');
    h.login(local('2026-11-30T21:55:00'), '1007');
    h.tick(boundarySeconds - 1);
    expect(h.pointsOf('full-attendance')).toHaveLength(0);
    h.tick(boundarySeconds);
    // The night shift is still running: the month is decided when it is over.
    expect(h.pointsOf('full-attendance')).toHaveLength(0);
    h.logout(local('2026-12-01T05:00:00'), '1006');
    h.logout(local('2026-12-01T06:00:00'), '1007');
    h.tick(local('2026-12-01T06:00:01'));
    expect(h.pointsOf('full-attendance').map((p) => [p.id, p.agentId, p.points, p.article, p.at])).toEqual([
      ['auto:full-attendance:1001:2026-11', '1001', 1, '104.1', boundary - 1],
      // Not 1005: leaving early is 早退 whether a lead approved it or not.
      ['auto:full-attendance:1007:2026-11', '1007', 1, '104.1', boundary - 1],
    ]);
    expect(h.pointsOf('full-attendance')[0].evidence).toEqual([`1001@${ms(day1)}`, `1001@${ms(day2)}`]);
    // 1003's absence was deducted on its own.
    expect(h.pointsOf('absence').map((p) => p.agentId)).toEqual(['1003']);
  });

  it('a shift added to the plan after it began is not judged, so it neither earns nor spoils the month', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.plan(min(30), upsert([shift('1001', 0, 8 * HOUR)]));
    h.logout(8 * HOUR, '1001');
    h.tick(boundarySeconds + 1);
    expect(h.pointsOf('full-attendance')).toHaveLength(0);
  });
});

describe('little bee (art. 104.2) across the quarter boundary in Asia/Shanghai', () => {
  // 2027-01-01 00:00 in Shanghai is 2026-12-31 16:00 UTC.
  const boundary = Date.parse('2026-12-31T16:00:00Z');
  const q = (boundary - T0) / 1000;

  function answer(h: PlanHarness, at: number, callId: string, agentId: string, numberClass = 'customer'): void {
    h.at(at, 'call.offered', { callId, queue: 'general', direction: 'inbound', numberClass });
    h.at(at, 'call.ringing', { callId, agentId });
    h.at(at, 'call.answered', { callId, agentId });
  }

  it('rewards the agents with most answered calls in the quarter (ties all win), dated the quarter\'s last ms', () => {
    const h = new PlanHarness(undefined, q - 4 * HOUR);
    for (const a of ['1001', '1002', '1003']) h.login(q - 4 * HOUR, a);
    let n = 0;
    for (const a of ['1001', '1001', '1001', '1002', '1002', '1002', '1003', '1003']) answer(h, q - 3 * HOUR + ++n * 60, `c${n}`, a);
    answer(h, q - HOUR, 'private-1', '1003', 'private'); // not a customer's call
    answer(h, q - HOUR + 60, 'c-late', '1003'); // the third: a three-way tie
    h.tick(q - 1);
    expect(h.pointsOf('little-bee')).toHaveLength(0);
    answer(h, q, 'c-midnight', '1003'); // 00:00:00.000 on 1 January: the new quarter's
    expect(h.pointsOf('little-bee').map((p) => [p.id, p.points, p.article, p.at, p.reason])).toEqual([
      ['auto:little-bee:1001:2026-Q4', 5, '104.2', boundary - 1, 'Most calls answered in 2026-Q4: 3 (shared by 3 agents)'],
      ['auto:little-bee:1002:2026-Q4', 5, '104.2', boundary - 1, 'Most calls answered in 2026-Q4: 3 (shared by 3 agents)'],
      ['auto:little-bee:1003:2026-Q4', 5, '104.2', boundary - 1, 'Most calls answered in 2026-Q4: 3 (shared by 3 agents)'],
    ]);
    h.tick(q + HOUR);
    expect(h.pointsOf('little-bee')).toHaveLength(3); // the boundary's own deadline adds nothing
    expect(h.state.plan.awards.quarter.key).toBe('2027-Q1');
    expect(h.state.plan.awards.quarter.answered.get('1003')).toBe(1);
  });

  it('with one clear leader only that agent is rewarded; a quarter without answered calls rewards nobody', () => {
    const h = new PlanHarness(undefined, q - 4 * HOUR);
    answer(h, q - 3 * HOUR, 'c1', '1001');
    answer(h, q - 3 * HOUR + 60, 'c2', '1001');
    answer(h, q - 3 * HOUR + 120, 'c3', '1002');
    h.tick(q);
    expect(h.pointsOf('little-bee').map((p) => p.agentId)).toEqual(['1001']);
    expect(h.pointsOf('little-bee')[0].reason).toBe('Most calls answered in 2026-Q4: 2');

    const quiet = new PlanHarness(undefined, q - 4 * HOUR);
    quiet.tick(q + 1);
    expect(quiet.points).toHaveLength(0);
  });
});
