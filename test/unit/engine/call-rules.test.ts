import { describe, expect, it } from 'vitest';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';
import { PlanHarness } from './plan-harness.js';

describe('answer-3-rings (art. 60)', () => {
  it('alerts at second 10 of ringing, before any answer, and clears on answer', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(5, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(6, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.tick(15.9);
    expect(h.of('answer-3-rings')).toHaveLength(0);
    h.tick(16);
    const [alert] = h.open('answer-3-rings');
    expect(alert).toMatchObject({ agentId: '1001', callId: 'c1', openedAt: T0 + 16_000, article: '60', kind: 'condition' });
    h.at(18, 'call.answered', { callId: 'c1', agentId: '1001' });
    expect(h.open('answer-3-rings')).toHaveLength(0);
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 1 });
  });

  it('fires even when the deadline is passed by a later event, at the deadline moment', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(40, 'agent.state', { agentId: '1002', state: 'available' });
    expect(h.of('answer-3-rings')[0]?.openedAt).toBe(T0 + 12_000);
  });

  it('is satisfied by an answer within 10 s, including exactly at 10 s', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001', 10);
    h.tick(60);
    expect(h.of('answer-3-rings')).toHaveLength(0);
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 1, failed: 0 });
  });

  it('wants an apology after a late answer', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001', 12);
    h.at(15, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    h.at(17, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '请问有什么可以帮您？' });
    expect(h.open('answer-3-rings').map((a) => a.title)).toEqual(['Agent 1001 answered late and did not apologise']);

    const polite = new EngineHarness();
    polite.login(0, '1001');
    polite.answeredCall(1, 'c1', '1001', 12);
    polite.at(15, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！抱歉让您久等了' });
    expect(polite.open('answer-3-rings')).toHaveLength(0);
  });

  it('an answer reported again by the agent already talking changes nothing: the apology is still owed, the talk runs from the first', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    const answered = h.answeredCall(1, 'c1', '1001', 12);
    h.at(answered + 3, 'call.answered', { callId: 'c1', agentId: '1001' }); // the feed reports the bridge again
    expect(h.state.calls.get('c1')?.legAnsweredAt).toBe(T0 + answered * 1000);
    expect(h.state.plan.awards.quarter.answered.get('1001')).toBe(1);
    h.at(answered + 5, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    h.at(answered + 7, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '请问有什么可以帮您？' });
    expect(h.open('answer-3-rings').map((a) => a.title)).toEqual(['Agent 1001 answered late and did not apologise']);
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 1 });
  });

  it('rung again at the agent already on it (its leg\'s end was lost), the answer is a new one: the ring stops, no ring alert', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(62, 'call.answered', { callId: 'c1', agentId: '1001' });
    h.tick(120);
    expect(h.state.calls.get('c1')).toMatchObject({ ringingAgentId: undefined, legAnsweredAt: T0 + 62_000 });
    expect(h.state.agents.get('1001')?.ringingCallId).toBeUndefined();
    expect(h.of('answer-3-rings')).toEqual([]);
  });
});

describe('greeting (art. 61, 66)', () => {
  it('flags an opening without the agent number, not a proper one', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！很高兴为您服务！' });
    h.answeredCall(10, 'c2', '1002');
    h.at(16, 'transcript.utterance', { callId: 'c2', speaker: 'agent', text: '您好！1002号很高兴为您服务！' });
    const alerts = h.of('greeting');
    expect(alerts.map((a) => [a.agentId, a.callId])).toEqual([['1001', 'c1']]);
    expect(alerts[0].title).toContain('agent number');
    expect(h.compliance('greeting')).toEqual({ passed: 1, failed: 1 });
  });

  it('checks only the first agent utterance, and uses the outbound opening for outbound calls', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(1, 'call.offered', { callId: 'o1', queue: 'outbound', direction: 'outbound', numberClass: 'customer' });
    h.at(2, 'call.answered', { callId: 'o1', agentId: '1001' });
    h.at(3, 'transcript.utterance', { callId: 'o1', speaker: 'customer', text: '喂？' });
    h.at(4, 'transcript.utterance', { callId: 'o1', speaker: 'agent', text: '您好！我是XX银行客服中心1001号客服代表！' });
    h.at(5, 'transcript.utterance', { callId: 'o1', speaker: 'agent', text: '打扰了' });
    expect(h.of('greeting')).toHaveLength(0);
  });
});

describe('hold-consent (art. 67)', () => {
  it('flags a hold without consent', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: false });
    h.at(20, 'call.unhold', { callId: 'c1', agentId: '1001' });
    expect(h.of('hold-consent').map((a) => a.title)).toEqual(['Agent 1001 put the customer on hold without consent']);
  });

  it('alerts at the second a hold passes 60 s, and clears on return', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true });
    h.tick(69);
    expect(h.open('hold-consent')).toHaveLength(0);
    h.tick(70);
    expect(h.open('hold-consent')[0]).toMatchObject({ openedAt: T0 + 70_000, callId: 'c1' });
    h.at(75, 'call.unhold', { callId: 'c1', agentId: '1001' });
    expect(h.open('hold-consent')).toHaveLength(0);
  });

  it('a shift lead can approve a longer hold while it runs; no alert until the new limit', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: true });
    const result = h.command(30, { type: 'hold.approve', callId: 'c1', seconds: 180, by: 'lead-7' });
    expect(result).toEqual({ ok: true, value: { callId: 'c1', allowedSeconds: 180 } });
    h.tick(189);
    expect(h.open('hold-consent')).toHaveLength(0);
    h.tick(190);
    expect(h.open('hold-consent')[0]?.openedAt).toBe(T0 + 190_000);
  });

  it('refuses to approve a call that is not on hold', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    expect(h.command(9, { type: 'hold.approve', callId: 'c1', seconds: 120, by: 'lead-7' }))
      .toMatchObject({ ok: false, field: 'callId' });
  });
});

describe('forbidden-phrases (art. 68)', () => {
  it('alerts at once with the phrase and the call', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    h.at(30, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我也没有办法' });
    const [alert] = h.of('forbidden-phrases');
    expect(alert).toMatchObject({ agentId: '1001', callId: 'c1', severity: 'critical', openedAt: T0 + 30_000 });
    expect(alert.sensitive?.text).toBe('没有办法');
  });

  it('ignores the customer saying it and polite agents', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'customer', text: '我不知道卡号' });
    h.at(8, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '好的，我帮您查询' });
    h.cleanClose(60, 'c1', '1001');
    expect(h.of('forbidden-phrases')).toHaveLength(0);
    expect(h.compliance('forbidden-phrases')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('no-hangup-first (art. 74, 65)', () => {
  it('flags the agent releasing first', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'agent' });
    expect(h.of('no-hangup-first').map((a) => [a.agentId, a.callId, a.severity])).toEqual([['1001', 'c1', 'warning']]);
  });

  it('a harassment release opens a critical alert the lead must acknowledge', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'agent', reason: 'harassment' });
    const [alert] = h.of('no-hangup-first');
    expect(alert).toMatchObject({ severity: 'critical', kind: 'incident', status: 'open' });
    expect(h.command(70, { type: 'alert.acknowledge', alertId: alert.id, by: 'lead-7', note: 'caller abusive, warned twice' }))
      .toMatchObject({ ok: true });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead-7' });
  });

  it('the customer releasing is fine', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(h.of('no-hangup-first')).toHaveLength(0);
    expect(h.compliance('no-hangup-first')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('survey-transfer (art. 76)', () => {
  it('flags a call closed without the survey transfer, not one transferred to it', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'system' });
    h.answeredCall(100, 'c2', '1001');
    h.cleanClose(160, 'c2', '1001');
    expect(h.of('survey-transfer').map((a) => a.callId)).toEqual(['c1']);
    expect(h.compliance('survey-transfer')).toEqual({ passed: 1, failed: 1 });
  });

  it('does not flag calls a PBX restart or a feed resync ended (nobody closed them)', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.answeredCall(1, 'c1', '1001');
    h.answeredCall(2, 'c2', '1002');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'system', reason: 'other', pbxRestart: true });
    h.at(61, 'call.ended', { callId: 'c2', releasedBy: 'system', reason: 'other', resync: true });
    h.tick(120);
    expect(h.of('survey-transfer')).toHaveLength(0);
    expect(h.compliance('survey-transfer')).toEqual({ passed: 0, failed: 0 });
    // A system release with no such mark is still the agent's close without the survey.
    h.answeredCall(200, 'c3', '1001');
    h.at(260, 'call.ended', { callId: 'c3', releasedBy: 'system', reason: 'other' });
    expect(h.of('survey-transfer').map((a) => a.callId)).toEqual(['c3']);
  });
});

describe('survey-transfer (art. 76): the agent hangs up without the survey', () => {
  it('fails art. 76\'s check (its plainest breach) but alerts once, as a hang-up first (art. 74); the customer\'s hang-up is no check', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'agent' });
    h.answeredCall(100, 'c2', '1001');
    h.at(160, 'call.ended', { callId: 'c2', releasedBy: 'customer' });
    h.answeredCall(200, 'c3', '1001');
    h.at(260, 'call.ended', { callId: 'c3', releasedBy: 'agent', reason: 'harassment' });
    expect(h.compliance('survey-transfer')).toEqual({ passed: 0, failed: 1 });
    expect(h.of('survey-transfer')).toEqual([]);
    expect(h.of('no-hangup-first').map((a) => a.callId)).toContain('c1');
  });
});

describe('survey-transfer (art. 76) when no-hangup-first is switched off', () => {
  it('alerts the agent\'s hang-up without the survey itself: the breach is not left without an alert', () => {
    const h = new PlanHarness();
    h.rules(0, (rules) => { rules.rules['no-hangup-first'].enabled = false; });
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'agent' });
    expect(h.of('survey-transfer').map((a) => a.callId)).toEqual(['c1']);
  });
});

describe('articles 60-76 judge customers\' calls only', () => {
  function badCall(h: PlanHarness, callId: string, numberClass: string, at: number): void {
    h.at(at, 'call.offered', { callId, queue: 'general', direction: 'inbound', numberClass });
    h.at(at + 1, 'call.ringing', { callId, agentId: '1001' });
    h.at(at + 14, 'call.answered', { callId, agentId: '1001' }); // rang 13 s, no apology
    h.at(at + 15, 'transcript.utterance', { callId, speaker: 'agent', text: '喂，老王' }); // no greeting
    h.at(at + 16, 'transcript.utterance', { callId, speaker: 'agent', text: '这个我不知道' });
    h.at(at + 17, 'call.hold', { callId, agentId: '1001', consent: false });
    h.at(at + 18, 'call.unhold', { callId, agentId: '1001' });
    h.at(at + 20, 'call.ended', { callId, releasedBy: 'agent' });
  }
  const CALL_RULES = ['answer-3-rings', 'greeting', 'forbidden-phrases', 'hold-consent', 'no-hangup-first', 'survey-transfer'];

  it('a colleague\'s call (internal) and a personal one (private) raise none of their alerts nor take points; a customer\'s does', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    badCall(h, 'colleague', 'internal', 1);
    badCall(h, 'personal', 'private', 100);
    h.tick(400);
    for (const rule of CALL_RULES) expect([rule, h.of(rule)]).toEqual([rule, []]);
    expect(h.pointsOf('polite-language')).toEqual([]);
    // The personal call is art. 105.4's matter (its own rule, unchanged).
    expect(h.pointsOf('private-call')).toHaveLength(0); // received and shorter than 180 s
    badCall(h, 'customer', 'unknown', 500);
    expect(CALL_RULES.filter((rule) => h.of(rule).length > 0)).toEqual(CALL_RULES.filter((r) => r !== 'survey-transfer'));
    expect(h.pointsOf('polite-language').map((p) => p.agentId)).toEqual(['1001']);
  });

  it('a call the rules met before its offer classed it (a ring first) stays theirs: its ring alert clears when it is answered', () => {
    const h = new PlanHarness();
    h.login(0, '1001');
    h.at(1, 'call.ringing', { callId: 'c9', agentId: '1001' });
    h.tick(13);
    expect(h.open('answer-3-rings')).toHaveLength(1);
    h.at(14, 'call.offered', { callId: 'c9', queue: 'internal', direction: 'inbound', numberClass: 'internal' });
    h.at(15, 'call.answered', { callId: 'c9', agentId: '1001' });
    h.at(40, 'call.ended', { callId: 'c9', releasedBy: 'customer' });
    expect(h.open('answer-3-rings')).toEqual([]);
    expect(h.state.agents.get('1001')?.openAlerts).toBe(0);
  });
});

describe('urgent-escalation (art. 93, 94): each report is its own matter', () => {
  it('a second report by the same agent, after the first was acknowledged, opens a new alert that is notified and escalates', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(1, 'urgent.reported', { agentId: '1001', summary: 'card reader swallowing cards at branch 12' });
    const [first] = h.open('urgent-escalation');
    h.command(5, { type: 'alert.acknowledge', alertId: first.id, by: 'lead-7' });
    h.at(100, 'urgent.reported', { agentId: '1001', summary: 'ATM network down' });

    const alerts = h.open('urgent-escalation');
    expect(alerts).toHaveLength(2);
    const second = alerts.find((a) => a.id !== first.id)!;
    // The lead took the first up and passed it on (art. 94): it is the supervisor's now.
    expect(h.alerts.get(first.id)).toMatchObject({ status: 'open', escalationLevel: 'supervisor', occurrences: 1, sensitive: { text: 'card reader swallowing cards at branch 12' } });
    expect(second).toMatchObject({ status: 'open', escalationLevel: 'lead', agentId: '1001', occurrences: 1, escalatesAt: T0 + 160_000, sensitive: { text: 'ATM network down' } });
    expect(second.subject).not.toEqual(first.subject);
    expect(h.state.agents.get('1001')?.openAlerts).toBe(2);

    h.tick(160);
    expect(h.alerts.get(second.id)?.escalationLevel).toBe('supervisor');
    expect(h.alerts.get(first.id)).toMatchObject({ status: 'open', escalationLevel: 'manager' });
  });

  it('reports about the same call still join that call\'s alert', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller reports fraud in progress' });
    h.at(20, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller reports fraud in progress, second card' });
    expect(h.open('urgent-escalation')).toMatchObject([{ callId: 'c1', occurrences: 2, subject: { kind: 'call', id: 'c1' } }]);
  });

  it('a report about a call whose alert was acknowledged is new to the lead: a fresh alert, notified and escalating; both summaries kept', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller reports fraud in progress' });
    const [first] = h.open('urgent-escalation');
    h.command(20, { type: 'alert.acknowledge', alertId: first.id, by: 'lead-7', note: 'card blocked' });
    const second = h.at(100, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller says a second card was used too' });

    const alerts = h.open('urgent-escalation');
    expect(alerts).toHaveLength(2);
    const fresh = alerts.find((a) => a.id !== first.id)!;
    expect(fresh).toMatchObject({
      status: 'open', severity: 'critical', escalationLevel: 'lead', escalatesAt: T0 + 160_000, callId: 'c1', agentId: '1001',
      occurrences: 1, evidence: [second.id], subject: { kind: 'call', id: `c1:${second.id}` },
      sensitive: { text: 'caller says a second card was used too' },
    });
    // The alert the lead passed on is as the lead left it: its own summary, one report, at the supervisor's level.
    expect(h.alerts.get(first.id)).toMatchObject({
      status: 'open', occurrences: 1, escalationLevel: 'supervisor', escalatesAt: T0 + 140_000,
      sensitive: { text: 'caller reports fraud in progress' }, subject: { kind: 'call', id: 'c1' },
    });
    expect(h.alerts.get(first.id)?.history?.at(-1)).toMatchObject({ action: 'escalated', by: 'lead-7', note: 'card blocked' });
    expect(h.state.agents.get('1001')?.openAlerts).toBe(2);

    h.tick(160);
    expect(h.alerts.get(fresh.id)?.escalationLevel).toBe('supervisor');
    expect(h.alerts.get(first.id)?.escalationLevel).toBe('manager');
  });

  it('a further report while the fresh alert is unacknowledged joins it; once that is acknowledged too, the next is fresh again', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'fraud in progress' });
    const [first] = h.open('urgent-escalation');
    h.command(20, { type: 'alert.acknowledge', alertId: first.id, by: 'lead-7' });
    h.at(30, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'second card used' });
    h.at(40, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'third card used' });
    const [fresh] = h.open('urgent-escalation').filter((a) => a.id !== first.id);
    expect(h.open('urgent-escalation')).toHaveLength(2);
    expect(fresh).toMatchObject({ status: 'open', occurrences: 2, escalatesAt: T0 + 90_000 });

    h.command(50, { type: 'alert.acknowledge', alertId: fresh.id, by: 'lead-7' });
    h.at(60, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller now threatening staff' });
    // The first two were passed on to the supervisor (still open there); the third is new to the lead.
    const atLead = h.open('urgent-escalation').filter((a) => a.escalationLevel === 'lead');
    expect(atLead).toHaveLength(1);
    expect(atLead[0]).toMatchObject({ status: 'open', occurrences: 1, callId: 'c1', sensitive: { text: 'caller now threatening staff' } });
    expect([first.id, fresh.id]).not.toContain(atLead[0].id);
    expect(new Set(h.open('urgent-escalation').map((a) => a.subject.id)).size).toBe(3);
  });

  it('after the call\'s alert was resolved, the next report about the call opens the call\'s alert again', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'fraud in progress' });
    const [first] = h.open('urgent-escalation');
    h.command(20, { type: 'alert.resolve', alertId: first.id, by: 'lead-7', note: 'card blocked' });
    h.at(30, 'urgent.reported', { agentId: '1001', callId: 'c1', summary: 'caller rang back: second card' });
    expect(h.open('urgent-escalation')).toMatchObject([{ status: 'open', occurrences: 1, subject: { kind: 'call', id: 'c1' } }]);
    expect(h.open('urgent-escalation')[0].id).not.toBe(first.id);
  });
});
