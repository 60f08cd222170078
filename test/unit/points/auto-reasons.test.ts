/**
 * The engine's automatic points entries carry why as a stable code with its parameters
 * beside the English `reason`, so a screen can say it in its reader's language (the
 * ledger in Chinese by default). The English is the code's template filled in, so the
 * two never tell different stories. Each automatic item, from the events that cause it.
 */
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../../shared/problems.js';
import { POINTS_REASONS, isPointsReasonCode, type PointsEntry } from '../../../shared/points.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { min, PlanHarness, shift, T0, upsert } from '../engine/plan-harness.js';

const HOUR = 3600;

/** The code, params and English of the one entry of `item`, checked against each other. */
function reasonOf(h: PlanHarness, item: string): Pick<PointsEntry, 'reason' | 'reasonCode' | 'reasonParams'> {
  const entries = h.pointsOf(item);
  expect(entries, item).toHaveLength(1);
  const { reason, reasonCode, reasonParams } = entries[0];
  expect(isPointsReasonCode(reasonCode), `${item}: ${String(reasonCode)}`).toBe(true);
  expect(reason).toBe(fillTemplate(POINTS_REASONS[reasonCode!], reasonParams));
  return { reason, reasonCode, ...(reasonParams !== undefined && { reasonParams }) };
}

function inbound(h: PlanHarness, at: number, callId: string, agentId: string, firstWords: string): void {
  h.at(at, 'call.offered', { callId, queue: 'general', direction: 'inbound' });
  h.at(at + 1, 'call.ringing', { callId, agentId });
  h.at(at + 2, 'call.answered', { callId, agentId });
  h.at(at + 3, 'transcript.utterance', { callId, speaker: 'agent', text: firstWords });
}

describe('automatic entries say why as a code with parameters', () => {
  it('a private call (105.4)', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'p1', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
    h.at(15, 'call.answered', { callId: 'p1', agentId: '1001' });
    expect(reasonOf(h, 'private-call')).toEqual({ reason: 'Private call through the seat system', reasonCode: 'privateCall' });
  });

  it('polite language (105.7): an opening without the greeting, or a forbidden phrase', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    inbound(h, 10, 'c1', '1001', '喂？');
    expect(reasonOf(h, 'polite-language')).toEqual({ reason: 'The call opened without the prescribed greeting', reasonCode: 'greetingMissing' });

    const phrases = new PlanHarness((r: RulesConfig) => { r.rules.greeting.enabled = false; });
    phrases.login(0, '1001');
    inbound(phrases, 10, 'c1', '1001', '这个我不知道');
    expect(reasonOf(phrases, 'polite-language')).toEqual({ reason: 'A forbidden service phrase on a call', reasonCode: 'forbiddenPhrase' });
  });

  it('an absence (105.1): the grace minutes and the shift\'s start in the centre\'s time', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(30), min(510))]));
    h.tick(min(510)); // decided at the shift's end: the agent never came
    expect(reasonOf(h, 'absence')).toEqual({
      reason: 'Not logged in 15 min after the shift start 09:30', reasonCode: 'absence', reasonParams: { graceMinutes: 15, start: '09:30' },
    });
  });

  it('leaving the seat (105.11): no reason, too long, or past the arranged end; and a meal not arranged (105.12)', () => {
    const none = new PlanHarness();
    none.login(0, '1001');
    none.notReady(10, '1001');
    none.tick(10 + 130);
    expect(reasonOf(none, 'leaving-seat')).toMatchObject({ reasonCode: 'awayNoReason', reasonParams: { seconds: 120 } });

    const long = new PlanHarness();
    long.login(0, '1001');
    long.notReady(10, '1001', 'break'); // not rest: art. 88 sets off-hook rest no limit, and a site's limit deducts nothing
    long.tick(10 + 4 * HOUR);
    expect(reasonOf(long, 'leaving-seat')).toMatchObject({ reasonCode: 'awayTooLong', reasonParams: { notReady: 'break' } });

    const day = new PlanHarness();
    day.plan(0, upsert([shift('1001', 0, min(480), { breaks: [['break', min(90), min(110)], ['meal', min(150), min(210)]] })]));
    day.login(0, '1001');
    day.notReady(min(150), '1001', 'meal');
    day.tick(min(210));
    expect(reasonOf(day, 'leaving-seat')).toEqual({
      reason: 'On meal past its arranged end 12:30', reasonCode: 'awayPastWindow', reasonParams: { notReady: 'meal', end: '12:30' },
    });
    day.ready(min(220), '1001');
    day.notReady(min(240), '1001', 'meal');
    expect(reasonOf(day, 'unarranged-meal')).toEqual({ reason: 'Meal outside the arranged meal times', reasonCode: 'mealOutsideArrangement' });
  });

  it('full attendance (104.1) and little bee (104.2): the month or quarter and the figures', () => {
    // T0 is 2026-11-28 09:00 in Shanghai; December begins 2026-11-30T16:00Z.
    const december = (Date.parse('2026-11-30T16:00:00Z') - T0) / 1000;
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(10), 8 * HOUR)]));
    h.login(min(5), '1001');
    h.at(HOUR, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(HOUR, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(HOUR, 'call.answered', { callId: 'c1', agentId: '1001' });
    h.logout(8 * HOUR, '1001');
    h.tick(december + 1);
    expect(reasonOf(h, 'full-attendance')).toMatchObject({ reasonCode: 'fullAttendance', reasonParams: { month: '2026-11', shifts: 1 } });
    const newYear = (Date.parse('2026-12-31T16:00:00Z') - T0) / 1000;
    h.tick(newYear + 1);
    expect(reasonOf(h, 'little-bee')).toEqual({
      reason: 'Most calls answered in 2026-Q4: 1', reasonCode: 'littleBee', reasonParams: { quarter: '2026-Q4', answered: 1 },
    });
  });
});
