import { describe, expect, it } from 'vitest';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

describe('wrap-up-record (art. 77)', () => {
  it('alerts when after-call work passes 120 s, and clears on the wrap-up', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.transferred', { callId: 'c1', agentId: '1001', target: 'survey' });
    h.at(61, 'call.ended', { callId: 'c1', releasedBy: 'system' });
    h.tick(179);
    expect(h.open('wrap-up-record')).toHaveLength(0);
    h.tick(180);
    expect(h.open('wrap-up-record')[0]).toMatchObject({ agentId: '1001', callId: 'c1', openedAt: T0 + 180_000 });
    h.at(200, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'card limit' });
    expect(h.open('wrap-up-record')).toHaveLength(0);
  });

  it('flags a wrap-up without a call type; a complete one in time is clean', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.at(80, 'wrapup.completed', { callId: 'c1', agentId: '1001', notes: 'asked about fees' });
    expect(h.of('wrap-up-record').map((a) => a.title)).toEqual(['Agent 1001 recorded the call without call type']);

    const clean = new EngineHarness();
    clean.login(0, '1001');
    clean.answeredCall(1, 'c1', '1001');
    clean.cleanClose(60, 'c1', '1001');
    clean.tick(600);
    expect(clean.of('wrap-up-record')).toHaveLength(0);
    expect(clean.compliance('wrap-up-record')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('callback-promise (art. 63)', () => {
  it('alerts when a promised callback is overdue and clears when it is made', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.cleanClose(60, 'c1', '1001');
    h.at(95, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'complaint', notes: 'x', callbackDue: T0 + 600_000 });
    h.tick(599);
    expect(h.open('callback-promise')).toHaveLength(0);
    h.tick(600);
    expect(h.open('callback-promise')[0]).toMatchObject({ agentId: '1001', callId: 'c1' });
    h.at(700, 'callback.completed', { callId: 'c1', agentId: '1001' });
    expect(h.open('callback-promise')).toHaveLength(0);
  });

  it('a callback made in time is clean', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'complaint', notes: 'x', callbackDue: T0 + 600_000 });
    h.at(300, 'callback.completed', { callId: 'c1', agentId: '1001' });
    h.tick(1000);
    expect(h.of('callback-promise')).toHaveLength(0);
    expect(h.compliance('callback-promise')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('rest-off-hook (art. 88)', () => {
  it('alerts a resting agent once a call has waited 30 s, and clears when the wait ends', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.at(5, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'rest' });
    h.at(10, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.tick(39);
    expect(h.open('rest-off-hook')).toHaveLength(0);
    h.tick(40);
    expect(h.open('rest-off-hook').map((a) => a.agentId)).toEqual(['1001']);
    h.at(45, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.at(47, 'call.answered', { callId: 'c1', agentId: '1002' });
    expect(h.open('rest-off-hook')).toHaveLength(0);
  });

  it('resting while nothing waits long is fine', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(5, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'rest' });
    h.at(10, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(20, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.at(200, 'agent.state', { agentId: '1001', state: 'available' });
    expect(h.of('rest-off-hook')).toHaveLength(0);
    expect(h.compliance('rest-off-hook')).toEqual({ passed: 1, failed: 0 });
  });

  it('an agent starting to rest while a call already waits too long is flagged at once', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.tick(40);
    h.at(50, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'rest' });
    expect(h.open('rest-off-hook')[0]).toMatchObject({ agentId: '1001', openedAt: T0 + 50_000 });
  });
});

describe('urgent-escalation (art. 93, 94)', () => {
  it('opens a critical alert that walks lead -> supervisor -> manager until acknowledged', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'customer reports card stolen, fraud in progress' });
    const [alert] = h.open('urgent-escalation');
    expect(alert).toMatchObject({ severity: 'critical', escalationLevel: 'lead', escalatesAt: T0 + 70_000 });
    h.tick(70);
    expect(h.alerts.get(alert.id)).toMatchObject({ escalationLevel: 'supervisor', escalatesAt: T0 + 190_000 });
    h.tick(190);
    expect(h.alerts.get(alert.id)?.escalationLevel).toBe('manager');
    expect(h.alerts.get(alert.id)?.escalatesAt).toBeUndefined();
  });

  it('the lead who acknowledges it passes it on to the supervisor (art. 94), whose acknowledgement stops it', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'system down' });
    const [alert] = h.open('urgent-escalation');
    // 值班长……遇重要、紧急状况应及时上报现场主管或部门经理: not the end of it at the lead.
    expect(h.command(30, { type: 'alert.acknowledge', alertId: alert.id, by: 'lead-7', note: 'IT called' })).toMatchObject({
      ok: true, value: { status: 'open', escalationLevel: 'supervisor', escalatesAt: T0 + 150_000 },
    });
    expect(h.alerts.get(alert.id)?.history?.at(-1)).toMatchObject({ at: T0 + 30_000, action: 'escalated', level: 'supervisor', by: 'lead-7', note: 'IT called' });
    // Nobody at the supervisor's level takes it: on to the manager, as any escalation.
    h.tick(150);
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'open', escalationLevel: 'manager' });
    h.command(160, { type: 'alert.acknowledge', alertId: alert.id, by: 'manager-1' });
    h.tick(500);
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'manager-1', escalationLevel: 'manager' });
    expect(h.command(510, { type: 'alert.acknowledge', alertId: alert.id, by: 'lead-8' })).toMatchObject({ ok: false });
    h.command(600, { type: 'alert.resolve', alertId: alert.id, by: 'lead-7', note: 'passed to IT' });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'lead-7', resolution: 'passed to IT' });
  });

  it('a supervisor who acknowledges it at once stops it there; a lead with no note leaves the system\'s words', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'urgent.reported', { agentId: '1001', summary: 'fraud in progress' });
    const [alert] = h.open('urgent-escalation');
    h.command(20, { type: 'alert.acknowledge', alertId: alert.id, by: 'lead-7' });
    expect(h.alerts.get(alert.id)?.history?.at(-1)).toMatchObject({ by: 'lead-7', noteCode: 'passedOn', note: 'passed on to the supervisor by lead-7' });
    h.command(40, { type: 'alert.acknowledge', alertId: alert.id, by: 'sup-1' });
    h.tick(1000);
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'sup-1', escalationLevel: 'supervisor' });
    // Other rules' alerts still stop at the lead's acknowledgement.
    h.at(1010, 'agent.state', { agentId: '1001', state: 'not_ready' });
    h.tick(1200);
    const [away] = h.open('away-without-reason');
    h.command(1210, { type: 'alert.acknowledge', alertId: away.id, by: 'lead-7' });
    expect(h.alerts.get(away.id)).toMatchObject({ status: 'acknowledged', escalationLevel: 'lead' });
  });

  it('nothing urgent, nothing raised', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.cleanClose(60, 'c1', '1001');
    expect(h.of('urgent-escalation')).toHaveLength(0);
  });
});

describe('one-agent-one-login (art. 100)', () => {
  it('alerts when one number logs in at a second station', () => {
    const h = new EngineHarness();
    h.at(0, 'agent.login', { agentId: '1001', stationId: 'S-1', teamId: 't1' });
    h.at(60, 'agent.login', { agentId: '1001', stationId: 'S-9', teamId: 't1' });
    const [alert] = h.of('one-agent-one-login');
    expect(alert).toMatchObject({ agentId: '1001', severity: 'critical', kind: 'incident' });
    expect(alert.title).toContain('S-9');
  });

  it('a seat plan flags a login at a station not its own; logout then login elsewhere is fine without one', () => {
    const planned = new EngineHarness((r) => { r.rules['one-agent-one-login'].seats = { '1001': 'S-1' }; });
    planned.at(0, 'agent.login', { agentId: '1001', stationId: 'S-2' });
    expect(planned.of('one-agent-one-login')).toHaveLength(1);

    const h = new EngineHarness();
    h.at(0, 'agent.login', { agentId: '1001', stationId: 'S-1' });
    h.at(10, 'agent.logout', { agentId: '1001', stationId: 'S-1' });
    h.at(20, 'agent.login', { agentId: '1001', stationId: 'S-2' });
    expect(h.of('one-agent-one-login')).toHaveLength(0);
    expect(h.compliance('one-agent-one-login')).toEqual({ passed: 2, failed: 0 });
  });
});

describe('away-without-reason (art. 105.11, 105.12)', () => {
  it('alerts after 120 s not ready with no reason, and clears when back', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'agent.state', { agentId: '1001', state: 'not_ready' });
    h.tick(129);
    expect(h.open('away-without-reason')).toHaveLength(0);
    h.tick(130);
    expect(h.open('away-without-reason')[0]).toMatchObject({ agentId: '1001', openedAt: T0 + 130_000 });
    h.at(200, 'agent.state', { agentId: '1001', state: 'available' });
    expect(h.open('away-without-reason')).toHaveLength(0);
    expect(h.compliance('away-without-reason')).toEqual({ passed: 0, failed: 1 });
  });

  it('alerts a break past its length; a short break with a reason is fine', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'break' });
    h.tick(910);
    expect(h.open('away-without-reason')[0]?.title).toContain('break');

    const ok = new EngineHarness();
    ok.login(0, '1001');
    ok.at(10, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'break' });
    ok.at(500, 'agent.state', { agentId: '1001', state: 'available' });
    ok.tick(2000);
    expect(ok.of('away-without-reason')).toHaveLength(0);
    expect(ok.compliance('away-without-reason')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('private-call (art. 105.4)', () => {
  it('flags a placed private call at once, and only once: placing it is the breach, whatever its length', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'p1', queue: 'outbound', direction: 'outbound', numberClass: 'private' });
    h.at(15, 'call.answered', { callId: 'p1', agentId: '1001' });
    const [alert] = h.of('private-call');
    expect(alert).toMatchObject({ agentId: '1001', callId: 'p1', occurrences: 1 });
    h.tick(195);
    expect(h.alerts.get(alert.id)).toMatchObject({ occurrences: 1 });
    expect(h.alerts.get(alert.id)?.title).toContain('placed a private call');
  });

  it('customer calls are not private', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(10, 'call.offered', { callId: 'o1', queue: 'outbound', direction: 'outbound', numberClass: 'customer' });
    h.at(15, 'call.answered', { callId: 'o1', agentId: '1001' });
    h.at(400, 'call.ended', { callId: 'o1', releasedBy: 'customer' });
    expect(h.of('private-call')).toHaveLength(0);
    expect(h.compliance('private-call')).toEqual({ passed: 1, failed: 0 });
  });
});

describe('rules configuration', () => {
  it('a disabled rule raises nothing', () => {
    const h = new EngineHarness((r) => { r.rules['answer-3-rings'].enabled = false; });
    h.login(0, '1001');
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.tick(60);
    expect(h.of('answer-3-rings')).toHaveLength(0);
  });

  it('thresholds come from the configuration', () => {
    const h = new EngineHarness((r) => { r.rules['answer-3-rings'].ringSeconds = 5; });
    h.login(0, '1001');
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.tick(7);
    expect(h.of('answer-3-rings')[0]?.openedAt).toBe(T0 + 7000);
  });
});
