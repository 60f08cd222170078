/**
 * Events a feed marks `resync`: what it found after the fact when it (re)connected (a caller
 * already waiting or ringing, a call already answered or gone). They arrive late by their
 * nature; the rules count what they can know from them and judge nothing they cannot.
 */
import { describe, expect, it } from 'vitest';
import { intervalOf } from '../../../server/engine/calendar.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

const queue = (h: EngineHarness, name = 'general') => h.state.queues.get(name)!;

/**
 * Agent 1001 on call c1 (answered at 34 s), after filing c0's record: the feed has shown it
 * sends wrap-ups, so each call's end owes one.
 */
function onSecondCallAfterARecord(): EngineHarness {
  const h = new EngineHarness();
  h.login(0, '1001');
  h.answeredCall(1, 'c0', '1001');
  h.at(20, 'call.ended', { callId: 'c0', releasedBy: 'customer' });
  h.at(25, 'wrapup.completed', { callId: 'c0', agentId: '1001', callType: 'enquiry' });
  h.answeredCall(30, 'c1', '1001');
  return h;
}

describe('a caller found waiting (call.offered, resync)', () => {
  it('waits from when it joined, not from when the floor heard of it', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    // Learnt at 300 s, joined at 10 s.
    h.at(300, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 10_000 });
    expect(queue(h).waiting.get('c1')).toBe(T0 + 10_000);
    h.at(302, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(304, 'call.answered', { callId: 'c1', agentId: '1001' });
    expect(queue(h)).toMatchObject({ offered: 1, answered: 1, answeredInThreshold: 0, waitMsTotal: 294_000 });
  });

  it('is offered in the interval it joined in, where what became of it is counted too', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    // Joined at 09:00:10, learnt at 09:16:40 (the next 15-minute interval), answered then.
    h.at(1000, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 10_000 });
    h.at(1001, 'call.ringing', { callId: 'c1', agentId: '1001' });
    h.at(1003, 'call.answered', { callId: 'c1', agentId: '1001' });
    const joinedIn = h.state.intervals.get(intervalOf(T0 + 10_000));
    expect(joinedIn).toMatchObject({ offered: 1, offeredAnswered: 1 });
    expect(h.state.intervals.get(intervalOf(T0 + 1_000_000))?.offered ?? 0).toBe(0);
  });

  it('an abandon after it is judged on the whole wait', () => {
    const h = new EngineHarness();
    h.at(300, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 10_000 });
    h.at(305, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(queue(h)).toMatchObject({ abandoned: 1, shortAbandoned: 0, abandonedInThreshold: 0 });
    // The same abandon of a caller the floor saw join at 300 s is a short one.
    const live = new EngineHarness();
    live.at(300, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound' });
    live.at(302, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(queue(live)).toMatchObject({ abandoned: 1, shortAbandoned: 1 });
  });
});

describe('a call found answered (call.answered, resync)', () => {
  it('counts in the queue as answered when the feed says, and is not judged by answer-3-rings', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(300, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 100_000 });
    h.at(300, 'call.answered', { callId: 'c1', agentId: '1001', resync: true, ts: T0 + 105_000 });
    expect(queue(h)).toMatchObject({ answered: 1, answeredInThreshold: 1, waitMsTotal: 5_000 });
    expect(h.state.agents.get('1001')?.callId).toBe('c1');
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 0 });
    // Talk time runs from when the floor learnt it (its timers cannot start in the past).
    expect(h.state.calls.get('c1')?.legAnsweredAt).toBe(T0 + 300_000);
  });

  it("the agent's next words are not taken for the call's opening (art. 61)", () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.at(300, 'call.answered', { callId: 'c1', agentId: '1001', resync: true, ts: T0 + 200_000 });
    h.at(305, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '好的，我帮您查一下。' });
    expect(h.of('greeting')).toHaveLength(0);
    // Without the mark, the same words open the call, and lack the greeting.
    const plain = new EngineHarness();
    plain.login(0, '1001');
    plain.at(300, 'call.answered', { callId: 'c1', agentId: '1001' });
    plain.at(305, 'transcript.utterance', { callId: 'c1', speaker: 'agent', text: '好的，我帮您查一下。' });
    expect(plain.of('greeting')).toHaveLength(1);
  });

  it('lets go of a record owed from before the gap instead of raising it', () => {
    const h = onSecondCallAfterARecord();
    h.at(60, 'call.ended', { callId: 'c1', releasedBy: 'customer' });
    expect(h.state.agents.get('1001')?.recordOwed).toBe('c1');
    // The link drops; back at 400 s the feed finds the agent on another call.
    h.at(400, 'call.answered', { callId: 'c2', agentId: '1001', resync: true, ts: T0 + 350_000 });
    expect(h.of('wrap-up-record').filter((a) => a.callId === 'c1' && a.status === 'open')).toEqual([]);
    expect(h.state.agents.get('1001')?.recordOwed).toBeUndefined();
  });
});

describe('a call found ended (call.ended, resync)', () => {
  it('owes no record: it may have come while nobody looked', () => {
    const h = onSecondCallAfterARecord();
    h.at(400, 'call.ended', { callId: 'c1', releasedBy: 'system', reason: 'other', resync: true });
    expect(h.state.agents.get('1001')?.recordOwed).toBeUndefined();
    h.answeredCall(500, 'c2', '1001');
    expect(h.of('wrap-up-record').filter((a) => a.callId === 'c1')).toEqual([]);
  });
});

describe('a call found ringing (call.ringing, resync)', () => {
  it('an answer in time is no pass (it rang before, for how long is not known); ringing on past the limit is still a breach', () => {
    const h = new EngineHarness();
    h.login(0, '1001');
    h.login(0, '1002');
    h.at(100, 'call.offered', { callId: 'c1', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 60_000 });
    h.at(100, 'call.ringing', { callId: 'c1', agentId: '1001', resync: true });
    h.at(103, 'call.answered', { callId: 'c1', agentId: '1001' });
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 0 });
    h.at(200, 'call.offered', { callId: 'c2', queue: 'general', direction: 'inbound', resync: true, ts: T0 + 150_000 });
    h.at(200, 'call.ringing', { callId: 'c2', agentId: '1002', resync: true });
    h.tick(211);
    expect(h.open('answer-3-rings').map((a) => a.agentId)).toEqual(['1002']);
    expect(h.compliance('answer-3-rings')).toEqual({ passed: 0, failed: 1 });
  });
});
