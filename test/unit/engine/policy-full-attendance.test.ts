/**
 * Article 104.1 (全勤, +1): a month with no 迟到 (late), 早退 (left early), 病假/事假 (sick or
 * personal leave) or 调班 (swap). Leaving early counts whether a lead approved it or not
 * (the approval only spares article 79's alert); a shift missed with a lead's approval is
 * leave, and rules the award out too.
 */
import { describe, expect, it } from 'vitest';
import { min, PlanHarness, shift, T0, upsert } from './plan-harness.js';

const HOUR = 60 * 60;
// 2026-12-01 00:00 in Shanghai: November's award is decided here.
const boundary = (Date.parse('2026-11-30T16:00:00Z') - T0) / 1000;
const DAY2 = 24 * HOUR;

/**
 * `agentId` and 1001 (who keeps perfect attendance, so an empty result means something)
 * work 09:00-17:00 on 28 and 29 November; both are in on time and stay to the end on the
 * first day, 1001 on the second day too (each test then plays `agentId`'s second day).
 */
function twoShifts(agentId: string): PlanHarness {
  const h = new PlanHarness(undefined, -120);
  h.plan(-120, upsert(['1001', agentId].flatMap((a) => [shift(a, 0, 8 * HOUR, { id: `${a}-d1` }), shift(a, DAY2, DAY2 + 8 * HOUR, { id: `${a}-d2` })])));
  for (const a of ['1001', agentId]) h.login(-60, a);
  for (const a of ['1001', agentId]) h.logout(8 * HOUR, a);
  h.login(DAY2 - 60, '1001'); // and stays past the end
  return h;
}

const awarded = (h: PlanHarness): string[] => h.pointsOf('full-attendance').map((p) => p.agentId);

describe('full attendance (art. 104.1): leaving early and leave rule it out, approved or not', () => {
  it('leaving an hour early with a lead\'s leave.approve is still leaving early', () => {
    const h = twoShifts('1005');
    h.login(DAY2 - 60, '1005');
    h.command(DAY2 + 7 * HOUR, { type: 'leave.approve', agentId: '1005', by: 'lead-7' });
    h.logout(DAY2 + 7 * HOUR + 10, '1005');
    expect(h.of('no-leaving-post')).toEqual([]); // the approval still spares the agent article 79's alert
    h.tick(boundary + 1);
    expect(awarded(h)).toEqual(['1001']);
    expect(h.state.plan.shifts.get('1005-d2')?.leftEarlyAt).toBe(T0 + (DAY2 + 7 * HOUR + 10) * 1000);
  });

  it('so is one approved on the logout, or approved after the fact', () => {
    const onLogout = twoShifts('1005');
    onLogout.login(DAY2 - 60, '1005');
    onLogout.logout(DAY2 + 7 * HOUR, '1005', 'S-1005', { approvedBy: 'lead-7' });
    onLogout.tick(boundary + 1);
    expect(awarded(onLogout)).toEqual(['1001']);

    const afterwards = twoShifts('1005');
    afterwards.login(DAY2 - 60, '1005');
    afterwards.logout(DAY2 + 7 * HOUR, '1005');
    afterwards.command(DAY2 + 7 * HOUR + 300, { type: 'leave.approve', agentId: '1005', by: 'lead-7', note: 'family emergency' });
    afterwards.tick(boundary + 1);
    expect(awarded(afterwards)).toEqual(['1001']);
  });

  it('a day missed with a lead\'s approval (sick leave) is no full attendance, and no -2 either', () => {
    const h = twoShifts('1003');
    h.command(DAY2 + min(5), { type: 'leave.approve', agentId: '1003', by: 'lead-7', note: 'sick, called in' });
    h.tick(boundary + 1);
    expect(awarded(h)).toEqual(['1001']);
    expect(h.pointsOf('absence')).toEqual([]);
  });
});
