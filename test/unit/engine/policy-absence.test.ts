/**
 * Article 105.1 (无故旷工, -2 each time) is absence *without reason*: a shift missed, not a
 * late start, and not a shift a lead excused. The alert at start + grace stays (the lead
 * needs to know the seat is empty); the deduction and the failed check come when the shift
 * is over and the agent never came, unless a lead's `leave.approve` excused it.
 */
import { describe, expect, it } from 'vitest';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

/** 1001 on S-7, 09:01-17:01 (T0 is 09:00): the alert is due at 09:16, the shift's end at 17:01. */
const START = min(1);
const GRACE = min(16);
const END = min(481);
const day = shift('1001', START, END, { stationId: 'S-7', teamId: 'A', id: 'day-1001' });

function planned(): PlanHarness {
  const h = new PlanHarness();
  h.plan(0, upsert([day]));
  return h;
}

describe('absence (art. 105.1) is a shift missed without reason', () => {
  it('late is not absent: the alert opens at start + 15 min and clears on login, but no -2 and no failed check', () => {
    const h = planned();
    h.tick(GRACE);
    const [alert] = h.open('absence');
    expect(alert).toMatchObject({ agentId: '1001', openedAt: ms(GRACE), evidence: ['day-1001'] });
    expect(alert.title).toBe('Agent 1001 not logged in 15 min after the shift start 09:01 (seat S-7)');
    h.login(min(17), '1001', 'A', 'S-7'); // 16 minutes late
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto', resolutionCode: 'agentIn' });
    h.logout(END, '1001', 'S-7');
    h.tick(END + min(60));
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
    // Still late: that spoils the month's full attendance (art. 104.1), nothing more.
    expect(h.state.plan.shifts.get('day-1001')).toMatchObject({ missedStart: true });
    expect(h.state.plan.shifts.get('day-1001')?.absent).toBeFalsy();
  });

  it('a late start seen only from the agent\'s state (the feed missed the login) is not absent either', () => {
    const h = planned();
    h.tick(GRACE);
    h.notReady(min(40), '1001', 'break');
    h.tick(END + 1);
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
  });

  it('in at the start and gone before the grace ends: the empty seat is alerted, but that is leaving, not absence', () => {
    const h = planned();
    h.login(0, '1001', 'A', 'S-7');
    h.logout(min(6), '1001', 'S-7');
    h.tick(GRACE);
    expect(h.open('absence')).toHaveLength(1);
    h.tick(END + 1);
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
  });

  it('never came and nobody excused it: -2 and a failed check when the shift is over, dated at the alert', () => {
    const h = planned();
    h.tick(GRACE);
    const [alert] = h.open('absence');
    expect(h.pointsOf('absence')).toEqual([]); // not yet known: the agent may still come, late
    expect(h.compliance('absence')).toEqual({ passed: 0, failed: 0 });
    h.tick(END - 1);
    expect(h.pointsOf('absence')).toEqual([]);
    h.tick(END);
    expect(h.pointsOf('absence')).toEqual([expect.objectContaining({
      id: 'auto:absence:day-1001', agentId: '1001', points: -2, article: '105.1', at: ms(GRACE), recordedAt: ms(END),
      reasonCode: 'absence', reasonParams: { graceMinutes: 15, start: '09:01' }, evidence: ['day-1001', alert.id],
    })]);
    expect(h.compliance('absence')).toEqual({ passed: 0, failed: 1 });
    expect(h.state.plan.shifts.get('day-1001')).toMatchObject({ absent: true, missedStart: true });
    // The alert stays open for the lead (it clears when the agent next logs in).
    expect(h.open('absence').map((a) => a.id)).toEqual([alert.id]);
    // A login after the shift is over changes nothing about it.
    h.login(END + min(5), '1001', 'A', 'S-7');
    h.tick(END + min(60));
    expect(h.pointsOf('absence')).toHaveLength(1);
    expect(h.compliance('absence')).toEqual({ passed: 0, failed: 1 });
  });

  it('excused before the check: a lead\'s approval at +6 min means no alert and no -2', () => {
    const h = planned();
    expect(h.command(min(7), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'sick, called in' }))
      .toMatchObject({ ok: true });
    h.tick(min(17));
    expect(h.of('absence')).toEqual([]);
    h.tick(END + min(60));
    expect(h.of('absence')).toEqual([]);
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
    // Still a shift missed: leave, which rules out full attendance (art. 104.1).
    expect(h.state.plan.shifts.get('day-1001')).toMatchObject({ absent: true });
  });

  it('excused after the alert: the approval resolves it in the lead\'s name, and no -2 follows', () => {
    const h = planned();
    h.tick(GRACE);
    const [alert] = h.open('absence');
    h.command(min(60), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'sick, called in' });
    expect(h.alerts.get(alert.id)).toMatchObject({
      status: 'resolved', resolvedBy: 'lead-7', resolvedAt: ms(min(60)),
      resolution: 'leave approved by lead-7: sick, called in', resolutionCode: 'leaveApprovedWithNote',
      resolutionParams: { who: 'lead-7', note: 'sick, called in' },
    });
    h.tick(END + 1);
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });

    const plain = planned();
    plain.tick(GRACE);
    plain.command(min(60), { type: 'leave.approve', agentId: '1001', by: 'lead-7' });
    expect(plain.of('absence')[0]).toMatchObject({ resolvedBy: 'lead-7', resolution: 'leave approved by lead-7', resolutionCode: 'leaveApproved' });
  });

  it('a lead resolving the alert at the desk is no excuse: the -2 still follows', () => {
    const h = planned();
    h.tick(GRACE);
    const [alert] = h.open('absence');
    h.command(min(30), { type: 'alert.resolve', alertId: alert.id, by: 'lead-7', note: 'seen' });
    h.tick(END);
    expect(h.pointsOf('absence').map((p) => [p.id, p.evidence])).toEqual([['auto:absence:day-1001', ['day-1001']]]);
  });

  describe('an approval given before the shift', () => {
    /** The same agent the day before, 09:01-17:01 (T0 - 24 h). */
    const yesterday = shift('1001', START - min(24 * 60), END - min(24 * 60), { stationId: 'S-7', teamId: 'A', id: 'yesterday-1001' });

    function twoDays(): PlanHarness {
      const h = new PlanHarness(undefined, -min(24 * 60) - min(10));
      h.plan(-min(24 * 60) - min(10), upsert([yesterday, day]));
      h.login(-min(24 * 60) - min(5), '1001', 'A', 'S-7');
      return h;
    }

    it('excuses it when given after the previous shift was over, not when it was the approval to leave that one', () => {
      // Called in sick the evening before (20:00): excused.
      const evening = twoDays();
      evening.logout(END - min(24 * 60), '1001', 'S-7');
      evening.command(-min(13 * 60), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'sick tomorrow' });
      evening.tick(END + 1);
      expect(evening.of('absence')).toEqual([]);
      expect(evening.pointsOf('absence')).toEqual([]);
      // Left the previous shift an hour early with approval (on the logout, or by command in
      // that shift) and never came back: that approval was for leaving, not for today.
      const onLogout = twoDays();
      onLogout.logout(END - min(24 * 60) - min(60), '1001', 'S-7', { approvedBy: 'lead-7' });
      onLogout.tick(END);
      expect(onLogout.open('absence')).toHaveLength(1);
      expect(onLogout.pointsOf('absence').map((p) => p.id)).toEqual(['auto:absence:day-1001']);
      const byCommand = twoDays();
      byCommand.command(END - min(24 * 60) - min(90), { type: 'leave.approve', agentId: '1001', by: 'lead-7' });
      byCommand.logout(END - min(24 * 60) - min(60), '1001', 'S-7');
      byCommand.tick(END);
      expect(byCommand.pointsOf('absence').map((p) => p.id)).toEqual(['auto:absence:day-1001']);
    });
  });
});
