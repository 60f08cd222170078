import { describe, expect, it } from 'vitest';
import { AmiMapper } from '../../../../server/adapters/asterisk-ami/mapping.js';
import { amiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';
import { agentIdOf, resolveMappingOptions } from '../../../../server/adapters/asterisk-ami/config.js';
import { floorEventSchema } from '../../../../shared/events.js';
import { replayEvents } from '../../../../server/replay/replay.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { MAPPING, mapFixture } from './fixtures.js';

const brief = (e: Record<string, unknown>) => {
  const { id: _id, source: _s, ts: _ts, ...rest } = e;
  return rest;
};

describe('AMI mapping: Asterisk 13+ names', () => {
  it('a queue call answered after 12 s and completed by the caller', () => {
    const { events, results } = mapFixture('answered-caller-hangup');
    expect(events.map(brief)).toEqual([
      { type: 'agent.login', agentId: '1023', stationId: 'SIP/1023' },
      { type: 'call.offered', callId: '1764291605.11', queue: 'support', direction: 'inbound', from: '0612345678', numberClass: 'customer' },
      { type: 'call.ringing', callId: '1764291605.11', agentId: '1023' },
      { type: 'call.answered', callId: '1764291605.11', agentId: '1023' },
      { type: 'call.ended', callId: '1764291605.11', releasedBy: 'customer' },
    ]);
    // The Timestamp header is the event time; QueueCallerLeave and both Hangups add nothing.
    expect(events[2].ts).toBe(1764291606000);
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'mapped', 'mapped', 'mapped', 'ignored', 'mapped', 'ignored', 'ignored']);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
  });

  it('gives the same ids for the same messages (a resend is idempotent)', () => {
    const a = mapFixture('answered-caller-hangup').events.map((e) => e.id);
    const b = mapFixture('answered-caller-hangup').events.map((e) => e.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(a[2]).toBe('ami-pbx1-1764291605.11-ringing-1023-1764291606.000300');
  });

  it('an abandoned call: queue music is not a hold, no-answer and the ring leg hang-up add nothing', () => {
    const { events, results } = mapFixture('abandoned');
    expect(events.map(brief)).toEqual([
      { type: 'call.offered', callId: '1764291800.21', queue: 'support', direction: 'inbound', from: '0698765432', numberClass: 'customer' },
      { type: 'call.ringing', callId: '1764291800.21', agentId: '1023' },
      { type: 'call.ended', callId: '1764291800.21', releasedBy: 'customer' },
    ]);
    expect(results.filter((r) => r.outcome === 'ignored')).toHaveLength(5);
  });

  it('one login for the queues joined from one phone; pauses with a reason, once per agent across queues; logout after the last queue', () => {
    const { events, results } = mapFixture('pause-reason');
    expect(events.map(brief)).toEqual([
      { type: 'agent.login', agentId: '1024', stationId: 'PJSIP/1024' },
      { type: 'agent.state', agentId: '1024', state: 'not_ready', reason: 'meal' },
      { type: 'agent.state', agentId: '1024', state: 'available' },
      { type: 'agent.state', agentId: '1024', state: 'not_ready' },
      { type: 'agent.logout', agentId: '1024', stationId: 'PJSIP/1024' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'ignored', 'mapped', 'ignored', 'ignored', 'mapped', 'mapped', 'ignored', 'mapped']);
  });

  it('maps configured pause reasons, unknown ones to other', () => {
    const { events } = mapFixture('pause-reason', { ...MAPPING, pauseReasons: { lunch: 'break' } });
    expect(events[1]).toMatchObject({ reason: 'break' });
    const opts = resolveMappingOptions({ host: 'x' });
    const m = new AmiMapper({ host: 'x' });
    const r = m.map(amiMessage([['Event', 'QueueMemberPause'], ['Interface', 'SIP/7'], ['Paused', '1'], ['PausedReason', 'Dentist']]), 1);
    expect(r.events[0]).toMatchObject({ state: 'not_ready', reason: 'other' });
    expect(opts.holdConsent).toBe(true);
  });

  it('hold: Hold and MusicOnHoldStart make one call.hold; the agent hung up first', () => {
    const { events } = mapFixture('hold');
    expect(events.map(brief).slice(3)).toEqual([
      { type: 'call.hold', callId: '1764292000.31', agentId: '1023', consent: true },
      { type: 'call.unhold', callId: '1764292000.31', agentId: '1023' },
      { type: 'call.ended', callId: '1764292000.31', releasedBy: 'agent', hangupCause: '16' },
    ]);
    const noConsent = mapFixture('hold', { ...MAPPING, holdConsent: false }).events;
    expect(noConsent[3]).toMatchObject({ type: 'call.hold', consent: false });
  });

  it('a blind transfer to the survey extension; AgentComplete(transfer) ends it as system', () => {
    const { events } = mapFixture('blind-transfer-survey');
    expect(events.map(brief).slice(3)).toEqual([
      { type: 'call.transferred', callId: '1764292100.41', agentId: '1023', target: 'survey', to: '7900' },
      { type: 'call.ended', callId: '1764292100.41', releasedBy: 'system' },
    ]);
    const elsewhere = mapFixture('blind-transfer-survey', { host: 'pbx1', surveyExtension: '7901' }).events;
    expect(elsewhere[3]).toMatchObject({ target: 'agent', to: '7900' });
  });

  it('an attended transfer takes the second call\'s extension', () => {
    const m = new AmiMapper(MAPPING);
    const at = (pairs: Array<[string, string]>) => m.map(amiMessage(pairs), 5);
    at([['Event', 'QueueCallerJoin'], ['Uniqueid', 'c1'], ['Channel', 'SIP/t-1'], ['Queue', 'q'], ['CallerIDNum', '1']]);
    at([['Event', 'AgentConnect'], ['Uniqueid', 'c1'], ['DestChannel', 'SIP/1023-1'], ['Interface', 'SIP/1023'], ['Queue', 'q']]);
    const r = at([['Event', 'AttendedTransfer'], ['Result', 'Success'], ['OrigTransfererChannel', 'SIP/1023-1'],
      ['TransfereeUniqueid', 'c1'], ['SecondTransfererExten', '0031201234567'], ['DestType', 'Bridge']]);
    expect(r.events[0]).toMatchObject({ type: 'call.transferred', target: 'external', to: '0031201234567' });
  });
});

describe('AMI mapping: calls whose join was not seen', () => {
  it('a recorded QueueCallerAbandon without its join: offered HoldTime earlier, abandoned, counted', () => {
    const { events, results } = mapFixture('abandon-unseen-join');
    const abandonAt = Date.UTC(2025, 10, 28, 8, 0, 1);
    const callId = '40a7a1f2a669-1585318545.326';
    expect(events.map((e) => ({ ...brief(e), ts: e.ts }))).toEqual([
      { type: 'call.offered', callId, queue: '670100-540100', direction: 'inbound', from: '+31150010001', numberClass: 'customer', resync: true, ts: abandonAt - 11_000 },
      { type: 'call.ended', callId, releasedBy: 'customer', ts: abandonAt },
    ]);
    // The caller's Hangup that follows is recognised (the call is known, already ended) and forgets it.
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'ignored']);
    const parsed = events.map((e) => floorEventSchema.parse(e));
    expect(new Set(parsed.map((e) => e.id)).size).toBe(2);
    const report = replayEvents(parsed, defaultRulesConfig());
    expect(report.queues['670100-540100']).toMatchObject({ offered: 1, answered: 0, abandoned: 1, waiting: 0 });
  });

  it('QueueEntry (QueueStatus after login): a caller already waiting is offered Wait earlier, once', () => {
    const m = new AmiMapper(MAPPING);
    const at = 1_764_316_800_000;
    const entry: Array<[string, string]> = [['Event', 'QueueEntry'], ['Queue', 'loans'], ['Position', '1'], ['Channel', 'SIP/trunk-0001'],
      ['Uniqueid', 'w1'], ['CallerIDNum', '13800000000'], ['Wait', '42']];
    const first = m.map(amiMessage(entry), at);
    expect(first.events.map((e) => ({ type: e.type, callId: (e as { callId?: string }).callId, queue: (e as { queue?: string }).queue, ts: e.ts })))
      .toEqual([{ type: 'call.offered', callId: 'w1', queue: 'loans', ts: at - 42_000 }]);
    // Late by its nature (found by the resync), not by a feed's wrong clock.
    expect(first.events[0]).toMatchObject({ resync: true });
    // Listed again at the next login: already known.
    expect(m.map(amiMessage(entry), at + 5000).outcome).toBe('ignored');
    // Its answer is the known call's.
    const answer = m.map(amiMessage([['Event', 'AgentConnect'], ['Uniqueid', 'w1'], ['DestChannel', 'SIP/1023-1'], ['Interface', 'SIP/1023'], ['Queue', 'loans']]), at + 6000);
    expect(answer.events.map((e) => e.type)).toContain('call.answered');
    expect(m.map(amiMessage([['Event', 'QueueEntry'], ['Uniqueid', 'w2']]), at).outcome).toBe('failed');
  });

  it('an abandon naming no queue still fails, and one for a known call is unchanged', () => {
    const m = new AmiMapper(MAPPING);
    expect(m.map(amiMessage([['Event', 'QueueCallerAbandon'], ['Uniqueid', 'u1']]), 1).outcome).toBe('failed');
    const { events } = mapFixture('abandoned');
    expect(events.filter((e) => e.type === 'call.offered')).toHaveLength(1);
  });
});

describe('AMI mapping: agents logged in before Floorwatch connected', () => {
  it('QueueMemberStatus and QueueMember (recorded): login and state once per agent, repeats dropped', () => {
    const { events, results } = mapFixture('members-already-in');
    expect(events.map(brief)).toEqual([
      // Agent-callback members: the station is the phone each watches (StateInterface), not the shared Local channel.
      { type: 'agent.login', agentId: '401', stationId: 'SIP/hhhhh' },
      { type: 'agent.state', agentId: '401', state: 'available' },
      { type: 'agent.login', agentId: '999', stationId: 'SIP/00000' },
      { type: 'agent.state', agentId: '999', state: 'not_ready' },
      { type: 'agent.login', agentId: '220', stationId: 'SIP/iiiiiiiiiii' },
      { type: 'agent.state', agentId: '220', state: 'available' },
      { type: 'agent.state', agentId: '401', state: 'not_ready', reason: 'meal' },
    ]);
    // Agent/999's repeated statuses and Agent/401 listed again in the same state add nothing.
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'mapped', 'ignored', 'ignored', 'mapped', 'ignored', 'mapped']);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
  });

  it('a member the adapter saw log in is not logged in again; a status carries its pause', () => {
    const mapper = new AmiMapper(MAPPING);
    mapFixture('answered-caller-hangup', MAPPING, mapper);
    const member = (paused: string) => amiMessage([['Event', 'QueueMember'], ['Queue', 'support'], ['MemberName', 'Agent 1023'],
      ['Interface', 'SIP/1023'], ['Status', '1'], ['Paused', paused], ['PausedReason', paused === '1' ? 'Coffee' : '']]);
    expect(mapper.map(member('0'), 1).outcome).toBe('ignored');
    expect(mapper.map(member('1'), 2).events.map(brief)).toEqual([{ type: 'agent.state', agentId: '1023', state: 'not_ready', reason: 'break' }]);
    expect(mapper.map(member('1'), 3).outcome).toBe('ignored');
    expect(mapper.map(member('0'), 4).events.map(brief)).toEqual([{ type: 'agent.state', agentId: '1023', state: 'available' }]);
  });
});

describe('AMI mapping: Asterisk 11 names', () => {
  it('Join, AgentCalled, Leave, Bridge, Hold Status, QueueMemberPaused, AgentComplete', () => {
    const { events, results } = mapFixture('asterisk11');
    expect(events.map(brief)).toEqual([
      { type: 'agent.login', agentId: '1025', stationId: 'SIP/1025' },
      { type: 'call.offered', callId: '1400000000.51', queue: 'support', direction: 'inbound', numberClass: 'unknown' },
      { type: 'call.ringing', callId: '1400000000.51', agentId: '1025' },
      { type: 'call.answered', callId: '1400000000.51', agentId: '1025' },
      { type: 'call.hold', callId: '1400000000.51', agentId: '1025', consent: true },
      { type: 'call.unhold', callId: '1400000000.51', agentId: '1025' },
      { type: 'agent.state', agentId: '1025', state: 'not_ready', reason: 'training' },
      { type: 'call.ended', callId: '1400000000.51', releasedBy: 'agent' },
    ]);
    // AgentConnect after Bridge answered nothing new.
    expect(results[5].outcome).toBe('ignored');
    // Stamped on receipt: ids still differ.
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
  });
});

describe('AMI mapping: robustness', () => {
  it('counts unknown events as ignored and broken ones as failed, never throws', () => {
    const m = new AmiMapper(MAPPING);
    expect(m.map(amiMessage([['Event', 'Newexten'], ['Channel', 'x']]), 1).outcome).toBe('ignored');
    expect(m.map(amiMessage([['Response', 'Success']]), 1).outcome).toBe('ignored');
    expect(m.map(amiMessage([['Event', 'QueueCallerJoin'], ['Queue', 'q']]), 1).outcome).toBe('failed');
    expect(m.map(amiMessage([['Event', 'QueueMemberPause'], ['Interface', 'SIP/1']]), 1).outcome).toBe('failed');
    expect(m.map(amiMessage([['Event', 'Hangup'], ['Uniqueid', 'nobody']]), 1).outcome).toBe('ignored');
    expect(m.map(amiMessage([['Event', 'AgentCalled'], ['Uniqueid', 'nobody']]), 1).outcome).toBe('ignored');
  });

  it('ends every open call when the PBX restarted', () => {
    const m = new AmiMapper(MAPPING);
    m.map(amiMessage([['Event', 'QueueCallerJoin'], ['Uniqueid', 'c9'], ['Queue', 'q']]), 1);
    expect(m.endAllCalls(50).map(brief)).toEqual([{ type: 'call.ended', callId: 'c9', releasedBy: 'system', reason: 'other', pbxRestart: true }]);
    expect(m.openCalls()).toEqual([]);
  });

  it('resync: ends the calls asked about whose caller channel is gone, not those alive or opened since', () => {
    const m = new AmiMapper(MAPPING);
    const join = (uid: string, channel: string) => amiMessage([['Event', 'QueueCallerJoin'], ['Uniqueid', uid], ['Channel', channel], ['Queue', 'q']]);
    m.map(join('gone', 'SIP/t-1'), 1);
    m.map(join('alive', 'SIP/t-2'), 2);
    const asked = m.followedCalls();
    m.map(join('newer', 'SIP/t-3'), 3);
    const ended = m.endCallsGone(asked, new Set(['SIP/t-2']), 50);
    expect(ended.map(brief)).toEqual([{ type: 'call.ended', callId: 'gone', releasedBy: 'system', reason: 'other', resync: true }]);
    expect(ended[0].ts).toBe(50);
    expect(m.openCalls().map((c) => c.callId)).toEqual(['alive', 'newer']);
  });

  it('resync: ends a conversation whose agent channel is gone while its caller lives on; the caller\'s Hangup then adds nothing', () => {
    const m = new AmiMapper(MAPPING);
    const join = (uid: string, channel: string) => amiMessage([['Event', 'QueueCallerJoin'], ['Uniqueid', uid], ['Channel', channel], ['Queue', 'q']]);
    const connect = (uid: string, agentChannel: string, agentUid: string, iface: string) => amiMessage([['Event', 'AgentConnect'],
      ['Uniqueid', uid], ['DestChannel', agentChannel], ['DestUniqueid', agentUid], ['Interface', iface], ['Queue', 'q']]);
    m.map(join('left', 'SIP/t-1'), 1); // its agent hangs up during the gap; the caller goes on to the survey
    m.map(connect('left', 'SIP/1023-1', 'a-1', 'SIP/1023'), 2);
    m.map(join('talking', 'SIP/t-2'), 3); // both still there
    m.map(connect('talking', 'SIP/1024-1', 'a-2', 'SIP/1024'), 4);
    m.map(join('moved', 'SIP/t-3'), 5); // transferred: the agent's leg may go
    m.map(connect('moved', 'SIP/1025-1', 'a-3', 'SIP/1025'), 6);
    m.map(amiMessage([['Event', 'BlindTransfer'], ['Result', 'Success'], ['TransfereeUniqueid', 'moved'], ['Extension', '8000']]), 7);
    m.map(join('waiting', 'SIP/t-4'), 8); // not answered: no agent leg to miss
    m.map(join('answered-since', 'SIP/t-5'), 9); // answered while the list comes: its agent's channel is younger than the list
    const asked = m.followedCalls();
    m.map(connect('answered-since', 'SIP/1026-1', 'a-5', 'SIP/1026'), 10);
    const ended = m.endCallsGone(asked, new Set(['SIP/t-1', 'SIP/t-2', 'SIP/1024-1', 'SIP/t-3', 'SIP/t-4', 'SIP/t-5']), 50);
    expect(ended.map(brief)).toEqual([{ type: 'call.ended', callId: 'left', releasedBy: 'system', reason: 'other', resync: true }]);
    expect(m.openCalls().map((c) => c.callId)).toEqual(['left', 'talking', 'moved', 'waiting', 'answered-since']);
    // The caller hangs up after the survey: the call is forgotten, no second end.
    const hangup = m.map(amiMessage([['Event', 'Hangup'], ['Uniqueid', 'left'], ['Channel', 'SIP/t-1']]), 60);
    expect(hangup.events).toEqual([]);
    expect(m.openCalls().map((c) => c.callId)).toEqual(['talking', 'moved', 'waiting', 'answered-since']);
  });

  it('member census: memberships the QueueStatus answer does not list end; the last one logs the agent out', () => {
    const NOW = Date.parse('2026-11-28T09:00:00+08:00');
    const m = new AmiMapper(MAPPING);
    const ev = (event: string, agent: string, queue: string) => amiMessage([['Event', event], ['Queue', queue],
      ['MemberName', `Agent ${agent}`], ['Interface', `SIP/${agent}`], ['Status', '1'], ['Paused', '0']]);
    for (const [agent, queue] of [['1', 'sales'], ['1', 'support'], ['2', 'support'], ['3', 'support'], ['4', 'support'], ['5', 'vip']]) {
      m.map(ev('QueueMemberAdded', agent, queue), 1);
    }
    m.beginMemberCensus();
    // The answer lists 1 in sales only (left support during the gap: still in a queue) and 2.
    m.map(ev('QueueMember', '1', 'sales'), 2);
    m.map(ev('QueueMember', '2', 'support'), 2);
    // Live while the answer is in flight: 4 removed (its own logout), 5 moved to another queue.
    expect(m.map(ev('QueueMemberRemoved', '4', 'support'), 3).events.map(brief))
      .toEqual([{ type: 'agent.logout', agentId: '4', stationId: 'SIP/4' }]);
    m.map(ev('QueueMemberAdded', '5', 'sales'), 3);
    const left = m.endMembershipsGone(NOW);
    // 3 is in no queue any more; 5 left vip but is in sales; 4 is not logged out twice.
    expect(left.map(brief)).toEqual([{ type: 'agent.logout', agentId: '3', stationId: 'SIP/3', resync: true }]);
    expect(left[0].ts).toBe(NOW);
    expect(floorEventSchema.safeParse(left[0]).success).toBe(true);
    // 1's remaining queue and 5's vip are settled: removing sales logs each out once.
    expect(m.map(ev('QueueMemberRemoved', '1', 'sales'), 4).events.map(brief))
      .toEqual([{ type: 'agent.logout', agentId: '1', stationId: 'SIP/1' }]);
    expect(m.map(ev('QueueMemberRemoved', '5', 'sales'), 4).events.map(brief))
      .toEqual([{ type: 'agent.logout', agentId: '5', stationId: 'SIP/5' }]);
    // A census ended twice, or refused, concludes nothing.
    expect(m.endMembershipsGone(61)).toEqual([]);
    m.beginMemberCensus();
    m.cancelMemberCensus();
    expect(m.endMembershipsGone(62)).toEqual([]);
  });

  it('agent ids: explicit map, then member-name digits, then interface digits', () => {
    const o = resolveMappingOptions({ host: 'x', agentIds: { 'SIP/alice': 'a-17' } });
    expect(agentIdOf(o, 'SIP/alice', 'Alice')).toBe('a-17');
    expect(agentIdOf(o, 'SIP/1023', 'Agent 2001')).toBe('2001');
    expect(agentIdOf(o, 'PJSIP/1023', 'Jan Jansen')).toBe('1023');
    expect(agentIdOf(o, 'Local/1031@agents/n', undefined)).toBe('1031');
    expect(agentIdOf(o, 'SIP/bob', undefined)).toBe('SIP/bob');
  });
});

describe('AMI mapping: members reached through Local channels', () => {
  it('the Local channel optimised away is not the agent hanging up: the call goes on, held, transferred, and AgentComplete ends it', () => {
    const { events } = mapFixture('local-member');
    expect(events.map(brief)).toEqual([
      { type: 'call.offered', callId: '1764293000.41', queue: 'support', direction: 'inbound', from: '0207654321', numberClass: 'customer' },
      { type: 'call.ringing', callId: '1764293000.41', agentId: '730151' },
      { type: 'call.answered', callId: '1764293000.41', agentId: '730151' },
      { type: 'call.hold', callId: '1764293000.41', agentId: '730151', consent: true },
      { type: 'call.unhold', callId: '1764293000.41', agentId: '730151' },
      { type: 'call.transferred', callId: '1764293000.41', agentId: '730151', target: 'agent', to: '202' },
      { type: 'call.ended', callId: '1764293000.41', releasedBy: 'system' },
    ]);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
    // Through the rules: no art. 74 hang-up first, no art. 76 missing survey (it went to a colleague).
    const report = replayEvents(events.map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.alerts.map((a) => a.rule).filter((r) => r === 'no-hangup-first' || r === 'survey-transfer')).toEqual([]);
  });

  it('an agent-callback member (Local/...@agentcallback) is logged in at its own phone, the StateInterface', () => {
    const m = new AmiMapper(MAPPING);
    const added = m.map(amiMessage([
      ['Event', 'QueueMemberAdded'], ['Queue', 'support'], ['Location', 'Local/id-3@agentcallback'], ['MemberName', 'Agent/402'],
      ['StateInterface', 'SIP/999999'], ['Membership', 'dynamic'], ['Paused', '0'],
    ]), 1);
    expect(added.events.map(brief)).toContainEqual({ type: 'agent.login', agentId: '402', stationId: 'SIP/999999' });
  });
});

describe('AMI mapping: pause reasons no configuration names', () => {
  it('lunch is a meal and coffee a break; a bare Pause says nothing of why: other (timed), never rest (untimed)', () => {
    const m = new AmiMapper({ host: 'x' });
    const reasonOf = (word: string, agent: string) =>
      (m.map(amiMessage([['Event', 'QueueMemberPause'], ['Interface', `SIP/${agent}`], ['Paused', '1'], ['PausedReason', word]]), 1).events[0] as { reason?: string }).reason;
    expect([reasonOf('Lunch', '1'), reasonOf('coffee', '2'), reasonOf('Pause', '3'), reasonOf('rest', '4')]).toEqual(['meal', 'break', 'other', 'rest']);
  });
});

describe('AMI mapping: a Local member with /n', () => {
  it('stays in the call (Asterisk does not optimise it away): its hang-up is the agent\'s', () => {
    const m = new AmiMapper(MAPPING);
    const at = (pairs: Array<[string, string]>) => m.map(amiMessage(pairs), 5);
    at([['Event', 'QueueCallerJoin'], ['Channel', 'SIP/trunk-1'], ['Uniqueid', 'u1'], ['Queue', 'support'], ['CallerIDNum', '0612345678']]);
    at([['Event', 'AgentConnect'], ['Uniqueid', 'u1'], ['DestChannel', 'Local/1023@agents-00000001;1'], ['DestUniqueid', 'u2'],
      ['Queue', 'support'], ['Interface', 'Local/1023@agents/n'], ['MemberName', 'Agent 1023']]);
    const hung = at([['Event', 'Hangup'], ['Channel', 'Local/1023@agents-00000001;1'], ['Uniqueid', 'u2'], ['Cause', '16']]);
    expect(hung.events.map(brief)).toEqual([{ type: 'call.ended', callId: 'u1', releasedBy: 'agent', hangupCause: '16' }]);
  });
});
