import { describe, expect, it } from 'vitest';
import { serviceLevel } from '../../../server/engine/service-level.js';
import { agentView, floorFigures, queueFigures } from '../../../server/engine/views.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

function agent(h: EngineHarness, id: string) {
  return agentView(h.state, h.state.agents.get(id)!);
}

describe('agent state and totals', () => {
  it('walks logged out -> available -> ringing -> talking -> on hold -> after-call work -> available', () => {
    const h = new EngineHarness();
    expect(h.state.agents.get('1001')).toBeUndefined();
    h.login(0, '1001');
    expect(agent(h, '1001')).toMatchObject({ state: 'available', since: T0, stationId: 'S-1001', teamId: 't1' });
    h.at(5, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(6, 'call.ringing', { callId: 'c1', agentId: '1001' });
    expect(agent(h, '1001')).toMatchObject({ state: 'ringing', callId: 'c1' });
    h.at(9, 'call.answered', { callId: 'c1', agentId: '1001' });
    expect(agent(h, '1001')).toMatchObject({ state: 'talking', callSince: T0 + 9000 });
    h.at(39, 'call.hold', { callId: 'c1', agentId: '1001', consent: true });
    expect(agent(h, '1001')).toMatchObject({ state: 'on_hold', holdSince: T0 + 39_000 });
    h.at(49, 'call.unhold', { callId: 'c1', agentId: '1001' });
    h.at(69, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(agent(h, '1001')).toMatchObject({ state: 'after_call_work', handledToday: 1 });
    h.at(99, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'enquiry', notes: 'n' });
    expect(agent(h, '1001')).toMatchObject({
      state: 'available', talkMs: 50_000, holdMs: 10_000, acwMs: 30_000, ahtSeconds: 90,
    });
    h.at(100, 'agent.state', { agentId: '1001', state: 'not_ready', reason: 'meal' });
    expect(agent(h, '1001')).toMatchObject({ state: 'not_ready', reason: 'meal', since: T0 + 100_000 });
    h.at(110, 'agent.state', { agentId: '1001', state: 'not_ready' });
    expect(agent(h, '1001')).toMatchObject({ state: 'not_ready', reason: 'none', since: T0 + 110_000 });
    h.at(120, 'agent.logout', { agentId: '1001', stationId: 'S-1001' });
    expect(agent(h, '1001').state).toBe('logged_out');
  });
});

describe('queue figures', () => {
  it('counts offered, answered within 10 s, abandons (short ones apart), ASA and AHT', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    // answered after 4 s of waiting
    h.answeredCall(10, 'c1', '1001', 3);
    h.at(44, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    h.at(54, 'wrapup.completed', { callId: 'c1', agentId: '1001', callType: 'x', notes: 'y' });
    // answered after 20 s of waiting
    h.at(100, 'call.offered', { callId: 'c2', queue: 'general', direction: 'inbound' });
    h.at(118, 'call.ringing', { callId: 'c2', agentId: '1001' });
    h.at(120, 'call.answered', { callId: 'c2', agentId: '1001' });
    // abandoned after 2 s (short) and after 30 s
    h.at(200, 'call.offered', { callId: 'c3', queue: 'general', direction: 'inbound' });
    h.at(202, 'call.ended', { callId: 'c3', releasedBy: 'customer' });
    h.at(300, 'call.offered', { callId: 'c4', queue: 'general', direction: 'inbound' });
    h.at(330, 'call.ended', { callId: 'c4', releasedBy: 'customer' });
    // one still waiting
    h.at(400, 'call.offered', { callId: 'c5', queue: 'general', direction: 'inbound' });
    h.tick(425);
    const q = queueFigures(h.state, h.state.queues.get('general')!);
    expect(q).toMatchObject({
      offered: 5, answered: 2, answeredInThreshold: 1, abandoned: 2, shortAbandoned: 1, abandonedInThreshold: 0,
      waiting: 1, oldestWaitingSince: T0 + 400_000, longestWaitSeconds: 25, asaSeconds: 12,
    });
    // SL (abandons against, short ones left out) = 1 / (2 + 1)
    expect(q.serviceLevel).toBeCloseTo(1 / 3);
    expect(q.abandonRate).toBeCloseTo(1 / 3);
    // c1: 30 s talk + 10 s wrap-up; c2 still in progress
    expect(q.ahtSeconds).toBe(40);
    const floor = floorFigures(h.state);
    expect(floor).toMatchObject({ offered: 5, waiting: 1 });
    expect(floor.agentsByState.talking).toBe(1);
  });

  it('implements each documented service-level formula', () => {
    const c = { answered: 80, answeredInThreshold: 60, abandoned: 20, shortAbandoned: 5, abandonedInThreshold: 5 };
    expect(serviceLevel(c, 'abandons-against')).toBeCloseTo(60 / 95);
    expect(serviceLevel(c, 'abandons-ignored')).toBeCloseTo(60 / 80);
    expect(serviceLevel(c, 'threshold-abandons-excluded')).toBeCloseTo(60 / 90);
    expect(serviceLevel(c, 'threshold-abandons-met')).toBeCloseTo(65 / 95);
    expect(serviceLevel({ answered: 0, answeredInThreshold: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0 }, 'abandons-against')).toBeNull();
  });
});

describe('alerts are never a flood', () => {
  it('one live alert per rule and subject; repeats add evidence', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    for (let i = 0; i < 20; i++) {
      h.at(10 + i, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '我不知道' });
    }
    const alerts = h.of('forbidden-phrases');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].occurrences).toBe(20);
    expect(alerts[0].evidence).toHaveLength(20);
    expect(agent(h, '1001').openAlerts).toBe(1);
  });
});

describe('the day boundary (centre time zone)', () => {
  it('starts the daily figures again at local midnight, keeping live calls', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.answeredCall(1, 'c1', '1001');
    h.cleanClose(60, 'c1', '1001');
    h.answeredCall(100, 'c2', '1001');
    expect(h.state.day).toBe('2026-11-28');
    const midnight = Date.parse('2026-11-29T00:00:00+08:00');
    h.tick((midnight - T0) / 1000 + 1);
    expect(h.state.day).toBe('2026-11-29');
    expect(agent(h, '1001')).toMatchObject({ handledToday: 0, state: 'talking' });
    expect(h.state.queues.get('general')?.offered).toBe(0);
    expect(h.state.compliance.floor).toEqual({});
  });
});

describe('compliance', () => {
  it('counts per agent, team and queue, today and per 15-minute interval', async () => {
    const { complianceView } = await import('../../../server/engine/views.js');
    const h = new EngineHarness();
    h.login(0, '1001', 'A');
    h.login(0, '1002', 'B');
    h.answeredCall(60, 'c1', '1001', 3, 'cards');          // 09:01, in time
    h.answeredCall(16 * 60, 'c2', '1002', 12, 'general');  // 09:16, late
    const c = complianceView(h.state);
    const q1 = String(T0);
    const q2 = String(T0 + 15 * 60_000);
    expect(c.byAgent['1001']['answer-3-rings']).toEqual({ passed: 1, failed: 0 });
    expect(c.byTeam.B['answer-3-rings']).toEqual({ passed: 0, failed: 1 });
    expect(c.byQueue.cards['answer-3-rings']).toEqual({ passed: 1, failed: 0 });
    expect(c.byInterval[q1]['answer-3-rings']).toEqual({ passed: 1, failed: 0 });
    expect(c.byInterval[q2]['answer-3-rings']).toEqual({ passed: 0, failed: 1 });
    expect(c.byTeamInterval.A[q1]['answer-3-rings']).toEqual({ passed: 1, failed: 0 });
    expect(c.byQueueInterval.general[q2]['answer-3-rings']).toEqual({ passed: 0, failed: 1 });
  });
});

describe('agents serving a queue', () => {
  it('counts the agents its calls have rung, by what they are doing', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.login(0, '1003');
    h.answeredCall(1, 'c1', '1001', 2, 'cards');
    h.answeredCall(1, 'c2', '1002', 2, 'loans');
    h.at(10, 'agent.state', { agentId: '1002', state: 'not_ready', reason: 'break' });
    h.answeredCall(20, 'c3', '1002', 2, 'cards');
    const cards = queueFigures(h.state, h.state.queues.get('cards')!);
    expect(cards.agents).toEqual({ available: 0, onCall: 2, afterCallWork: 0, notReady: 0 });
    h.at(60, 'call.ended', { callId: 'c3', releasedBy: 'customer' });
    expect(queueFigures(h.state, h.state.queues.get('cards')!).agents).toEqual({ available: 0, onCall: 1, afterCallWork: 1, notReady: 0 });
    expect(agentView(h.state, h.state.agents.get('1002')!).queues).toEqual(['loans', 'cards']);
    expect(queueFigures(h.state, h.state.queues.get('loans')!).agents.onCall).toBe(0);
  });
});
