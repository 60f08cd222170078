import { describe, expect, it } from 'vitest';
import { agentView } from '../../../server/engine/views.js';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

/** 1001 and 1002 of team A work 09:00-11:00; 1001 has a break 10:00-10:15. */
function teamA() {
  const h = new PlanHarness();
  h.plan(0, upsert([
    shift('1001', 0, min(120), { teamId: 'A', breaks: [['break', min(60), min(75)]] }),
    shift('1002', 0, min(120), { teamId: 'A' }),
  ]));
  return h;
}

describe('schedule adherence', () => {
  it('follows the agent through a day: late in, a break taken late and ended late, the shift over', () => {
    const h = teamA();
    h.tick(min(5));
    expect(h.adherence('1001')).toEqual({ scheduled: 'working', inAdherence: false, since: ms(0), percent: 0, shiftId: `1001@${ms(0)}` });
    h.login(min(10), '1001', 'A');
    expect(h.adherence('1001')).toMatchObject({ inAdherence: true, since: ms(min(10)), percent: 0 });
    h.tick(min(30));
    expect(h.adherence('1001')?.percent).toBe(66.7); // 20 of 30 minutes
    h.tick(min(60)); // the break is due: still working is out of adherence, from this second
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'break', inAdherence: false, since: ms(min(60)) });
    h.notReady(min(65), '1001', 'break');
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'break', inAdherence: true, since: ms(min(65)) });
    h.tick(min(75)); // the break window is over; the agent is still away
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'working', inAdherence: false, since: ms(min(75)) });
    h.ready(min(80), '1001');
    h.tick(min(120));
    // In adherence 10-60, 65-75 and 80-120: 100 of 120 scheduled minutes.
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'off', inAdherence: true, percent: 83.3 });
    h.tick(min(180)); // after the shift nothing is scheduled: the share stays
    expect(h.adherence('1001')?.percent).toBe(83.3);
    expect(agentView(h.state, h.state.agents.get('1001')!).adherence).toMatchObject({ percent: 83.3, scheduled: 'off' });
  });

  it('rest, meetings and training count as working; no reason or "other" matches nothing in the plan', () => {
    const h = teamA();
    h.login(0, '1002', 'A');
    for (const [at, reason, expected] of [[10, 'rest', true], [20, 'meeting', true], [30, 'training', true], [40, 'other', false], [50, undefined, false]] as const) {
      h.notReady(min(at), '1002', reason);
      expect(h.adherence('1002')?.inAdherence, String(reason)).toBe(expected);
    }
    h.ready(min(60), '1002');
    expect(h.adherence('1002')).toMatchObject({ inAdherence: true, percent: 66.7 }); // 40 of 60
  });

  it('team figures: who is scheduled now, who is out of adherence, and the team\'s share', () => {
    const h = teamA();
    h.login(0, '1002', 'A');
    h.login(min(10), '1001', 'A');
    h.tick(min(62));
    // 1001: 50 of 62 minutes (late in, and not on the break due at 10:00); 1002: 62 of 62.
    expect(h.teams()).toEqual([{ teamId: 'A', scheduledNow: 2, outOfAdherence: 1, percent: 90.3 }]);
    h.tick(min(80)); // 1001's break window is over and 1001 never took it: working, in adherence again
    expect(h.teams()[0]).toMatchObject({ scheduledNow: 2, outOfAdherence: 0 });
    h.logout(min(90), '1002', 'S-1002');
    expect(h.teams()[0]).toMatchObject({ scheduledNow: 2, outOfAdherence: 1 });
    h.tick(min(120));
    expect(h.teams()[0]).toMatchObject({ scheduledNow: 0, outOfAdherence: 0 });
    expect(h.adherenceEffects).toBeGreaterThan(0);
  });

  it('agents without a shift today have none; a new day starts the share again and drops those off the plan', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', 0, min(120), { teamId: 'A' }),
      shift('1002', 0, min(120), { teamId: 'A' }),
      shift('1001', min(24 * 60), min(24 * 60 + 120), { teamId: 'A' }),
    ]));
    h.login(0, '1003', 'A');
    h.login(0, '1001', 'A');
    h.tick(min(120));
    expect(h.adherence('1003')).toBeUndefined();
    expect(agentView(h.state, h.state.agents.get('1003')!).adherence).toBeUndefined();
    expect(h.adherence('1001')?.percent).toBe(100);
    expect(h.adherence('1002')?.percent).toBe(0);
    h.tick(min(15 * 60)); // local midnight
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'off', percent: null });
    expect(h.adherence('1002')).toBeUndefined();
    h.tick(min(24 * 60 + 60)); // half way through the next day's shift, still logged in
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'working', inAdherence: true, percent: 100 });
  });

  it('a plan change during the shift is followed at once', () => {
    const h = teamA();
    h.login(0, '1001', 'A');
    h.tick(min(30));
    h.plan(min(30), upsert([shift('1001', 0, min(120), { teamId: 'A', breaks: [['meal', min(30), min(60)]] })]));
    expect(h.adherence('1001')).toMatchObject({ scheduled: 'meal', inAdherence: false, since: ms(min(30)) });
    h.plan(min(40), { op: 'remove', shiftIds: [`1001@${ms(0)}`], leadShiftIds: [] });
    expect(h.adherence('1001')).toBeUndefined();
    expect(h.teams()).toEqual([{ teamId: 'A', scheduledNow: 1, outOfAdherence: 1, percent: 0 }]);
  });
});
