import { describe, expect, it } from 'vitest';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';
import { min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

/** Agent 1001 on call c1, answered at T+5 s. */
function onCall(): EngineHarness {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.answeredCall(1, 'c1', '1001');
  return h;
}

describe('hold-consent (art. 67): the stated reason', () => {
  it('flags a consented hold whose reason the feed reports as blank, naming what is missing', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: '  ' });
    expect(h.of('hold-consent').map((a) => a.title)).toEqual(['Agent 1001 put the customer on hold without a stated reason']);
    expect(h.compliance('hold-consent')).toEqual({ passed: 0, failed: 1 });
  });

  it('names both when consent and reason are missing: one alert, one failed check', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: false, reason: '' });
    expect(h.of('hold-consent').map((a) => a.title)).toEqual(['Agent 1001 put the customer on hold without consent or a stated reason']);
    expect(h.compliance('hold-consent')).toEqual({ passed: 0, failed: 1 });
  });

  it('passes a hold with consent and a reason; a hold without the field is not judged on it (PBX feeds cannot know it)', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking the account' });
    h.at(20, 'call.unhold', { callId: 'c1', agentId: '1001' });
    h.at(30, 'call.hold', { callId: 'c1', agentId: '1001', consent: true });
    h.at(40, 'call.unhold', { callId: 'c1', agentId: '1001' });
    expect(h.of('hold-consent')).toHaveLength(0);
    expect(h.compliance('hold-consent')).toEqual({ passed: 2, failed: 0 });
  });
});

describe('hold-consent (art. 67): an approved limit shorter than the default', () => {
  it('breaches once, at the approved limit, with one failed check', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
    h.command(15, { type: 'hold.approve', callId: 'c1', seconds: 30, by: 'lead-7' });
    h.tick(39);
    expect(h.open('hold-consent')).toHaveLength(0);
    h.tick(40);
    expect(h.open('hold-consent')[0]).toMatchObject({
      openedAt: T0 + 40_000, occurrences: 1, title: 'Customer on hold at agent 1001 past the approved 30 s',
    });
    h.tick(100); // past the default 60 s too
    const alerts = h.of('hold-consent');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ occurrences: 1, status: 'open' });
    expect(h.compliance('hold-consent')).toEqual({ passed: 1, failed: 1 });
  });

  it('an approval the hold has already outlasted is refused: the default limit still stands, one breach at it', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
    expect(h.command(55, { type: 'hold.approve', callId: 'c1', seconds: 30, by: 'lead-7' }))
      .toMatchObject({ ok: false, code: 'holdApprovalTooShort', field: 'seconds' });
    h.tick(56);
    expect(h.open('hold-consent')).toHaveLength(0);
    h.tick(100);
    expect(h.of('hold-consent').map((a) => [a.openedAt, a.occurrences])).toEqual([[T0 + 70_000, 1]]);
    expect(h.compliance('hold-consent')).toEqual({ passed: 1, failed: 1 });
  });

  it('a longer approval after a breach clears it; the new limit can breach again', () => {
    const h = onCall();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
    h.tick(70);
    const [first] = h.open('hold-consent');
    h.command(75, { type: 'hold.approve', callId: 'c1', seconds: 120, by: 'lead-7' });
    expect(h.alerts.get(first.id)?.status).toBe('resolved');
    h.tick(129);
    expect(h.open('hold-consent')).toHaveLength(0);
    h.tick(130);
    expect(h.open('hold-consent')[0]).toMatchObject({ openedAt: T0 + 130_000 });
  });
});

describe('no-leaving-post (art. 79): an approval covers the absence it was given for', () => {
  /** 1001 works S-7 09:00-17:00; 1002 relieves at 17:00. */
  function day(): PlanHarness {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', 0, min(480), { stationId: 'S-7', teamId: 'A', id: 'day-1001' }),
      shift('1002', min(480), min(960), { stationId: 'S-7', teamId: 'A' }),
    ]));
    h.login(1, '1001', 'A', 'S-7');
    return h;
  }

  it('a doctor\'s visit approved at 11:00 does not excuse leaving at shift end once the agent came back', () => {
    const h = day();
    h.command(min(120), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'doctor' });
    h.logout(min(121), '1001', 'S-7');
    h.login(min(180), '1001', 'A', 'S-7');
    h.logout(min(475), '1001', 'S-7');
    expect(h.open('no-leaving-post').map((a) => a.agentId)).toEqual(['1001']);
    expect(h.compliance('no-leaving-post')).toEqual({ passed: 0, failed: 1 });
    expect(h.state.plan.shifts.get('day-1001')?.leftEarlyAt).toBe(ms(min(475)));
  });

  it('so does an approval carried on the earlier logout', () => {
    const h = day();
    h.logout(min(121), '1001', 'S-7', { approvedBy: 'lead-7' });
    h.login(min(180), '1001', 'A', 'S-7');
    h.logout(min(475), '1001', 'S-7');
    expect(h.open('no-leaving-post')).toHaveLength(1);
  });

  it('an approval not yet used covers the next leaving; a login at a second station is no return', () => {
    const h = day();
    h.command(min(120), { type: 'leave.approve', agentId: '1001', by: 'lead-7' });
    h.at(min(200), 'agent.login', { agentId: '1001', stationId: 'S-8' });
    h.logout(min(210), '1001', 'S-8');
    h.logout(min(475), '1001', 'S-7');
    expect(h.of('no-leaving-post')).toHaveLength(0);
    // Still leaving early for the month's full attendance (104.1): the approval spares only the alert.
    expect(h.state.plan.shifts.get('day-1001')?.leftEarlyAt).toBe(ms(min(475)));
  });
});
