import { describe, expect, it } from 'vitest';
import { leadDuty, min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

describe('absence (art. 105.1)', () => {
  it('alerts at shift start + 15 min to the second, and clears when the agent logs in: late, so no -2', () => {
    const h = new PlanHarness();
    const s = shift('1001', min(30), min(510), { teamId: 'A', stationId: 'S-7' });
    expect(h.plan(0, upsert([s]))).toEqual({ ok: true, value: { shifts: 1, leads: 0 } });
    h.tick(min(45) - 1);
    expect(h.of('absence')).toHaveLength(0);
    h.tick(min(45));
    const [alert] = h.open('absence');
    expect(alert).toMatchObject({ agentId: '1001', teamId: 'A', openedAt: ms(min(45)), article: '105.1', evidence: [s.id] });
    expect(alert.title).toBe('Agent 1001 not logged in 15 min after the shift start 09:30 (seat S-7)');
    // Not yet an absence: the agent may still come (the -2 for a shift missed: policy-absence.test.ts).
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 0, failed: 0 });
    h.login(min(50), '1001', 'A', 'S-7');
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto', resolvedAt: ms(min(50)) });
    h.tick(min(510));
    // Late, not absent (105.1): no -2 and a passed check; still late for the month's attendance.
    expect(h.pointsOf('absence')).toEqual([]);
    expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
    expect(h.state.plan.shifts.get(s.id)).toMatchObject({ absent: undefined, missedStart: true });
  });

  it('a login in time, or at the very second of the deadline, is no absence', () => {
    for (const loginAt of [min(29), min(40), min(45)]) {
      const h = new PlanHarness();
      h.plan(0, upsert([shift('1001', min(30), min(510))]));
      h.login(loginAt, '1001');
      h.tick(min(120));
      expect(h.of('absence')).toHaveLength(0);
      expect(h.compliance('absence')).toEqual({ passed: 1, failed: 0 });
      expect(h.points).toHaveLength(0);
    }
  });

  it('a shift moved before its deadline is checked at its new time only; a removed one not at all', () => {
    const h = new PlanHarness();
    const s = shift('1001', min(30), min(510));
    h.plan(0, upsert([s]));
    h.plan(min(10), upsert([{ ...s, start: ms(min(60)) }])); // same id, later start
    h.tick(min(75) - 1);
    expect(h.of('absence')).toHaveLength(0);
    h.tick(min(75));
    expect(h.open('absence')).toHaveLength(1);
    expect(h.open('absence')[0].title).toContain('10:00');

    const removed = new PlanHarness();
    removed.plan(0, upsert([s]));
    expect(removed.plan(min(20), { op: 'remove', shiftIds: [s.id], leadShiftIds: [] })).toEqual({ ok: true, value: { shifts: 1, leads: 0 } });
    removed.tick(min(600));
    expect(removed.of('absence')).toHaveLength(0);
  });

  it('removing the shift resolves its open absence alert; a plan arriving after the deadline judges nobody', () => {
    const h = new PlanHarness();
    const s = shift('1001', min(30), min(510));
    h.plan(0, upsert([s]));
    h.tick(min(46));
    const [alert] = h.open('absence');
    h.plan(min(50), { op: 'replace', from: ms(0), to: ms(min(24 * 60)), shifts: [], leads: [] });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolution: 'the shift was changed or removed from the plan' });

    const late = new PlanHarness();
    late.plan(min(46), upsert([s]));
    late.tick(min(600));
    expect(late.of('absence')).toHaveLength(0);
  });

  it('the grace period comes from the rules, also for shifts already planned; a disabled rule raises nothing', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(30), min(510))]));
    h.rules(min(1), (r) => { r.rules.absence.graceMinutes = 5; });
    h.tick(min(35) - 1);
    expect(h.of('absence')).toHaveLength(0);
    h.tick(min(35));
    expect(h.open('absence')).toHaveLength(1);
    h.tick(min(60));
    expect(h.of('absence')[0].occurrences).toBe(1); // the stale 15-minute deadline did nothing

    const off = new PlanHarness((r) => { r.rules.absence.enabled = false; });
    off.plan(0, upsert([shift('1001', min(30), min(510))]));
    off.tick(min(600));
    expect(off.of('absence')).toHaveLength(0);
    expect(off.pointsOf('absence')).toHaveLength(0);
  });
});

describe('lead-early (art. 78, 91)', () => {
  const duty = leadDuty('L1', min(60), min(540), ['A', 'B']);

  it('alerts at T-20 when the lead is not in, and clears when the lead logs in', () => {
    const h = new PlanHarness();
    expect(h.plan(0, upsert([], [duty]))).toEqual({ ok: true, value: { shifts: 0, leads: 1 } });
    h.tick(min(40) - 1);
    expect(h.of('lead-early')).toHaveLength(0);
    h.tick(min(40));
    const [alert] = h.open('lead-early');
    expect(alert).toMatchObject({ agentId: 'L1', teamId: 'A', openedAt: ms(min(40)), article: '78, 91', evidence: [duty.id] });
    expect(alert.title).toBe('Shift lead L1 not in 20 min before the 10:00 shift (teams A, B)');
    h.login(min(42), 'L1', 'A', 'S-L', { role: 'lead' });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedAt: ms(min(42)), resolution: 'lead L1 logged in' });
  });

  it('alerts at T-10 when no pre-shift meeting has started for any of the teams, and clears when one starts', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([], [duty]));
    h.login(min(30), 'L1', 'A', 'S-L', { role: 'lead' });
    h.tick(min(50) - 1);
    expect(h.of('lead-early')).toHaveLength(0);
    h.tick(min(50));
    const [alert] = h.open('lead-early');
    expect(alert.title).toBe('No pre-shift meeting 10 min before the 10:00 shift (teams A, B, lead L1)');
    h.at(min(52), 'meeting.started', { teamId: 'C', kind: 'pre_shift' });
    expect(h.open('lead-early')).toHaveLength(1); // not one of the duty's teams
    h.at(min(53), 'meeting.started', { teamId: 'B', kind: 'pre_shift' });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedAt: ms(min(53)) });
    expect(h.compliance('lead-early')).toEqual({ passed: 1, failed: 1 });
  });

  it('a lead in early and a meeting held in time are clean; a meeting hours earlier does not count', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([], [duty]));
    h.login(min(30), 'L1', 'A', 'S-L', { role: 'lead' });
    h.at(min(45), 'meeting.started', { teamId: 'A', kind: 'pre_shift' });
    h.tick(min(120));
    expect(h.of('lead-early')).toHaveLength(0);
    expect(h.compliance('lead-early')).toEqual({ passed: 2, failed: 0 });

    const stale = new PlanHarness();
    const later = leadDuty('L1', min(240), min(720), ['A']);
    stale.plan(0, upsert([], [later]));
    stale.at(min(10), 'meeting.started', { teamId: 'A', kind: 'pre_shift' }); // the previous shift's meeting
    stale.login(min(200), 'L1', 'A', 'S-L');
    stale.tick(min(230));
    expect(stale.open('lead-early').map((a) => a.title)).toEqual([expect.stringContaining('No pre-shift meeting')]);
  });

  it('a duty moved or removed before its checks is checked at its new time only, or not at all', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([], [duty]));
    h.plan(min(5), upsert([], [{ ...duty, start: ms(min(90)) }]));
    h.tick(min(70) - 1);
    expect(h.of('lead-early')).toHaveLength(0);
    h.tick(min(70));
    expect(h.open('lead-early')).toHaveLength(1);

    const removed = new PlanHarness();
    removed.plan(0, upsert([], [duty]));
    removed.plan(min(5), { op: 'remove', shiftIds: [], leadShiftIds: [duty.id] });
    removed.tick(min(120));
    expect(removed.of('lead-early')).toHaveLength(0);
  });
});

describe('no-leaving-post (art. 79)', () => {
  /** 1001 works S-7 until T+60 min; 1002 relieves at T+60 min. */
  function floor() {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', 0, min(60), { stationId: 'S-7', teamId: 'A' }),
      shift('1002', min(60), min(540), { stationId: 'S-7', teamId: 'A' }),
    ]));
    h.login(1, '1001', 'A', 'S-7');
    return h;
  }

  it('alerts when the agent logs out at shift end while the relief is not in and nobody approved; the relief arriving clears it', () => {
    const h = floor();
    h.logout(min(55), '1001', 'S-7');
    const [alert] = h.open('no-leaving-post');
    expect(alert).toMatchObject({ agentId: '1001', teamId: 'A', openedAt: ms(min(55)), article: '79' });
    expect(alert.title).toBe('Agent 1001 left seat S-7 while the relief 1002 is not logged in, without a lead\'s approval');
    expect(h.compliance('no-leaving-post')).toEqual({ passed: 0, failed: 1 });
    h.login(min(61), '1002', 'A', 'S-7');
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto', resolution: 'relief 1002 logged in' });
  });

  it('is fine when the relief is in, when the logout carries a lead\'s approval, or with no relief planned', () => {
    const relieved = floor();
    relieved.login(min(50), '1002', 'A', 'S-7');
    relieved.logout(min(58), '1001', 'S-7');
    expect(relieved.of('no-leaving-post')).toHaveLength(0);
    expect(relieved.compliance('no-leaving-post')).toEqual({ passed: 1, failed: 0 });

    const approved = floor();
    approved.logout(min(58), '1001', 'S-7', { approvedBy: 'L1' });
    expect(approved.of('no-leaving-post')).toHaveLength(0);

    const alone = new PlanHarness();
    alone.plan(0, upsert([shift('1001', 0, min(60), { stationId: 'S-7' })]));
    alone.login(1, '1001', 'A', 'S-7');
    alone.logout(min(60), '1001', 'S-7');
    expect(alone.of('no-leaving-post')).toHaveLength(0);
  });

  it('a lead\'s leave.approve before the logout prevents the alert; after it, resolves it in the lead\'s name', () => {
    const before = floor();
    expect(before.command(min(50), { type: 'leave.approve', agentId: '1001', by: 'lead-7' })).toMatchObject({
      ok: true, value: { agentId: '1001', approvedBy: 'lead-7', at: ms(min(50)) },
    });
    before.logout(min(56), '1001', 'S-7');
    expect(before.of('no-leaving-post')).toHaveLength(0);

    const after = floor();
    after.logout(min(56), '1001', 'S-7');
    const [alert] = after.open('no-leaving-post');
    expect(after.command(min(57), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'child ill' })).toMatchObject({
      ok: true, value: { resolvedAlertId: alert.id },
    });
    expect(after.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'lead-7', resolution: 'leave approved by lead-7: child ill' });
    expect(after.command(min(58), { type: 'leave.approve', agentId: 'nobody', by: 'lead-7' })).toMatchObject({ ok: false, field: 'agentId' });
  });

  it('an approval from an earlier shift does not count; a logout mid-shift or at a second station is not leaving at shift end', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', min(120), min(180), { stationId: 'S-7' }),
      shift('1002', min(180), min(600), { stationId: 'S-7' }),
    ]));
    h.command(min(10), { type: 'leave.approve', agentId: '1001', by: 'lead-7' }); // before the shift
    h.login(min(119), '1001', 'A', 'S-7');
    h.at(min(120), 'agent.login', { agentId: '1001', stationId: 'S-8' });
    h.logout(min(130), '1001', 'S-8'); // still logged in at S-7
    h.logout(min(140), '1001', 'S-7'); // 40 min before the end: outside the 30-min window
    expect(h.of('no-leaving-post')).toHaveLength(0);
    h.login(min(141), '1001', 'A', 'S-7');
    h.logout(min(175), '1001', 'S-7');
    expect(h.open('no-leaving-post')).toHaveLength(1);
  });
});

describe('the plan in the engine', () => {
  it('sets the timers of a shift days ahead only a day before, and still fires them to the second', () => {
    const h = new PlanHarness();
    const ahead = shift('1001', min(3 * 24 * 60), min(3 * 24 * 60 + 480));
    h.plan(0, upsert([ahead]));
    expect(h.state.deadlines.some((d) => d.key === ahead.id)).toBe(false);
    h.tick(min(2 * 24 * 60)); // two midnights later the shift is within reach
    expect(h.state.deadlines.some((d) => d.key === ahead.id)).toBe(true);
    h.tick(min(3 * 24 * 60 + 15) - 1);
    expect(h.of('absence')).toHaveLength(0);
    h.tick(min(3 * 24 * 60 + 15));
    expect(h.open('absence')[0]).toMatchObject({ agentId: '1001', openedAt: ms(min(3 * 24 * 60 + 15)) });
  });

  it('keeps ended shifts about 40 days (for the monthly award), then forgets them at a midnight', () => {
    const h = new PlanHarness();
    const s = shift('1001', 0, min(480));
    h.plan(0, upsert([s]));
    h.login(0, '1001');
    h.tick(min(39 * 24 * 60));
    expect(h.state.plan.shifts.has(s.id)).toBe(true);
    h.tick(min(42 * 24 * 60));
    expect(h.state.plan.shifts.has(s.id)).toBe(false);
    expect(h.state.plan.byAgent.has('1001')).toBe(false);
  });
});
