import { describe, expect, it } from 'vitest';
import { AmiMapper } from '../../../../server/adapters/asterisk-ami/mapping.js';
import { amiMessage } from '../../../../server/adapters/asterisk-ami/parser.js';
import { agentIdOf, resolveMappingOptions } from '../../../../server/adapters/asterisk-ami/config.js';
import { floorEventSchema } from '../../../../shared/events.js';
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

  it('pauses with a reason, once per agent across queues; logout after the last queue', () => {
    const { events, results } = mapFixture('pause-reason');
    expect(events.map(brief)).toEqual([
      { type: 'agent.login', agentId: '1024', stationId: 'PJSIP/1024' },
      { type: 'agent.login', agentId: '1024', stationId: 'PJSIP/1024' },
      { type: 'agent.state', agentId: '1024', state: 'not_ready', reason: 'meal' },
      { type: 'agent.state', agentId: '1024', state: 'available' },
      { type: 'agent.state', agentId: '1024', state: 'not_ready' },
      { type: 'agent.logout', agentId: '1024', stationId: 'PJSIP/1024' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'mapped', 'mapped', 'ignored', 'ignored', 'mapped', 'mapped', 'ignored', 'mapped']);
  });

  it('maps configured pause reasons, unknown ones to other', () => {
    const { events } = mapFixture('pause-reason', { ...MAPPING, pauseReasons: { lunch: 'break' } });
    expect(events[2]).toMatchObject({ reason: 'break' });
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

describe('AMI mapping: Asterisk 11 names', () => {
  it('Join, AgentCalled, Leave, Bridge, Hold Status, QueueMemberPaused, AgentComplete', () => {
    const { events, results } = mapFixture('asterisk11');
    expect(events.map(brief)).toEqual([
      { type: 'agent.login', agentId: '1025', stationId: 'SIP/1025' },
      { type: 'call.offered', callId: '1400000000.51', queue: 'support', direction: 'inbound', numberClass: 'private' },
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
    expect(m.endAllCalls(50).map((e) => ({ type: e.type, releasedBy: (e as { releasedBy: string }).releasedBy })))
      .toEqual([{ type: 'call.ended', releasedBy: 'system' }]);
    expect(m.openCalls()).toEqual([]);
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
