/**
 * Call rules on a call that moves between agents (a ring that goes unanswered and moves
 * on, a transfer): each agent's part is judged on its own (articles 60, 61, 66).
 */
import { describe, expect, it } from 'vitest';
import { deserializeState, serializeState } from '../../../server/engine/state.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';
import { PlanHarness } from './plan-harness.js';

/** The missing-apology alerts (incidents; the ring alerts are conditions). */
function apologyAlerts(h: EngineHarness) {
  return h.of('answer-3-rings').filter((a) => a.kind === 'incident');
}

function twoAgents(): EngineHarness {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.login(0, '1002');
  return h;
}

describe('answer-3-rings (art. 60): a ring that moves to another agent', () => {
  it('the miss at the second agent is that agent\'s own alert; the first agent\'s alert resolves when the call leaves', () => {
    const h = twoAgents();
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.tick(12);
    const [atA] = h.open('answer-3-rings');
    expect(atA).toMatchObject({ agentId: '1001', callId: 'c1', openedAt: T0 + 12_000 });

    h.at(14, 'call.ringing', { callId: 'c1', agentId: '1002' });
    expect(h.alerts.get(atA.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    expect(h.state.agents.get('1001')?.openAlerts).toBe(0);

    h.tick(24);
    const [atB] = h.open('answer-3-rings');
    expect(atB.id).not.toBe(atA.id);
    expect(atB).toMatchObject({ agentId: '1002', callId: 'c1', openedAt: T0 + 24_000, occurrences: 1, escalationLevel: 'lead' });
    expect(atB.subject).not.toEqual(atA.subject);
    expect(h.state.agents.get('1002')?.openAlerts).toBe(1);
    expect(h.alerts.get(atA.id)?.title).toContain('1001');

    h.at(26, 'call.answered', { callId: 'c1', agentId: '1002' });
    expect(h.open('answer-3-rings')).toHaveLength(0);
    expect(h.state.agents.get('1002')?.openAlerts).toBe(0);
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 2 });
  });

  it('an abandoned call resolves the ringing agent\'s alert', () => {
    const h = twoAgents();
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(14, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.tick(24);
    expect(h.open('answer-3-rings')).toMatchObject([{ agentId: '1002' }]);
    h.at(30, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(h.open('answer-3-rings')).toHaveLength(0);
    expect(h.state.agents.get('1002')?.openAlerts).toBe(0);
  });
});

describe('greeting and the late-answer apology after a transfer (art. 60, 61, 66)', () => {
  /** 1001 answers c1 in time, greets properly and transfers it to 1002, where it rings `ringFor` s. */
  function transferred(ringFor: number): EngineHarness {
    const h = twoAgents();
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    h.at(8, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '我帮您转接信用卡专席' });
    h.at(10, 'call.transferred', { callId: 'c1', agentId: '1001', target: 'agent', to: '1002' });
    h.at(11, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.at(11 + ringFor, 'call.answered', { callId: 'c1', agentId: '1002' });
    return h;
  }

  it('checks the second agent\'s own opening when that agent first speaks', () => {
    const h = transferred(3);
    h.at(16, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '喂' });
    h.at(18, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '请问有什么可以帮您？' });
    expect(h.of('greeting').map((a) => [a.agentId, a.callId])).toEqual([['1002', 'c1']]);
    expect(h.compliance('greeting')).toEqual({ passed: 1, failed: 1 });
  });

  it('a proper opening by the second agent passes', () => {
    const h = transferred(3);
    h.at(16, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1002号很高兴为您服务！' });
    expect(h.of('greeting')).toHaveLength(0);
    expect(h.compliance('greeting')).toEqual({ passed: 2, failed: 0 });
  });

  it('judges the late answer\'s apology on the second agent\'s own utterances', () => {
    const h = transferred(12);
    h.at(24, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '喂' });
    expect(apologyAlerts(h)).toHaveLength(0);
    h.at(26, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '抱歉让您久等了' });
    expect(apologyAlerts(h)).toHaveLength(0);

    const rude = transferred(12);
    rude.at(24, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '喂' });
    rude.at(26, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '什么事？' });
    expect(apologyAlerts(rude).map((a) => [a.agentId, a.title])).toEqual([['1002', 'Agent 1002 answered late and did not apologise']]);
  });

  it('a late answer by the first agent asks no apology of the second, who answered in time', () => {
    const h = twoAgents();
    h.answeredCall(1, 'c1', '1001', 12);
    h.at(15, 'call.transferred', { callId: 'c1', agentId: '1001', target: 'agent', to: '1002' });
    h.at(16, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.at(18, 'call.answered', { callId: 'c1', agentId: '1002' });
    h.at(19, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1002号很高兴为您服务！' });
    h.at(21, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '请问有什么可以帮您？' });
    expect(apologyAlerts(h)).toHaveLength(0);
  });
});

describe('answer-3-rings: a snapshot from before ring alerts were per agent', () => {
  it('still resolves its ring alert, kept under the call alone, when the call rings elsewhere', () => {
    const h = twoAgents();
    h.at(1, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    h.at(2, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.tick(12);
    // What the older engine left: the alert keyed by the call, no agent noted on the call.
    const [alert] = h.open('answer-3-rings');
    const live = h.state.alerts.get(alert.id)!;
    h.state.alertIndex.delete(`answer-3-rings|call:${live.subject.id}`);
    live.subject = { kind: 'call', id: 'c1' };
    h.state.alertIndex.set('answer-3-rings|call:c1', live.id);
    h.state.calls.get('c1')!.ringAlertAgentId = undefined;
    h.state = deserializeState(serializeState(h.state));

    h.at(14, 'call.ringing', { callId: 'c1', agentId: '1002' });
    expect(h.alerts.get(alert.id)).toMatchObject({ status: 'resolved', resolvedBy: 'auto' });
    expect(h.state.alertIndex.size).toBe(0);
  });
});

/**
 * Articles 67, 68 and 105.7 on a transferred call: each agent answers for their own part.
 * Agent 1001 (team blue) takes the call and transfers it to 1002 (team red).
 */
describe('a transferred call: each agent answers for their own words and holds', () => {
  function handedOver(): PlanHarness {
    const h = new PlanHarness();
    h.login(0, '1001', 'blue');
    h.login(0, '1002', 'red');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1001号很高兴为您服务！' });
    return h;
  }
  function transfer(h: PlanHarness, at: number): void {
    h.at(at, 'call.transferred', { callId: 'c1', agentId: '1001', target: 'agent', to: '1002' });
    h.at(at + 2, 'call.ringing', { callId: 'c1', agentId: '1002' });
    h.at(at + 4, 'call.answered', { callId: 'c1', agentId: '1002' });
    h.at(at + 6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '您好！1002号很高兴为您服务！' });
  }
  const checks = (h: PlanHarness) => ({
    blue: h.state.compliance.byAgent.get('1001')?.['forbidden-phrases'],
    red: h.state.compliance.byAgent.get('1002')?.['forbidden-phrases'],
    redTeam: h.state.compliance.byTeam.get('red')?.['forbidden-phrases'],
  });

  it('art. 68: both say a forbidden phrase: two alerts, each naming its agent and team, and two deductions', () => {
    const h = handedOver();
    h.at(10, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我不知道' });
    transfer(h, 20);
    h.at(30, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这事不归我管，我也不知道' });
    const alerts = h.of('forbidden-phrases').map((a) => ({ agent: a.agentId, team: a.teamId, occurrences: a.occurrences, title: a.title }));
    expect(alerts).toEqual([
      { agent: '1001', team: 'blue', occurrences: 1, title: expect.stringContaining('1001') },
      { agent: '1002', team: 'red', occurrences: 1, title: expect.stringContaining('1002') },
    ]);
    // Two entries the ledger keeps apart (an id is how it recognises one written again).
    expect(h.pointsOf('polite-language').map((p) => [p.agentId, p.id])).toEqual([['1001', 'auto:polite-language:c1'], ['1002', 'auto:polite-language:c1:1002']]);
  });

  it('art. 68: the first agent\'s phrase fails the first agent\'s check, not the clean agent\'s who ends the call', () => {
    const h = handedOver();
    h.at(10, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我不知道' });
    transfer(h, 20);
    h.cleanClose(60, 'c1', '1002');
    expect(checks(h)).toEqual({ blue: { passed: 0, failed: 1 }, red: { passed: 1, failed: 0 }, redTeam: { passed: 1, failed: 0 } });
  });

  it('art. 105.7: one deduction per agent on the call, whichever breach was theirs (a missing greeting, then a colleague\'s phrase)', () => {
    const h = new PlanHarness();
    h.login(0, '1001', 'blue');
    h.login(0, '1002', 'red');
    h.answeredCall(1, 'c1', '1001');
    h.at(6, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '喂，什么事' });
    h.at(8, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '没有办法' });
    transfer(h, 20);
    h.at(30, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '没有办法' });
    expect(h.pointsOf('polite-language').map((p) => [p.agentId, p.reasonCode])).toEqual([['1001', 'greetingMissing'], ['1002', 'forbiddenPhrase']]);
  });

  it('art. 67: both hold without consent: an alert for each, naming its agent', () => {
    const h = handedOver();
    h.at(10, 'call.hold', { callId: 'c1', agentId: '1001', consent: false });
    h.at(15, 'call.unhold', { callId: 'c1', agentId: '1001' });
    transfer(h, 20);
    h.at(30, 'call.hold', { callId: 'c1', agentId: '1002', consent: false });
    expect(h.of('hold-consent').map((a) => [a.agentId, a.teamId, a.occurrences])).toEqual([['1001', 'blue', 1], ['1002', 'red', 1]]);
  });

  it('a snapshot taken mid-call keeps who was already deducted', () => {
    const h = handedOver();
    h.at(10, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '这个我不知道' });
    h.state = deserializeState(serializeState(h.state));
    h.at(12, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '没有办法' });
    expect(h.pointsOf('polite-language').map((p) => p.agentId)).toEqual(['1001']);
  });
});
