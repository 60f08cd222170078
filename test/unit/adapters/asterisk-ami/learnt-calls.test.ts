import { describe, expect, it } from 'vitest';
import {
  conversationsIn, createdAtOf, durationSeconds, interfaceOfChannel, listedChannel, memberInterfaceKey, type ListedChannel,
} from '../../../../server/adapters/asterisk-ami/learnt-calls.js';
import { AmiMapper } from '../../../../server/adapters/asterisk-ami/mapping.js';
import { amiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';
import { createEngineState, step } from '../../../../server/engine/engine.js';
import { floorEventSchema, type FloorEvent } from '../../../../shared/events.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { MAPPING } from './fixtures.js';

/** A CoreShowChannel as Asterisk 13+ lists it, read back as the adapter reads it. */
function listed(fields: Array<[string, string]>): ListedChannel {
  const c = listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['ChannelState', '6'], ...fields]));
  if (!c) throw new Error('not a listed channel');
  return c;
}

/** A caller talking with member SIP/1023 in `loans` (the member's channel made 2 min 5 s ago). */
const caller = listed([['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61'], ['Linkedid', '1764300000.61'],
  ['Application', 'Queue'], ['ApplicationData', 'loans,tT,,,300'], ['Duration', '00:03:10'], ['BridgeId', 'b-61']]);
const member = listed([['Channel', 'SIP/1023-00000032'], ['Uniqueid', '1764300031.62'], ['Linkedid', '1764300000.61'],
  ['Application', 'AppQueue'], ['ApplicationData', '(Outgoing Line)'], ['Duration', '00:02:05'], ['BridgeId', 'b-61']]);

/** The QueueStatus answer's member line, as the adapter maps it (agent ids come from here). */
const queueMember = (fields: Array<[string, string]>) => amiMessage([['Event', 'QueueMember'], ['Queue', 'loans'], ['Paused', '0'], ...fields]);

describe('channels listed by CoreShowChannels', () => {
  it('reads the fields a learnt call needs, and the age as seconds', () => {
    expect(member).toEqual({
      channel: 'SIP/1023-00000032', uniqueid: '1764300031.62', bridgeId: 'b-61',
      application: 'AppQueue', applicationData: '(Outgoing Line)', ageSeconds: 125,
    });
    expect([durationSeconds('01:00:07'), durationSeconds('42'), durationSeconds('soon'), durationSeconds(undefined)]).toEqual([3607, 42, 0, 0]);
    expect(listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/x-1']]))).toBeUndefined();
  });

  it('a member leg in the same bridge as a caller still in Queue is a conversation; ringing legs and other calls are not', () => {
    const ringing = listed([['Channel', 'SIP/1024-00000040'], ['Uniqueid', '9.2'], ['Linkedid', '9.1'], ['Application', 'AppQueue'], ['Duration', '00:00:04']]);
    const waiting = listed([['Channel', 'SIP/trunk-00000039'], ['Uniqueid', '9.1'], ['Application', 'Queue'], ['ApplicationData', 'cards']]);
    const internalA = listed([['Channel', 'SIP/1030-00000050'], ['Uniqueid', '7.1'], ['Application', 'Dial'], ['BridgeId', 'b-7']]);
    const internalB = listed([['Channel', 'SIP/1031-00000051'], ['Uniqueid', '7.2'], ['Linkedid', '7.1'], ['Application', 'AppDial'], ['BridgeId', 'b-7']]);
    expect(conversationsIn([internalA, waiting, caller, ringing, member, internalB]))
      .toEqual([{ queue: 'loans', caller, agent: member }]);
  });

  it('pairs by bridge, not by Linkedid: a consultation with another queue shares the caller\'s Linkedid', () => {
    // Agent 1023 talks with the caller (bridge b-61) and consults queue `sales`, whose member
    // 1099 is bridged to the consultation's own Queue leg (b-70), every leg linked to the caller.
    const consult = listed([['Channel', 'Local/sales@queues-00000007;2'], ['Uniqueid', '1764300100.70'], ['Linkedid', '1764300000.61'],
      ['Application', 'Queue'], ['ApplicationData', 'sales'], ['BridgeId', 'b-70']]);
    const sales = listed([['Channel', 'SIP/1099-00000071'], ['Uniqueid', '1764300101.71'], ['Linkedid', '1764300000.61'],
      ['Application', 'AppQueue'], ['Duration', '00:00:30'], ['BridgeId', 'b-70']]);
    expect(conversationsIn([caller, sales, consult, member]).map((c) => [c.queue, c.caller.uniqueid, c.agent.channel])).toEqual([
      ['sales', '1764300100.70', 'SIP/1099-00000071'], ['loans', '1764300000.61', 'SIP/1023-00000032'],
    ]);
  });

  it('Asterisk 11 names the other leg in BridgedUniqueID (its own header spellings)', () => {
    const c11 = listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/trunk-00000031'], ['UniqueID', '5.1'],
      ['Application', 'Queue'], ['ApplicationData', 'loans'], ['BridgedChannel', 'SIP/1023-00000032'], ['BridgedUniqueID', '5.2'], ['Duration', '00:03:10']]))!;
    const m11 = listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/1023-00000032'], ['UniqueID', '5.2'],
      ['Application', 'AppQueue'], ['BridgedChannel', 'SIP/trunk-00000031'], ['BridgedUniqueID', '5.1'], ['Duration', '00:02:05']]))!;
    expect(conversationsIn([c11, m11]).map((c) => [c.queue, c.caller.uniqueid, c.agent.uniqueid])).toEqual([['loans', '5.1', '5.2']]);
    // A member leg bridged to a leg that is not in Queue (an attended transfer's other party) is not a queue conversation.
    const dialled = listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/2000-00000040'], ['UniqueID', '6.1'],
      ['Application', 'Dial'], ['BridgedUniqueID', '6.2']]))!;
    const m6 = listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/1023-00000041'], ['UniqueID', '6.2'],
      ['Application', 'AppQueue'], ['BridgedUniqueID', '6.1']]))!;
    expect(conversationsIn([dialled, m6])).toEqual([]);
  });

  it("a channel's name without its sequence number is the member's interface, compared without dial options or case", () => {
    expect(['SIP/1023-00000032', 'PJSIP/agent7-0000a1b2', 'Local/1023@agents-00000003;1', 'IAX2/1023']
      .map(interfaceOfChannel)).toEqual(['SIP/1023', 'PJSIP/agent7', 'Local/1023@agents', 'IAX2/1023']);
    expect(['Local/1023@from-queue/n', 'Local/1023@agents/nj', 'local/1023', 'SIP/1023', 'PJSIP/trunk/5551234']
      .map(memberInterfaceKey)).toEqual(['local/1023@from-queue', 'local/1023@agents', 'local/1023@default', 'sip/1023', 'pjsip/trunk/5551234']);
    expect(memberInterfaceKey(interfaceOfChannel('Local/1023@default-0000001f;1'))).toBe(memberInterfaceKey('Local/1023/n'));
  });

  it("a channel's Uniqueid says when it was made, with or without the PBX's systemname", () => {
    expect([createdAtOf('1764300031.62'), createdAtOf('pbx-a-1764300031.62'), createdAtOf('abc'), createdAtOf('12.5')])
      .toEqual([1_764_300_031_000, 1_764_300_031_000, undefined, undefined]);
  });
});

describe('AmiMapper.learnCalls', () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 0);

  it('learns a conversation it did not follow as answered (resync) by the member, and follows it from then on', () => {
    const m = new AmiMapper({ ...MAPPING, agentIds: { 'Agent Lee': 'A-17' } });
    // QueueStatus came first: the member is known by name, which is how the floor knows it.
    m.map(queueMember([['Name', 'Agent Lee'], ['Location', 'SIP/1023']]), at);
    const events = m.learnCalls([caller, member], at);
    expect(events).toEqual([expect.objectContaining({
      type: 'call.answered', callId: '1764300000.61', agentId: 'A-17', resync: true, ts: 1_764_300_031_000,
    })]);
    expect(floorEventSchema.safeParse(events[0]).success).toBe(true);
    // Learnt once: the next resync lists it again, and nothing new is said.
    expect(m.learnCalls([caller, member], at + 60_000)).toEqual([]);
    // A restart of Floorwatch learns it again under the same id.
    const again = new AmiMapper({ ...MAPPING, agentIds: { 'Agent Lee': 'A-17' } });
    again.map(queueMember([['Name', 'Agent Lee'], ['Location', 'SIP/1023']]), at);
    expect(again.learnCalls([caller, member], at + 7_000).map((e) => e.id)).toEqual([events[0]!.id]);
    // Its hold on the agent's phone and its caller's hang-up are read now.
    const hold = m.map(amiMessage([['Event', 'Hold'], ['Channel', 'SIP/1023-00000032'], ['Uniqueid', '1764300031.62']]), at + 1000);
    expect(hold.events.map((e) => [e.type, (e as { agentId?: string }).agentId])).toEqual([['call.hold', 'A-17']]);
    const hangup = m.map(amiMessage([['Event', 'Hangup'], ['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61']]), at + 2000);
    expect(hangup.events).toEqual([expect.objectContaining({ type: 'call.ended', callId: '1764300000.61', releasedBy: 'customer' })]);
  });

  it('dated by the member channel\'s age when its Uniqueid does not read as a time; agentIds however the interface was written', () => {
    const m = new AmiMapper({ ...MAPPING, agentIds: { 'sip/1023': 'A-17' } });
    const odd = { ...member, uniqueid: 'pbx1-leg-7' };
    expect(m.learnCalls([caller, odd], at)).toEqual([expect.objectContaining({ agentId: 'A-17', ts: at - 125_000 })]);
  });

  it('a Local member is known by its interface without dial options; a member never named is skipped, not guessed', () => {
    const m = new AmiMapper({ ...MAPPING, agentIds: { 'Local/1023@from-queue/n': 'A-17' } });
    m.map(queueMember([['MemberName', 'Lee'], ['Interface', 'Local/1023@from-queue/n'], ['StateInterface', 'hint:1023@ext-local']]), at);
    const local = listed([['Channel', 'Local/1023@from-queue-0000001f;1'], ['Uniqueid', '1764300031.63'], ['Application', 'AppQueue'],
      ['Duration', '00:01:00'], ['BridgeId', 'b-61']]);
    expect(m.learnCalls([caller, local], at).map((e) => (e as { agentId?: string }).agentId)).toEqual(['A-17']);
    const stranger = listed([['Channel', 'PJSIP/reception-00000040'], ['Uniqueid', '1764300040.1'], ['Application', 'AppQueue'], ['BridgeId', 'b-80']]);
    const itsCaller = listed([['Channel', 'SIP/trunk-00000041'], ['Uniqueid', '1764300039.1'], ['Application', 'Queue'], ['ApplicationData', 'loans'], ['BridgeId', 'b-80']]);
    expect(new AmiMapper(MAPPING).learnCalls([itsCaller, stranger], at)).toEqual([]);
  });

  it('a followed call still waiting or ringing when the link dropped, answered during the gap, is answered now', () => {
    const m = new AmiMapper(MAPPING);
    m.map(queueMember([['MemberName', 'Agent 1023'], ['Interface', 'SIP/1023']]), at - 300_000);
    m.map(amiMessage([['Event', 'QueueCallerJoin'], ['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61'], ['Queue', 'loans'],
      ['CallerIDNum', '13800000000']]), at - 200_000);
    m.map(amiMessage([['Event', 'AgentCalled'], ['Uniqueid', '1764300000.61'], ['Interface', 'SIP/1024'], ['MemberName', 'Agent 1024'],
      ['DestChannel', 'SIP/1024-00000030']]), at - 190_000);
    const events = m.learnCalls([caller, member], at);
    expect(events.map((e) => [e.type, (e as { agentId?: string }).agentId, (e as { resync?: boolean }).resync])).toEqual([['call.answered', '1023', true]]);
    expect(m.openCalls()[0]).toMatchObject({ answered: true, agentId: '1023', leftQueue: true });
    expect(m.openCalls()[0]!.ringingAgentId).toBeUndefined();
    // A call followed as answered is left alone.
    expect(m.learnCalls([caller, member], at)).toEqual([]);
  });
});

describe('a learnt answer on the floor', () => {
  const t0 = Date.UTC(2026, 10, 30, 9, 0, 0);
  const ev = (e: Record<string, unknown>) => floorEventSchema.parse({ source: 'test', ...e }) as FloorEvent;

  it('puts the agent on the call, which no queue counts as offered, and is not judged as an answer', () => {
    const m = new AmiMapper(MAPPING);
    m.map(queueMember([['MemberName', 'Agent 1023'], ['Interface', 'SIP/1023']]), t0);
    const state = createEngineState(defaultRulesConfig(), t0 - 300_000);
    step(state, { kind: 'event', event: ev({ id: 'login-1023', type: 'agent.login', ts: t0 - 300_000, agentId: '1023', stationId: 'SIP/1023' }) }, t0 - 300_000);
    const [answered] = m.learnCalls([caller, member], t0).map((e) => floorEventSchema.parse(e));
    step(state, { kind: 'event', event: answered! }, t0);
    expect(state.agents.get('1023')?.callId).toBe('1764300000.61');
    expect([...state.queues.values()].reduce((n, q) => n + q.offered, 0)).toBe(0);
    expect(state.compliance.floor['answer-3-rings']).toBeUndefined();
  });

  it('a call that rang past the limit before the gap: its alert clears, and the answer asks no apology', () => {
    const state = createEngineState(defaultRulesConfig(), t0);
    const apply = (e: Record<string, unknown>) => step(state, { kind: 'event', event: ev(e) }, e.ts as number);
    apply({ id: 'o', type: 'call.offered', ts: t0, callId: 'c1', queue: 'loans', direction: 'inbound' });
    apply({ id: 'r', type: 'call.ringing', ts: t0 + 1000, callId: 'c1', agentId: '1024' });
    step(state, { kind: 'tick' }, t0 + 60_000);
    const ring = [...state.alerts.values()].find((a) => a.rule === 'answer-3-rings');
    expect(ring?.status).toBe('open');
    // The ring past the limit is counted once, at the limit; the learnt answer adds nothing.
    const counted = structuredClone(state.compliance.floor['answer-3-rings']);
    apply({ id: 'a', type: 'call.answered', ts: t0 + 120_000, callId: 'c1', agentId: '1023', resync: true });
    expect(state.alerts.get(ring!.id)?.status).not.toBe('open');
    expect(state.calls.get('c1')).toMatchObject({ agentId: '1023', apologyDue: false, answeredLate: false });
    expect(state.compliance.floor['answer-3-rings']).toEqual(counted);
    // Without the mark, the same answer is a late one that owes an apology.
    const plain = createEngineState(defaultRulesConfig(), t0);
    for (const e of [
      { id: 'o', type: 'call.offered', ts: t0, callId: 'c1', queue: 'loans', direction: 'inbound' },
      { id: 'r', type: 'call.ringing', ts: t0 + 1000, callId: 'c1', agentId: '1024' },
      { id: 'a', type: 'call.answered', ts: t0 + 120_000, callId: 'c1', agentId: '1023' },
    ]) step(plain, { kind: 'event', event: ev(e) }, e.ts);
    expect(plain.calls.get('c1')).toMatchObject({ answeredLate: true, apologyDue: true });
  });
});
