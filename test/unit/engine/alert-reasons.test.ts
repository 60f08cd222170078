/**
 * The system's words on an alert come with a code (shared/alerts.ts ALERT_REASONS): every
 * automatic resolution, every resolution the engine words in a person's name, and every
 * history note the engine writes. The English stays exactly as it was (logs,
 * notifications, older screens) and is always the code's template filled in.
 */
import { describe, expect, it } from 'vitest';
import { ALERT_REASONS, isAlertReasonCode, type Alert, type AlertHistoryEntry, type AlertReasonCode, type AlertReasonParams } from '../../../shared/alerts.js';
import type { PointsEntry } from '../../../shared/points.js';
import { fillTemplate } from '../../../shared/problems.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';
import { leadDuty, min, ms, PlanHarness, shift, upsert } from './plan-harness.js';

/** Codes the tests below saw the engine write: at the end, every code of the table. */
const seen = new Set<AlertReasonCode>();

type Why = { text: string; code: AlertReasonCode; params?: AlertReasonParams };

/** The resolution of a resolved alert, checked against its history entry and the table. */
function resolutionOf(alert: Alert | undefined): Why {
  expect(alert?.status).toBe('resolved');
  const { resolution, resolutionCode, resolutionParams } = alert!;
  expect(isAlertReasonCode(resolutionCode), `${alert!.rule}: ${String(resolutionCode)}`).toBe(true);
  expect(resolution).toBe(fillTemplate(ALERT_REASONS[resolutionCode!], resolutionParams));
  const entry = alert!.history.at(-1)!;
  expect(entry).toMatchObject({ action: 'resolved', by: alert!.resolvedBy, note: resolution, noteCode: resolutionCode });
  expect(entry.noteParams).toEqual(resolutionParams);
  seen.add(resolutionCode!);
  return { text: resolution!, code: resolutionCode!, ...(resolutionParams !== undefined && { params: resolutionParams }) };
}

function noteOf(entry: AlertHistoryEntry | undefined): Why {
  expect(isAlertReasonCode(entry?.noteCode), String(entry?.noteCode)).toBe(true);
  const { note, noteCode, noteParams } = entry!;
  expect(note).toBe(fillTemplate(ALERT_REASONS[noteCode!], noteParams));
  seen.add(noteCode!);
  return { text: note!, code: noteCode!, ...(noteParams !== undefined && { params: noteParams }) };
}

const only = (h: EngineHarness, rule: string): Alert => {
  const alerts = h.of(rule);
  expect(alerts).toHaveLength(1);
  return h.alerts.get(alerts[0].id)!;
};

/** A call ringing at 1001 from T+2 s, past its 10 s: the ring alert is open at T+12 s. */
function ringing(): EngineHarness {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.login(0, '1002');
  h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
  h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
  h.tick(12);
  expect(h.open('answer-3-rings')).toHaveLength(1);
  return h;
}

describe('answer-3-rings: why a ring alert cleared', () => {
  it('answered, with the agent and the seconds of ringing', () => {
    const h = ringing();
    h.at(20, 'call.answered', { callId: 'c1', agentId: '1001' });
    expect(resolutionOf(only(h, 'answer-3-rings'))).toEqual({
      text: 'answered by agent 1001 after 18 s of ringing', code: 'answeredAfter', params: { agent: '1001', seconds: 18 },
    });
  });

  it('moved on to another agent', () => {
    const h = ringing();
    h.at(20, 'call.ringing', { callId: 'c1', agentId: '1002' });
    expect(resolutionOf(h.of('answer-3-rings')[0])).toEqual({
      text: 'the call moved on to agent 1002 unanswered', code: 'movedOn', params: { agent: '1002' },
    });
  });

  it('stopped ringing', () => {
    const h = ringing();
    h.at(20, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(resolutionOf(only(h, 'answer-3-rings'))).toEqual({ text: 'the call stopped ringing', code: 'stoppedRinging' });
  });
});

describe('wrap-up-record: why a wrap-up alert cleared', () => {
  /** 1001 in after-call work on c1 from T+61 s, past its 120 s at T+181 s. */
  function overLong(): PlanHarness {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(61, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.tick(181);
    expect(h.open('wrap-up-record')).toHaveLength(1);
    return h;
  }

  it('the record came', () => {
    const h = overLong();
    h.at(200, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'card limit' });
    expect(resolutionOf(only(h, 'wrap-up-record'))).toEqual({ text: 'wrap-up recorded', code: 'wrapUpRecorded' });
  });

  it('after-call work ended', () => {
    const h = overLong();
    h.logout(200, '1001');
    expect(resolutionOf(h.of('wrap-up-record').find((a) => a.subject.kind === 'agent'))).toEqual({
      text: 'after-call work ended', code: 'acwEnded',
    });
  });

  it('the record came late', () => {
    const h = new PlanHarness();
    h.state.wrapUpsReported = true;
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.answeredCall(66, 'c2', '1001');
    h.at(90, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'late' });
    expect(resolutionOf(only(h, 'wrap-up-record'))).toEqual({ text: 'wrap-up recorded late', code: 'wrapUpRecordedLate' });
  });
});

describe('callback-promise, rest-off-hook, away-without-reason', () => {
  it('a late callback, with the agent who made it', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'complaint', notes: 'x', callbackDue: h.now + 60_000 });
    h.tick(100);
    h.at(120, 'callback.completed', { callId: 'c1', agentId: '1001' });
    expect(resolutionOf(only(h, 'callback-promise'))).toEqual({
      text: 'callback made by 1001, late', code: 'callbackLate', params: { agent: '1001' },
    });
  });

  /** 1001 resting while c1 waits past 30 s. */
  function resting(): EngineHarness {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.at(5, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'rest' });
    h.at(10, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.tick(40);
    expect(h.open('rest-off-hook')).toHaveLength(1);
    return h;
  }

  it('no call waits too long any more', () => {
    const h = resting();
    h.at(45, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.at(47, 'call.answered', { callId: 'c1', agentId: '1002' });
    expect(resolutionOf(only(h, 'rest-off-hook'))).toEqual({ text: 'no call waits too long any more', code: 'noLongWait' });
  });

  it('the agent stopped resting', () => {
    const h = resting();
    h.at(45, 'agent.state', { agentId: '1001', state: 'available' });
    expect(resolutionOf(only(h, 'rest-off-hook'))).toEqual({ text: 'the agent stopped resting', code: 'stoppedResting' });
  });

  it('the agent is back from not ready', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'agent.state', { agentId: '1001', state: 'not_ready' });
    h.tick(130);
    h.at(140, 'agent.state', { agentId: '1001', state: 'available' });
    expect(resolutionOf(only(h, 'away-without-reason'))).toEqual({ text: 'the agent is back or changed state', code: 'agentBack' });
  });
});

describe('hold-consent: the hold ended, a longer hold approved, and the allowance', () => {
  /** Customer on hold at 1001 from T+10 s, past the default 60 s at T+70 s. */
  function onHold(): EngineHarness {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true, reason: 'checking' });
    h.tick(70);
    expect(h.open('hold-consent')).toHaveLength(1);
    return h;
  }

  it('the hold ended', () => {
    const h = onHold();
    h.at(80, 'call.unhold', { callId: 'c1', agentId: '1001' });
    expect(resolutionOf(only(h, 'hold-consent'))).toEqual({ text: 'the hold ended', code: 'holdEnded' });
  });

  it('approved longer: the approval\'s allowance and the resolution, each with its code', () => {
    const h = onHold();
    h.command(80, { type: 'hold.approve', callId: 'c1', seconds: 180, by: 'lead-7', note: 'card dept checking' });
    const alert = only(h, 'hold-consent');
    const approval = alert.history.find((e) => e.action === 'hold-approved');
    expect(approval).toMatchObject({ by: 'lead-7', comment: 'card dept checking' });
    expect(noteOf(approval)).toEqual({ text: '180 s', code: 'holdAllowed', params: { seconds: 180 } });
    expect(resolutionOf(alert)).toEqual({
      text: 'longer hold approved by lead-7', code: 'holdApproved', params: { who: 'lead-7' },
    });
  });
});

describe('the plan\'s rules: absence, lead-early, no-leaving-post', () => {
  it('the absent agent logged in', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(30), min(510))]));
    h.tick(min(45));
    h.login(min(50), '1001');
    expect(resolutionOf(only(h, 'absence'))).toEqual({ text: 'agent 1001 logged in', code: 'agentIn', params: { agent: '1001' } });
  });

  it('the shift was removed from the plan', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([shift('1001', min(30), min(510))]));
    h.tick(min(46));
    h.plan(min(50), { op: 'replace', from: ms(0), to: ms(min(24 * 60)), shifts: [], leads: [] });
    expect(resolutionOf(only(h, 'absence'))).toEqual({ text: 'the shift was changed or removed from the plan', code: 'shiftChanged' });
  });

  const duty = leadDuty('L1', min(60), min(540), ['A', 'B']);

  it('the lead logged in', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([], [duty]));
    h.tick(min(40));
    h.login(min(42), 'L1', 'A', 'S-L', { role: 'lead' });
    expect(resolutionOf(only(h, 'lead-early'))).toEqual({ text: 'lead L1 logged in', code: 'leadIn', params: { agent: 'L1' } });
  });

  it('the pre-shift meeting started', () => {
    const h = new PlanHarness();
    h.plan(0, upsert([], [duty]));
    h.login(min(30), 'L1', 'A', 'S-L', { role: 'lead' });
    h.tick(min(50));
    h.at(min(53), 'meeting.started', { teamId: 'B', kind: 'pre_shift' });
    expect(resolutionOf(only(h, 'lead-early'))).toEqual({
      text: 'pre-shift meeting of team B started', code: 'meetingStarted', params: { team: 'B' },
    });
  });

  /** 1001 left S-7 at T+55 min while the relief 1002, due at T+60 min, is not in. */
  function leftPost(): PlanHarness {
    const h = new PlanHarness();
    h.plan(0, upsert([
      shift('1001', 0, min(60), { stationId: 'S-7', teamId: 'A' }),
      shift('1002', min(60), min(540), { stationId: 'S-7', teamId: 'A' }),
    ]));
    h.login(1, '1001', 'A', 'S-7');
    h.logout(min(55), '1001', 'S-7');
    expect(h.open('no-leaving-post')).toHaveLength(1);
    return h;
  }

  it('the relief logged in', () => {
    const h = leftPost();
    h.login(min(61), '1002', 'A', 'S-7');
    expect(resolutionOf(only(h, 'no-leaving-post'))).toEqual({ text: 'relief 1002 logged in', code: 'reliefIn', params: { agent: '1002' } });
  });

  it('the agent is back', () => {
    const h = leftPost();
    h.login(min(57), '1001', 'A', 'S-7');
    expect(resolutionOf(only(h, 'no-leaving-post'))).toEqual({ text: 'agent 1001 is back', code: 'agentIsBack', params: { agent: '1001' } });
  });

  it('a lead approved the leave, with or without a note: in the lead\'s name, worded by the engine', () => {
    const bare = leftPost();
    bare.command(min(57), { type: 'leave.approve', agentId: '1001', by: 'lead-7' });
    const plain = only(bare, 'no-leaving-post');
    expect(plain.resolvedBy).toBe('lead-7');
    expect(resolutionOf(plain)).toEqual({ text: 'leave approved by lead-7', code: 'leaveApproved', params: { who: 'lead-7' } });

    const noted = leftPost();
    noted.command(min(57), { type: 'leave.approve', agentId: '1001', by: 'lead-7', note: 'child ill' });
    expect(resolutionOf(only(noted, 'no-leaving-post'))).toEqual({
      text: 'leave approved by lead-7: child ill', code: 'leaveApprovedWithNote', params: { who: 'lead-7', note: 'child ill' },
    });
  });
});

describe('the alert desk and the handover', () => {
  it('a resolution without a note says who, with a code; a person\'s own note has none', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'system down' });
    h.at(11, 'urgent.reported', { agentId: '1001', summary: 'ATM network down' });
    const [first, second] = h.open('urgent-escalation');
    h.command(20, { type: 'alert.resolve', alertId: first.id, by: 'lead-7' });
    expect(resolutionOf(h.alerts.get(first.id))).toEqual({ text: 'resolved by lead-7', code: 'resolvedBy', params: { who: 'lead-7' } });

    h.command(30, { type: 'alert.resolve', alertId: second.id, by: 'lead-7', note: 'passed to IT' });
    const noted = h.alerts.get(second.id)!;
    expect(noted).toMatchObject({ resolvedBy: 'lead-7', resolution: 'passed to IT' });
    expect(noted.resolutionCode).toBeUndefined();
    expect(noted.history.at(-1)).toEqual({ at: noted.resolvedAt, action: 'resolved', by: 'lead-7', note: 'passed to IT' });
  });

  it('a handed-over alert notes the incoming lead with a code', () => {
    const h = new EngineHarness();
    h.login(0, '1001', 'A');
    h.at(10, 'agent.state', { agentId: '1001', state: 'not_ready' });
    h.tick(130);
    h.command(200, { type: 'handover.confirm', by: 'lead-a', handoverId: 'ho-1', teamIds: ['A'], toAccount: 'lead-b' });
    const entry = only(h, 'away-without-reason').history.at(-1);
    expect(entry).toMatchObject({ action: 'handed-over', by: 'lead-a' });
    expect(noteOf(entry)).toEqual({ text: 'to lead-b', code: 'handedOver', params: { account: 'lead-b' } });
  });

  it('an urgent report a lead acknowledges without a note is passed on in the system\'s words (art. 94)', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'system down' });
    h.command(20, { type: 'alert.acknowledge', alertId: only(h, 'urgent-escalation').id, by: 'lead-7' });
    const entry = only(h, 'urgent-escalation').history.at(-1);
    expect(entry).toMatchObject({ action: 'escalated', level: 'supervisor', by: 'lead-7' });
    expect(noteOf(entry)).toEqual({ text: 'passed on to the supervisor by lead-7', code: 'passedOn', params: { who: 'lead-7' } });
  });

  it('an alert escalated by hand (art. 93-94): up one level now, open again for the level above, the timer of that level; the manager is the last', () => {
    const h = ringing(); // a warning ring alert at the lead's, escalating on its own at T+12 s + 300 s
    const id = h.open('answer-3-rings')[0].id;
    h.command(20, { type: 'alert.acknowledge', alertId: id, by: 'lead-7', note: 'on it' });
    expect(h.command(30, { type: 'alert.escalate', alertId: id, by: 'lead-7' })).toMatchObject({ ok: true });
    const up = h.alerts.get(id)!;
    expect(up).toMatchObject({ status: 'open', escalationLevel: 'supervisor', escalatesAt: T0 + 30_000 + 600_000 });
    expect(up.acknowledgedBy).toBeUndefined();
    expect(up.escalatedBy).toBe('lead-7');
    // The lead's acknowledgement stays in the history, before the escalation.
    expect(up.history.map((e) => e.action)).toEqual(['opened', 'acknowledged', 'escalated']);
    expect(noteOf(up.history.at(-1))).toEqual({ text: 'passed on to the supervisor by lead-7', code: 'passedOn', params: { who: 'lead-7' } });

    h.command(40, { type: 'alert.escalate', alertId: id, by: 'sup-1', note: 'needs the manager' });
    const top = h.alerts.get(id)!;
    expect(top).toMatchObject({ escalationLevel: 'manager', escalatesAt: undefined, escalatedBy: 'sup-1', escalationNote: 'needs the manager' });
    expect(top.history.at(-1)).toMatchObject({ action: 'escalated', level: 'manager', by: 'sup-1', note: 'needs the manager' });
    expect(h.command(50, { type: 'alert.escalate', alertId: id, by: 'sup-1' })).toMatchObject({ ok: false, code: 'alertAtTopLevel', field: 'alertId' });
    // The old timer of the lead's level does not fire on it any more.
    h.tick(400);
    expect(h.alerts.get(id)!.history.filter((e) => e.action === 'escalated')).toHaveLength(2);
  });

  it('a supervisor who escalates without a note: passed on to the manager in the system\'s words', () => {
    const h = ringing();
    const id = h.open('answer-3-rings')[0].id;
    h.command(20, { type: 'alert.escalate', alertId: id, by: 'lead-7' });
    h.command(30, { type: 'alert.escalate', alertId: id, by: 'sup-1' });
    expect(noteOf(h.alerts.get(id)!.history.at(-1))).toEqual({ text: 'passed on to the manager by sup-1', code: 'passedOnToManager', params: { who: 'sup-1' } });
    // Resolved, it cannot be escalated.
    h.command(40, { type: 'alert.resolve', alertId: id, by: 'sup-1' });
    expect(h.command(50, { type: 'alert.escalate', alertId: id, by: 'sup-1' })).toMatchObject({ ok: false, code: 'alertNotOpen' });
  });
});

describe('a false alarm (art. 105): the breach did not happen, and the points it took are given back', () => {
  /** Agent 1001 opens a call without the greeting: a greeting alert and -1 (105.7) proposed for it. */
  function ungreeted(): PlanHarness {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '喂，什么事' });
    return h;
  }

  it('the alert remembers the entry it proposed; resolved as a false alarm, the entry is reversed, dated like it, under an id of its own', () => {
    const h = ungreeted();
    const alert = only(h, 'greeting');
    const [taken] = h.pointsOf('polite-language');
    expect(taken).toMatchObject({ agentId: '1001', points: -1, evidence: expect.arrayContaining([alert.id]) });
    expect(alert.pointsTaken).toEqual([{ entryId: taken.id, agentId: '1001', points: -1, at: taken.at, article: '105.7' }]);
    h.command(30, { type: 'alert.resolve', alertId: alert.id, by: 'lead-7', falseAlarm: true });
    expect(resolutionOf(h.alerts.get(alert.id))).toEqual({ text: 'a false alarm, said lead-7', code: 'falseAlarm', params: { who: 'lead-7' } });
    const reversal = h.points.find((p) => p.item === 'reversal');
    expect(reversal).toMatchObject({
      id: `auto:reversal:${taken.id}`, reverses: taken.id, agentId: '1001', points: 1, at: taken.at, article: '105.7',
      reasonCode: 'falseAlarm', reasonParams: { alert: alert.id, who: 'lead-7' }, author: 'lead-7', evidence: [alert.id],
    });
  });

  it('105.7 once per agent per call: a false alarm on the breach that took it moves the point to a breach that still stands', () => {
    const h = ungreeted();
    h.at(8, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '没有办法' });
    const greeting = only(h, 'greeting');
    const phrase = only(h, 'forbidden-phrases');
    expect(h.pointsOf('polite-language')).toHaveLength(1);
    h.command(30, { type: 'alert.resolve', alertId: greeting.id, by: 'lead-7', falseAlarm: true });
    const entries = h.points.filter((p) => p.item === 'polite-language' || p.item === 'reversal');
    expect(entries.map((p) => [p.item, p.points, p.evidence])).toEqual([
      ['polite-language', -1, expect.arrayContaining([greeting.id])],
      ['reversal', 1, [greeting.id]],
      ['polite-language', -1, [phrase.id]],
    ]);
    expect(new Set(entries.map((p) => p.id)).size).toBe(3);
    // That one, a false alarm too: nothing is left standing, nothing more is taken.
    h.command(31, { type: 'alert.resolve', alertId: phrase.id, by: 'lead-7', falseAlarm: true });
    expect(h.points.filter((p) => p.item === 'polite-language').length).toBe(h.points.filter((p) => p.item === 'reversal').length);
  });

  /** Agent 1001 not ready without a reason from second 10: at 130 an alert and -2 (105.11). */
  function awayWithoutReason(): { h: PlanHarness; alert: Alert; taken: PointsEntry } {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(10, 'agent.state', { agentId: '1001', state: 'not_ready' });
    h.tick(131);
    return { h, alert: only(h, 'away-without-reason'), taken: h.pointsOf('leaving-seat')[0] };
  }

  it('a seat left without a reason (-2, 105.11) is given back too, while its alert is live', () => {
    const { h, alert, taken } = awayWithoutReason();
    expect(alert.pointsTaken?.map((p) => [p.entryId, p.points])).toEqual([[taken.id, -2]]);
    h.command(140, { type: 'alert.resolve', alertId: alert.id, by: 'sup-1', falseAlarm: true });
    expect(h.points.find((p) => p.reverses === taken.id)).toMatchObject({ points: 2, agentId: '1001', author: 'sup-1' });
  });

  it('an alert that cleared on its own is marked a false alarm afterwards: its points come back, its resolution stays, once', () => {
    const { h, alert, taken } = awayWithoutReason();
    h.at(150, 'agent.state', { agentId: '1001', state: 'available' });
    const cleared = h.alerts.get(alert.id)!;
    expect(cleared).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    // As the edge gives it: the alert read back from storage, whole.
    const marked = h.command(200, { type: 'alert.falseAlarm', by: 'sup-1', note: '在主管席位核对排班', alert: cleared });
    expect(marked).toMatchObject({ ok: true, value: { status: 'resolved', resolvedBy: 'auto', resolvedAt: cleared.resolvedAt, resolutionCode: cleared.resolutionCode } });
    expect(h.alerts.get(alert.id)?.history.at(-1)).toEqual({ at: ms(200), action: 'false-alarm', by: 'sup-1', note: '在主管席位核对排班' });
    expect(h.points.find((p) => p.reverses === taken.id)).toMatchObject({ id: `auto:reversal:${taken.id}`, points: 2, at: taken.at, author: 'sup-1' });
    // Said once: a second mark, even from the stale copy, reverses nothing more.
    expect(h.command(210, { type: 'alert.falseAlarm', by: 'lead-7', alert: h.alerts.get(alert.id)! }))
      .toMatchObject({ ok: false, code: 'alertAlreadyFalseAlarm', params: { alertId: alert.id, by: 'sup-1' }, field: 'alertId' });
    expect(h.points.filter((p) => p.item === 'reversal')).toHaveLength(1);
  });

  it('105.7 once per agent per call, after the fact too: the point moves to the call\'s resolved breach that still stands', () => {
    const h = ungreeted();
    h.at(8, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '没有办法' });
    const greeting = only(h, 'greeting');
    const phrase = only(h, 'forbidden-phrases');
    h.command(20, { type: 'alert.resolve', alertId: greeting.id, by: 'lead-7' });
    h.command(21, { type: 'alert.resolve', alertId: phrase.id, by: 'lead-7' });
    // The recording, heard later: the greeting was right; the phrase was said. As the floor reads them from storage.
    const stored = (id: string) => h.alerts.get(id)!;
    expect(h.command(300, { type: 'alert.falseAlarm', by: 'sup-1', alert: stored(greeting.id), others: [stored(phrase.id)] })).toMatchObject({ ok: true });
    const entries = h.points.filter((p) => p.item === 'polite-language' || p.item === 'reversal');
    expect(entries.map((p) => [p.item, p.points, p.evidence])).toEqual([
      ['polite-language', -1, expect.arrayContaining([greeting.id])],
      ['reversal', 1, [greeting.id]],
      ['polite-language', -1, [phrase.id]],
    ]);
    // The phrase's alert remembers the point now, so a false alarm on it later gives that back too.
    const moved = entries[2];
    expect(stored(phrase.id).pointsTaken?.map((p) => p.entryId)).toEqual([moved.id]);
    h.command(310, { type: 'alert.falseAlarm', by: 'sup-1', alert: stored(phrase.id), others: [stored(greeting.id)] });
    expect(h.points.filter((p) => p.reverses === moved.id)).toHaveLength(1);
    // The greeting, a false alarm already, takes nothing back.
    expect(h.points.filter((p) => p.item === 'polite-language')).toHaveLength(2);
  });

  it('an alert already resolved as a false alarm, or still live, is not marked a second way', () => {
    const h = ungreeted();
    const alert = only(h, 'greeting');
    // Still live when the command comes: resolved as a false alarm, as the desk's box does.
    expect(h.command(30, { type: 'alert.falseAlarm', by: 'lead-7', alert })).toMatchObject({ ok: true, value: { status: 'resolved', resolutionCode: 'falseAlarm' } });
    expect(h.command(40, { type: 'alert.falseAlarm', by: 'sup-1', alert: h.alerts.get(alert.id)! }))
      .toMatchObject({ ok: false, code: 'alertAlreadyFalseAlarm', params: { by: 'lead-7' } });
    expect(h.points.filter((p) => p.item === 'reversal')).toHaveLength(1);
  });

  it('with a note, in the person\'s words beside the code; an ordinary resolution gives nothing back', () => {
    const h = ungreeted();
    const alert = only(h, 'greeting');
    h.command(30, { type: 'alert.resolve', alertId: alert.id, by: 'lead-7', falseAlarm: true, note: '录音已核，坐席报了工号' });
    expect(resolutionOf(h.alerts.get(alert.id))).toEqual({
      text: 'a false alarm, said lead-7: 录音已核，坐席报了工号', code: 'falseAlarmWithNote', params: { who: 'lead-7', note: '录音已核，坐席报了工号' },
    });
    expect(h.points.filter((p) => p.item === 'reversal')).toHaveLength(1);

    const other = ungreeted();
    other.command(30, { type: 'alert.resolve', alertId: only(other, 'greeting').id, by: 'lead-7', note: 'spoke to the agent' });
    expect(other.points.filter((p) => p.item === 'reversal')).toEqual([]);
  });
});

// Last in the file (its tests run in order): every code in the table is one the engine writes above.
it('covers every code of the table', () => {
  expect([...seen].sort()).toEqual(Object.keys(ALERT_REASONS).sort());
});
