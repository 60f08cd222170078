import { describe, expect, it } from 'vitest';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

/** 1001 works 09:00-17:00 with a break 10:30-10:50 and a meal 11:30-12:30. */
function day(adjust?: (rules: RulesConfig) => void) {
  const h = new PlanHarness(adjust);
  h.plan(0, upsert([shift('1001', 0, min(480), { breaks: [['break', min(90), min(110)], ['meal', min(150), min(210)]] })]));
  h.login(0, '1001');
  return h;
}

describe('away-without-reason with a break schedule (art. 105.11, 105.12)', () => {
  it('a meal outside the arranged meal times is an alert at once, with -2 points, cleared when back', () => {
    const h = day();
    h.notReady(min(95), '1001', 'meal'); // in the break window, but it is not a meal window
    const [alert] = h.open('away-without-reason');
    expect(alert).toMatchObject({ agentId: '1001', openedAt: ms(min(95)) });
    expect(alert.title).toBe('Agent 1001 on a meal at 10:35, outside the arranged meal times (art. 105.12)');
    expect(h.pointsOf('unarranged-meal')).toEqual([expect.objectContaining({
      id: `auto:unarranged-meal:1001@${ms(min(95))}`, points: -2, article: '105.12', at: ms(min(95)),
    })]);
    h.ready(min(110), '1001');
    expect(h.alerts.get(alert.id)?.status).toBe('resolved');
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
  });

  it('a meal begun within the grace before its window, and back before its end, is fine', () => {
    const h = day();
    h.notReady(min(146), '1001', 'meal');
    h.ready(min(205), '1001');
    h.tick(min(480));
    expect(h.of('away-without-reason')).toHaveLength(0);
    expect(h.points).toHaveLength(0);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 1, failed: 0 });

    const strict = day((r) => { r.rules['away-without-reason'].scheduleGraceMinutes = 0; });
    strict.notReady(min(146), '1001', 'meal');
    expect(strict.open('away-without-reason')).toHaveLength(1);
  });

  it('a meal running past its window is an alert at the window\'s end to the second, with the leaving-seat deduction', () => {
    const h = day();
    h.notReady(min(150), '1001', 'meal');
    h.tick(min(210) - 1);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(210));
    const [alert] = h.open('away-without-reason');
    expect(alert).toMatchObject({ openedAt: ms(min(210)) });
    expect(alert.title).toBe('Agent 1001 on meal past its arranged end 12:30');
    expect(h.pointsOf('leaving-seat')).toEqual([expect.objectContaining({
      id: `auto:leaving-seat:1001@${ms(min(150))}`, points: -2, article: '105.11', at: ms(min(210)),
    })]);
  });

  it('a break inside its window is limited by the window, not by the generic length', () => {
    const h = day();
    h.notReady(min(90), '1001', 'break');
    h.tick(min(105)); // the generic 15 minutes: the arranged window lasts 20
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(110) - 1);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(110));
    expect(h.open('away-without-reason')[0]?.title).toBe('Agent 1001 on break past its arranged end 10:50');
  });

  it('a break outside every window keeps the generic limit; the window follows a plan edited mid-break', () => {
    const h = day();
    h.notReady(min(30), '1001', 'break');
    h.tick(min(45) - 1);
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(45));
    expect(h.open('away-without-reason')[0]?.title).toBe('Agent 1001 on break longer than 900 s');

    const edited = day();
    edited.notReady(min(150), '1001', 'meal');
    edited.plan(min(160), upsert([shift('1001', 0, min(480), { breaks: [['meal', min(150), min(220)]] })]));
    edited.tick(min(219));
    expect(edited.of('away-without-reason')).toHaveLength(0);
    edited.tick(min(220));
    expect(edited.open('away-without-reason')).toHaveLength(1);
  });

  it('agents with no shift under way keep the existing limits', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(600), min(1080), { breaks: [['meal', min(700), min(760)]] })]));
    h.login(0, '1001');
    h.notReady(min(10), '1001', 'meal'); // before the shift: no plan applies
    expect(h.of('away-without-reason')).toHaveLength(0);
    h.tick(min(55));
    expect(h.open('away-without-reason')[0]?.title).toBe('Agent 1001 on meal longer than 2700 s');
    expect(h.pointsOf('leaving-seat')).toHaveLength(1);
    expect(h.pointsOf('unarranged-meal')).toHaveLength(0);
  });
});
