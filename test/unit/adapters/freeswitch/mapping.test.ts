import { describe, expect, it } from 'vitest';
import { FsMapper, fsTimestamp } from '../../../../server/adapters/freeswitch/mapping.js';
import { parseEventPlain, type FsEvent } from '../../../../server/adapters/freeswitch/parser.js';
import type { MemberRow } from '../../../../server/adapters/freeswitch/api-replies.js';
import { floorEventSchema } from '../../../../shared/events.js';
import { MAPPING, mapFixture } from './fixtures.js';

const brief = (e: Record<string, unknown>) => {
  const { id: _id, source: _s, ts: _ts, ...rest } = e;
  return rest;
};
const CALL1 = '11111111-aaaa-4000-8000-000000000001';

function ev(pairs: Record<string, string>): FsEvent {
  const e = parseEventPlain(Object.entries(pairs).map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`).join('') + '\n');
  if (typeof e === 'string') throw new Error(e);
  return e;
}
const cc = (action: string, extra: Record<string, string> = {}) =>
  ev({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info', 'CC-Action': action, ...extra });

describe('FreeSWITCH mapping', () => {
  it('a queue call answered after 12 s and hung up by the caller', () => {
    const { events, results } = mapFixture('answered');
    expect(events.map(brief)).toEqual([
      { type: 'agent.logout', agentId: '1000', stationId: '1000@default' },
      { type: 'agent.login', agentId: '1000', stationId: '1000@default' },
      { type: 'agent.state', agentId: '1000', state: 'available' },
      { type: 'call.offered', callId: CALL1, queue: 'support@default', direction: 'inbound', from: '0612345678', numberClass: 'customer' },
      { type: 'call.ringing', callId: CALL1, agentId: '1000' },
      { type: 'call.answered', callId: CALL1, agentId: '1000' },
      { type: 'call.ended', callId: CALL1, releasedBy: 'customer', hangupCause: 'NORMAL_CLEARING' },
    ]);
    // Logged Out first seen: a logout goes out too (the floor may still think the agent is in).
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'mapped', 'mapped', 'mapped', 'mapped', 'ignored', 'mapped', 'ignored']);
    expect(events[4].ts).toBe(1764291606000);
    expect(events[5].ts).toBe(1764291618000);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
  });

  it('gives the same ids for the same events (a resend is idempotent)', () => {
    const a = mapFixture('answered').events.map((e) => e.id);
    expect(mapFixture('answered').events.map((e) => e.id)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    expect(a[4]).toBe(`fs-fs1-${CALL1}-ringing-1000-1764291606000300`);
  });

  it('an abandoned call: bridge-agent-fail adds nothing, Cancel is the customer\'s abandon', () => {
    const { events, results } = mapFixture('abandoned');
    expect(events.map(brief).map((e) => [e.type, e.releasedBy])).toEqual([
      ['call.offered', undefined], ['call.ringing', undefined], ['call.ended', 'customer'],
    ]);
    expect(events[2]).toMatchObject({ cancelReason: 'BREAK_OUT' });
    expect(results[2].outcome).toBe('ignored');
  });

  it('a queue timeout is ended by the system (not an abandon); a + number is kept', () => {
    const { events } = mapFixture('timeout');
    expect(events[0]).toMatchObject({ type: 'call.offered', from: '+31201234567' });
    expect(events[1]).toMatchObject({ type: 'call.ended', releasedBy: 'system', cancelReason: 'TIMEOUT' });
  });

  it('hold and unhold on the agent leg; a repeated hold is dropped; the agent hung up', () => {
    const { events, results } = mapFixture('hold');
    expect(events.map(brief)).toEqual([
      { type: 'call.offered', callId: '11111111-aaaa-4000-8000-000000000003', queue: 'support@default', direction: 'inbound', numberClass: 'unknown' },
      { type: 'call.ringing', callId: '11111111-aaaa-4000-8000-000000000003', agentId: '1001' },
      { type: 'call.answered', callId: '11111111-aaaa-4000-8000-000000000003', agentId: '1001' },
      { type: 'call.hold', callId: '11111111-aaaa-4000-8000-000000000003', agentId: '1001', consent: true },
      { type: 'call.unhold', callId: '11111111-aaaa-4000-8000-000000000003', agentId: '1001' },
      { type: 'call.ended', callId: '11111111-aaaa-4000-8000-000000000003', releasedBy: 'agent', hangupCause: 'NORMAL_CLEARING' },
    ]);
    expect(results[4].outcome).toBe('ignored');
    const noConsent = mapFixture('hold', { ...MAPPING, holdConsent: false }).events;
    expect(noConsent[3]).toMatchObject({ type: 'call.hold', consent: false });
  });

  it('agent statuses: available, break once, idle states ignored, logout, login again', () => {
    const { events, results } = mapFixture('agent-status');
    expect(events.map(brief)).toEqual([
      { type: 'agent.state', agentId: '1002', state: 'available' },
      { type: 'agent.state', agentId: '1002', state: 'not_ready', reason: 'break' },
      { type: 'agent.logout', agentId: '1002', stationId: '1002@default' },
      { type: 'agent.login', agentId: '1002', stationId: '1002@default' },
      { type: 'agent.state', agentId: '1002', state: 'available' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['mapped', 'mapped', 'ignored', 'ignored', 'mapped', 'mapped']);
    // No Event-Date-Timestamp in this fixture: receipt time, still distinct ids.
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  });

  it('Terminated after an answer with no bridge-agent-end: decided from the member channel', () => {
    const m = new FsMapper(MAPPING);
    const base = { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 'm1', 'CC-Agent': '1003@default' };
    m.map(cc('member-queue-start', base), 1);
    m.map(cc('bridge-agent-start', { ...base, 'CC-Agent-UUID': 'a1' }), 2);
    const r = m.map(cc('member-queue-end', { ...base, 'Unique-ID': 'm1', 'CC-Cause': 'Terminated', variable_sip_hangup_disposition: 'send_bye' }), 3);
    expect(r.events.map(brief)).toEqual([{ type: 'call.ended', callId: 'm1', releasedBy: 'agent' }]);
    // Without a disposition: the customer.
    m.map(cc('member-queue-start', { ...base, 'CC-Member-Session-UUID': 'm2' }), 4);
    m.map(cc('bridge-agent-start', { ...base, 'CC-Member-Session-UUID': 'm2' }), 5);
    expect(m.map(cc('bridge-agent-end', { ...base, 'CC-Member-Session-UUID': 'm2' }), 6).events[0]).toMatchObject({ releasedBy: 'customer' });
    // A cause that means the switch did it: the system.
    m.map(cc('member-queue-start', { ...base, 'CC-Member-Session-UUID': 'm3' }), 7);
    m.map(cc('bridge-agent-start', { ...base, 'CC-Member-Session-UUID': 'm3' }), 8);
    expect(m.map(cc('bridge-agent-end', { ...base, 'CC-Member-Session-UUID': 'm3', 'Hangup-Cause': 'MEDIA_TIMEOUT' }), 9).events[0])
      .toMatchObject({ releasedBy: 'system', hangupCause: 'MEDIA_TIMEOUT' });
    expect(m.openCalls().map((c) => c.callId)).toEqual(['m2', 'm3']);
  });

  it('a new Core-UUID (FreeSWITCH restarted) ends the calls it carried', () => {
    const m = new FsMapper(MAPPING);
    m.map(cc('member-queue-start', { 'Core-UUID': 'core-1', 'CC-Queue': 'q', 'CC-Member-Session-UUID': 'm1' }), 1);
    const r = m.map(cc('member-queue-start', { 'Core-UUID': 'core-2', 'CC-Queue': 'q', 'CC-Member-Session-UUID': 'm2' }), 50);
    expect(r.events.map((e) => [e.type, (e as { callId: string }).callId, (e as { releasedBy?: string }).releasedBy]))
      .toEqual([['call.ended', 'm1', 'system'], ['call.offered', 'm2', undefined]]);
    // Marked, as the AMI adapter marks it: nobody on the call released it (no survey-transfer breach).
    expect(r.events[0]).toMatchObject({ reason: 'other', pbxRestart: true });
  });

  it('reads the channel\'s Hangup-Cause: CC-Hangup-Cause is only the originate result (SUCCESS)', () => {
    // mod_callcenter puts the agent originate's result in CC-Hangup-Cause (SUCCESS, NONE for
    // uuid-standby agents) and the agent leg's channel data (Hangup-Cause, variables) beside it.
    const m = new FsMapper(MAPPING);
    const call = (id: string) => ({ 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': id, 'CC-Agent': '1003@default', 'CC-Agent-UUID': `a-${id}` });
    const end = (id: string, extra: Record<string, string>) => {
      m.map(cc('member-queue-start', call(id)), 1);
      m.map(cc('bridge-agent-start', call(id)), 2);
      return m.map(cc('bridge-agent-end', { ...call(id), 'Unique-ID': `a-${id}`, 'CC-Hangup-Cause': 'SUCCESS', ...extra }), 3).events[0];
    };
    expect(end('c1', { 'Hangup-Cause': 'MEDIA_TIMEOUT', variable_hangup_cause: 'MEDIA_TIMEOUT' }))
      .toMatchObject({ type: 'call.ended', releasedBy: 'system', hangupCause: 'MEDIA_TIMEOUT' });
    expect(end('c2', { variable_hangup_cause: 'ALLOTTED_TIMEOUT' })).toMatchObject({ releasedBy: 'system', hangupCause: 'ALLOTTED_TIMEOUT' });
    // No cause of the channel's own: the originate result is not reported as one.
    expect(brief(end('c3', {}) as never)).toEqual({ type: 'call.ended', callId: 'c3', releasedBy: 'customer' });
  });

  it('member-queue-resume (a caller back within abandoned-resume-allowed) is a queue call like any other', () => {
    const { events } = mapFixture('resume');
    const id = '11111111-aaaa-4000-8000-000000000006';
    expect(events.map(brief)).toEqual([
      { type: 'call.offered', callId: id, queue: 'support@default', direction: 'inbound', from: '0698765432', numberClass: 'customer' },
      { type: 'call.ringing', callId: id, agentId: '1000' },
      { type: 'call.answered', callId: id, agentId: '1000' },
      { type: 'call.ended', callId: id, releasedBy: 'customer', hangupCause: 'NORMAL_CLEARING' },
    ]);
  });

  it('a blind transfer from the agent\'s phone is call.transferred, not a hang-up; member-queue-end ends the call', () => {
    const id = '11111111-aaaa-4000-8000-000000000005';
    const { events, mapper } = mapFixture('transfer', { ...MAPPING, surveyExtension: '9000' });
    expect(events.map(brief)).toEqual([
      { type: 'call.offered', callId: id, queue: 'support@default', direction: 'inbound', from: '0611223344', numberClass: 'customer' },
      { type: 'call.answered', callId: id, agentId: '1001' },
      { type: 'call.transferred', callId: id, agentId: '1001', target: 'survey', to: '9000' },
      // The caller is still up, in the survey: nobody released the call, the queue let go of it.
      { type: 'call.ended', callId: id, releasedBy: 'system' },
    ]);
    expect(mapper.openCalls()).toEqual([]);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
    // Without a survey extension configured, 9000 is taken for a colleague's extension.
    expect(mapFixture('transfer').events[2]).toMatchObject({ type: 'call.transferred', target: 'agent', to: '9000' });
  });

  it('transfer marks that do not name this call, or an attended transfer, on the agent leg', () => {
    const m = new FsMapper(MAPPING);
    const base = { 'CC-Queue': 'q@default', 'CC-Agent': '1003@default' };
    const run = (id: string, agentLeg: Record<string, string>) => {
      m.map(cc('member-queue-start', { ...base, 'CC-Member-Session-UUID': id }), 1);
      m.map(cc('bridge-agent-start', { ...base, 'CC-Member-Session-UUID': id, 'CC-Agent-UUID': `a-${id}` }), 2);
      return m.map(cc('bridge-agent-end', { ...base, 'CC-Member-Session-UUID': id, 'Unique-ID': `a-${id}`, ...agentLeg }), 3).events[0];
    };
    // Left on a long-lived (uuid-standby) agent channel by an earlier call: not this call's transfer.
    expect(run('t1', {
      variable_transfer_to: 'blind:some-earlier-caller', variable_transfer_destination: 'blind:9000', variable_sip_hangup_disposition: 'recv_bye',
    })).toMatchObject({ type: 'call.ended', releasedBy: 'agent' });
    // REFER with Replaces (sofia: transfer_to=att:<uuid>): the destination is not known.
    expect(run('t2', { variable_transfer_to: 'att:consult-leg' })).toMatchObject({ type: 'call.transferred', agentId: '1003', target: 'agent' });
    expect(run('t3', { 'Hangup-Cause': 'ATTENDED_TRANSFER' })).toMatchObject({ type: 'call.transferred' });
    // After a transfer the agent's phone is no longer on the call: its holds are not this call's.
    expect(m.map(ev({ 'Event-Name': 'CHANNEL_HOLD', 'Unique-ID': 'a-t2' }), 4).outcome).toBe('ignored');
  });

  it('resync: ends the calls followed when asked whose caller channel or answered agent leg is gone', () => {
    const m = new FsMapper(MAPPING);
    const base = { 'CC-Queue': 'q@default', 'CC-Agent': '1003@default' };
    for (const id of ['waiting-up', 'waiting-gone', 'talking-up', 'agent-gone', 'later']) {
      m.map(cc('member-queue-start', { ...base, 'CC-Member-Session-UUID': id }), 1);
    }
    for (const id of ['talking-up', 'agent-gone']) {
      m.map(cc('bridge-agent-start', { ...base, 'CC-Member-Session-UUID': id, 'CC-Agent-UUID': `a-${id}` }), 2);
    }
    const asked = new Set(['waiting-up', 'waiting-gone', 'talking-up', 'agent-gone']);
    const alive = new Set(['waiting-up', 'talking-up', 'a-talking-up', 'agent-gone']);
    const now = Date.parse('2026-11-28T09:00:05+08:00');
    const ended = m.endCallsGone(asked, alive, now);
    expect(ended.map(brief)).toEqual([
      { type: 'call.ended', callId: 'waiting-gone', releasedBy: 'system', reason: 'other', resync: true },
      { type: 'call.ended', callId: 'agent-gone', releasedBy: 'system', reason: 'other', resync: true },
    ]);
    expect(ended[0].ts).toBe(now);
    for (const e of ended) expect(floorEventSchema.safeParse(e).success).toBe(true);
    // `later` joined after the question: the list cannot speak for it.
    expect(m.openCalls().map((c) => c.callId)).toEqual(['waiting-up', 'talking-up', 'later']);
    // A late end event for a call ended at the resync is not sent again.
    expect(m.map(cc('member-queue-end', { ...base, 'CC-Member-Session-UUID': 'waiting-gone', 'CC-Cause': 'Cancel' }), 6).events).toEqual([]);
  });

  it('resync: the agent list maps each status as a live change would, but logs out only agents known as in', () => {
    const m = new FsMapper(MAPPING);
    m.map(cc('agent-status-change', { 'CC-Agent': '1000@default', 'CC-Agent-Status': 'Available' }), 1);
    m.map(cc('agent-status-change', { 'CC-Agent': '1001@default', 'CC-Agent-Status': 'Available' }), 1);
    m.map(cc('agent-status-change', { 'CC-Agent': '1002@default', 'CC-Agent-Status': 'Logged Out' }), 1);
    const events = m.agentCensus([
      { name: '1000@default', status: 'Available' }, // unchanged: nothing
      { name: '1001@default', status: 'Logged Out' }, // left during the gap
      { name: '1002@default', status: 'On Break' }, // came in during the gap
      { name: '1003@default', status: 'Available (On Demand)' }, // first seen
      { name: '1004@default', status: 'Logged Out' }, // never seen in: no logout
    ], 9_000);
    expect(events.map(brief)).toEqual([
      { type: 'agent.logout', agentId: '1001', stationId: '1001@default', resync: true },
      { type: 'agent.login', agentId: '1002', stationId: '1002@default' },
      { type: 'agent.state', agentId: '1002', state: 'not_ready', reason: 'break' },
      { type: 'agent.state', agentId: '1003', state: 'available' },
    ]);
    for (const e of events) expect(e.ts).toBe(9_000);
    // 1004 is now known as logged out: its coming in is a login.
    expect(m.map(cc('agent-status-change', { 'CC-Agent': '1004@default', 'CC-Agent-Status': 'Available' }), 10).events.map((e) => e.type))
      .toEqual(['agent.login', 'agent.state']);
  });

  it('resync: learns the callers already in a queue (waiting, ringing, talking), dated by FreeSWITCH\'s times', () => {
    const m = new FsMapper({ host: 'fs1', agentIds: { '1002@default': 'bob' } });
    m.map(cc('member-queue-start', { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 'known', 'CC-Member-UUID': 'm-known' }), 1);
    // A caller who left while the question was out: its end came for a call not yet known.
    m.map(cc('member-queue-end', { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 's-left', 'CC-Cause': 'Cancel' }), 2);
    const at = Date.parse('2026-11-28T09:00:05+08:00');
    const sec = (iso: string) => Date.parse(iso) / 1000;
    const row = (over: Partial<MemberRow>): MemberRow => ({
      queue: 'q@default', uuid: 'm', sessionUuid: 's', cidNumber: '', joinedEpoch: 0, rejoinedEpoch: 0, bridgeEpoch: 0,
      servingAgent: '', state: 'Waiting', ...over,
    });
    const rows = [
      row({ uuid: 'm-1', sessionUuid: 's-wait', cidNumber: '0612345678', joinedEpoch: sec('2026-11-28T08:59:20+08:00') }),
      row({ uuid: 'm-2', sessionUuid: 's-ring', joinedEpoch: sec('2026-11-28T08:59:50+08:00'), servingAgent: '1001@default', state: 'Trying' }),
      row({ uuid: 'm-3', sessionUuid: 's-talk', cidNumber: 'anonymous', joinedEpoch: sec('2026-11-28T08:55:00+08:00'),
        bridgeEpoch: sec('2026-11-28T08:55:12+08:00'), servingAgent: '1002@default', state: 'Answered' }),
      row({ uuid: 'm-4', sessionUuid: 's-back', joinedEpoch: sec('2026-11-28T08:50:00+08:00'), rejoinedEpoch: sec('2026-11-28T08:59:00+08:00') }),
      row({ uuid: 'm-known', sessionUuid: 'known' }), // followed already: left as it is
      row({ uuid: 'm-left', sessionUuid: 's-left' }), // its end came while asking
      row({ uuid: 'm-gone', sessionUuid: '', state: 'Abandoned' }), // the queue's memory of an abandon
      row({ uuid: 'm-odd', sessionUuid: 's-odd', state: 'Answered' }), // talking, but to nobody named
      row({ uuid: 'm-5', sessionUuid: 's-future', joinedEpoch: at / 1000 + 30 }), // FreeSWITCH's clock ahead
    ];
    const events = m.learnCalls(rows, at);
    expect(events.map((e) => ({ ...brief(e), at: new Date(e.ts).toISOString() }))).toEqual([
      { type: 'call.offered', callId: 's-wait', queue: 'q@default', direction: 'inbound', from: '0612345678', numberClass: 'customer', resync: true, at: '2026-11-28T00:59:20.000Z' },
      { type: 'call.offered', callId: 's-ring', queue: 'q@default', direction: 'inbound', numberClass: 'unknown', resync: true, at: '2026-11-28T00:59:50.000Z' },
      { type: 'call.ringing', callId: 's-ring', agentId: '1001', resync: true, at: '2026-11-28T01:00:05.000Z' },
      { type: 'call.offered', callId: 's-talk', queue: 'q@default', direction: 'inbound', numberClass: 'unknown', resync: true, at: '2026-11-28T00:55:00.000Z' },
      { type: 'call.answered', callId: 's-talk', agentId: 'bob', resync: true, at: '2026-11-28T00:55:12.000Z' },
      { type: 'call.offered', callId: 's-back', queue: 'q@default', direction: 'inbound', numberClass: 'unknown', resync: true, at: '2026-11-28T00:59:00.000Z' },
      { type: 'call.offered', callId: 's-future', queue: 'q@default', direction: 'inbound', numberClass: 'unknown', resync: true, at: '2026-11-28T01:00:05.000Z' },
    ]);
    for (const e of events) expect(floorEventSchema.safeParse(e).success).toBe(true);
    // Learnt once: asked again (the next reconnect), nothing new.
    expect(m.learnCalls(rows, at + 60_000)).toEqual([]);
    // A Floorwatch restart learns them again under the same ids (a repeat the log recognises).
    const again = new FsMapper({ host: 'fs1', agentIds: { '1002@default': 'bob' } }).learnCalls(rows.slice(0, 1), at + 5_000);
    expect(again.map((e) => [e.id, e.ts])).toEqual([[events[0].id, events[0].ts]]);
    // The learnt calls' own events are read from now on: the talking one ends by the agent's hang-up, by its member uuid.
    expect(m.map(cc('bridge-agent-end', { 'CC-Queue': 'q@default', 'CC-Member-UUID': 'm-3', 'CC-Agent': '1002@default' }), at + 9_000).events.map(brief))
      .toEqual([{ type: 'call.ended', callId: 's-talk', releasedBy: 'customer' }]);
    expect(m.map(cc('bridge-agent-start', { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 's-ring', 'CC-Agent': '1001@default' }), at + 9_000).events.map(brief))
      .toEqual([{ type: 'call.answered', callId: 's-ring', agentId: '1001' }]);
  });

  it('resync: a caller bridged while the question was out is learnt as answered, not as the waiting the table says', () => {
    const m = new FsMapper({ host: 'fs1' });
    const row: MemberRow = {
      queue: 'q@default', uuid: 'm-1', sessionUuid: 's-1', cidNumber: '', joinedEpoch: 1_764_291_000, rejoinedEpoch: 0, bridgeEpoch: 0,
      servingAgent: '', state: 'Waiting',
    };
    // A bridge for a call not followed, before the question: the table read after it has it answered already.
    m.map(cc('bridge-agent-start', { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 's-1', 'CC-Agent': '1009@default' }), 1_764_291_010_000);
    m.beginCallCensus();
    expect(m.learnCalls([row], 1_764_291_030_000).map((e) => e.type)).toEqual(['call.offered']);
    const other = new FsMapper({ host: 'fs1' });
    other.beginCallCensus();
    other.map(cc('bridge-agent-start', { 'CC-Queue': 'q@default', 'CC-Member-Session-UUID': 's-1', 'CC-Member-UUID': 'm-1',
      'CC-Agent': '1002@default', 'CC-Agent-UUID': 'agent-leg' }), 1_764_291_020_000);
    const events = other.learnCalls([row], 1_764_291_030_000);
    expect(events.map((e) => ({ ...brief(e), ts: e.ts }))).toEqual([
      { type: 'call.offered', callId: 's-1', queue: 'q@default', direction: 'inbound', numberClass: 'unknown', resync: true, ts: 1_764_291_000_000 },
      { type: 'call.answered', callId: 's-1', agentId: '1002', resync: true, ts: 1_764_291_020_000 },
    ]);
    // The agent leg is known: a hold on it is this call's.
    expect(other.map(ev({ 'Event-Name': 'CHANNEL_HOLD', 'Unique-ID': 'agent-leg' }), 1_764_291_040_000).events.map((e) => [e.type, e.callId]))
      .toEqual([['call.hold', 's-1']]);
    // Its end is the agent's conversation's end, not an abandon.
    expect(other.map(cc('bridge-agent-end', { 'CC-Queue': 'q@default', 'CC-Member-UUID': 'm-1', 'CC-Agent': '1002@default',
      'CC-Hangup-Cause': 'NORMAL_CLEARING' }), 1_764_291_090_000).events.map((e) => e.type)).toEqual(['call.ended']);
  });

  it('counts unknown events as ignored and broken ones as failed, never throws', () => {
    const m = new FsMapper({ host: 'fs1', agentIds: { '1004@default': 'alice' } });
    expect(m.map(ev({ 'Event-Name': 'HEARTBEAT' }), 1).outcome).toBe('ignored');
    expect(m.map(ev({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'sofia::register' }), 1).outcome).toBe('ignored');
    expect(m.map(ev({ 'Event-Calling-Function': 'x' }), 1).outcome).toBe('failed');
    expect(m.map(cc('members-count', { 'CC-Count': '3' }), 1).outcome).toBe('ignored');
    expect(m.map(ev({ 'Event-Name': 'CUSTOM', 'Event-Subclass': 'callcenter::info' }), 1).outcome).toBe('failed');
    expect(m.map(cc('member-queue-start', { 'CC-Queue': 'q' }), 1).outcome).toBe('failed');
    expect(m.map(cc('agent-offering', { 'CC-Member-Session-UUID': 'nobody', 'CC-Agent': '1' }), 1).outcome).toBe('ignored');
    expect(m.map(cc('agent-status-change', { 'CC-Agent': '1004@default' }), 1).outcome).toBe('failed');
    expect(m.map(cc('agent-status-change', { 'CC-Agent': '1004@default', 'CC-Agent-Status': 'Sleeping' }), 1).outcome).toBe('ignored');
    expect(m.map(cc('agent-status-change', { 'CC-Agent': '1004@default', 'CC-Agent-Status': 'On Break' }), 1).events[0])
      .toMatchObject({ agentId: 'alice' });
    expect(m.map(ev({ 'Event-Name': 'CHANNEL_HOLD', 'Unique-ID': 'nobody' }), 1).outcome).toBe('ignored');
  });

  it('Event-Date-Timestamp is microseconds', () => {
    expect(fsTimestamp('1764291605100200')).toBe(1764291605100);
    expect(fsTimestamp('abc')).toBeUndefined();
    expect(fsTimestamp('0')).toBeUndefined();
  });
});
