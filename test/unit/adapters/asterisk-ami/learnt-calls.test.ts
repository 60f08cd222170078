import { describe, expect, it } from 'vitest';
import {
  conversationsIn, durationSeconds, interfaceOfChannel, listedChannel, type ListedChannel,
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

/** A caller talking with member SIP/1023 in `loans` for 95 s (rung 2 min 5 s ago). */
const caller = listed([['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61'], ['Linkedid', '1764300000.61'],
  ['Application', 'Queue'], ['ApplicationData', 'loans,tT,,,300'], ['Duration', '00:03:10'], ['BridgeId', 'b-61']]);
const member = listed([['Channel', 'SIP/1023-00000032'], ['Uniqueid', '1764300031.62'], ['Linkedid', '1764300000.61'],
  ['Application', 'AppQueue'], ['ApplicationData', '(Outgoing Line)'], ['Duration', '00:02:05'], ['BridgeId', 'b-61']]);

describe('channels listed by CoreShowChannels', () => {
  it('reads the fields a learnt call needs, and the age as seconds', () => {
    expect(member).toEqual({
      channel: 'SIP/1023-00000032', uniqueid: '1764300031.62', linkedid: '1764300000.61', bridgeId: 'b-61',
      application: 'AppQueue', applicationData: '(Outgoing Line)', ageSeconds: 125,
    });
    expect([durationSeconds('01:00:07'), durationSeconds('42'), durationSeconds('soon'), durationSeconds(undefined)]).toEqual([3607, 42, 0, 0]);
    expect(listedChannel(amiMessage([['Event', 'CoreShowChannel'], ['Channel', 'SIP/x-1']]))).toBeUndefined();
  });

  it('a member leg bridged to a caller still in Queue is a conversation; ringing legs and other calls are not', () => {
    const ringing = listed([['Channel', 'SIP/1024-00000040'], ['Uniqueid', '9.2'], ['Linkedid', '9.1'], ['Application', 'AppQueue'], ['Duration', '00:00:04']]);
    const waiting = listed([['Channel', 'SIP/trunk-00000039'], ['Uniqueid', '9.1'], ['Application', 'Queue'], ['ApplicationData', 'cards']]);
    const internalA = listed([['Channel', 'SIP/1030-00000050'], ['Uniqueid', '7.1'], ['Application', 'Dial'], ['BridgeId', 'b-7']]);
    const internalB = listed([['Channel', 'SIP/1031-00000051'], ['Uniqueid', '7.2'], ['Linkedid', '7.1'], ['Application', 'AppDial'], ['BridgeId', 'b-7']]);
    expect(conversationsIn([internalA, waiting, caller, ringing, member, internalB]))
      .toEqual([{ queue: 'loans', caller, agent: member }]);
  });

  it('finds the caller by BridgedUniqueid (Asterisk 11) or by the shared BridgeId when Linkedid says nothing', () => {
    const old = listed([['Channel', 'SIP/1023-00000032'], ['Uniqueid', '5.2'], ['Application', 'AppQueue'], ['BridgedUniqueid', '1764300000.61']]);
    expect(conversationsIn([caller, old]).map((c) => c.caller.uniqueid)).toEqual(['1764300000.61']);
    const byBridge = listed([['Channel', 'SIP/1023-00000032'], ['Uniqueid', '5.3'], ['Linkedid', '5.3'], ['Application', 'AppQueue'], ['BridgeId', 'b-61']]);
    expect(conversationsIn([caller, byBridge]).map((c) => c.queue)).toEqual(['loans']);
  });

  it("a channel's name without its sequence number is the member's interface", () => {
    expect(['SIP/1023-00000032', 'PJSIP/agent7-0000a1b2', 'Local/1023@agents-00000003;1', 'IAX2/1023']
      .map(interfaceOfChannel)).toEqual(['SIP/1023', 'PJSIP/agent7', 'Local/1023@agents', 'IAX2/1023']);
  });
});

describe('AmiMapper.learnCalls', () => {
  const at = Date.UTC(2026, 10, 30, 9, 0, 0, 400);

  it('learns a conversation it did not follow as answered by the member, and follows it from then on', () => {
    const m = new AmiMapper({ ...MAPPING, agentIds: { 'Agent Lee': 'A-17' } });
    // QueueStatus came first: the member is known by name, which is how the floor knows it.
    m.map(amiMessage([['Event', 'QueueMember'], ['Queue', 'loans'], ['Name', 'Agent Lee'], ['Location', 'SIP/1023'], ['Paused', '0']]), at);
    const events = m.learnCalls([caller, member], at);
    expect(events).toEqual([expect.objectContaining({
      type: 'call.answered', callId: '1764300000.61', agentId: 'A-17', ts: Date.UTC(2026, 10, 30, 8, 57, 55),
    })]);
    expect(floorEventSchema.safeParse(events[0]).success).toBe(true);
    // Learnt once: the next resync lists it again, and nothing new is said.
    expect(m.learnCalls([caller, member], at + 60_000)).toEqual([]);
    // Its hold on the agent's phone and its caller's hang-up are read now.
    const hold = m.map(amiMessage([['Event', 'Hold'], ['Channel', 'SIP/1023-00000032'], ['Uniqueid', '1764300031.62']]), at + 1000);
    expect(hold.events.map((e) => [e.type, (e as { agentId?: string }).agentId])).toEqual([['call.hold', 'A-17']]);
    const hangup = m.map(amiMessage([['Event', 'Hangup'], ['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61']]), at + 2000);
    expect(hangup.events).toEqual([expect.objectContaining({ type: 'call.ended', callId: '1764300000.61', releasedBy: 'customer' })]);
  });

  it('a followed call still waiting when the link dropped, answered during the gap, is answered now', () => {
    const m = new AmiMapper(MAPPING);
    m.map(amiMessage([['Event', 'QueueCallerJoin'], ['Channel', 'SIP/trunk-00000031'], ['Uniqueid', '1764300000.61'], ['Queue', 'loans'],
      ['CallerIDNum', '13800000000']]), at - 200_000);
    const events = m.learnCalls([caller, member], at);
    expect(events.map((e) => [e.type, (e as { agentId?: string }).agentId])).toEqual([['call.answered', '1023']]);
    // A call followed as answered is left alone.
    expect(m.learnCalls([caller, member], at)).toEqual([]);
  });

  it('the floor shows the agent on the learnt call, which no queue counts as offered', () => {
    const m = new AmiMapper(MAPPING);
    const state = createEngineState(defaultRulesConfig(), at - 300_000);
    const login = { id: 'login-1023', type: 'agent.login', ts: at - 300_000, agentId: '1023', stationId: 'SIP/1023' } as FloorEvent;
    step(state, { kind: 'event', event: login }, login.ts);
    const [answered] = m.learnCalls([caller, member], at).map((e) => floorEventSchema.parse(e));
    step(state, { kind: 'event', event: answered! }, at);
    expect(state.agents.get('1023')?.callId).toBe('1764300000.61');
    expect([...state.queues.values()].reduce((n, q) => n + q.offered, 0)).toBe(0);
  });
});
