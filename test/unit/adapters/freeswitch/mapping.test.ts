import { describe, expect, it } from 'vitest';
import { FsMapper, fsTimestamp } from '../../../../server/adapters/freeswitch/mapping.js';
import { parseEventPlain, type FsEvent } from '../../../../server/adapters/freeswitch/parser.js';
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
      { type: 'call.offered', callId: '11111111-aaaa-4000-8000-000000000003', queue: 'support@default', direction: 'inbound', numberClass: 'private' },
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
    expect(m.map(cc('bridge-agent-end', { ...base, 'CC-Member-Session-UUID': 'm3', 'CC-Hangup-Cause': 'MEDIA_TIMEOUT' }), 9).events[0])
      .toMatchObject({ releasedBy: 'system', hangupCause: 'MEDIA_TIMEOUT' });
    expect(m.openCalls().map((c) => c.callId)).toEqual(['m2', 'm3']);
  });

  it('a new Core-UUID (FreeSWITCH restarted) ends the calls it carried', () => {
    const m = new FsMapper(MAPPING);
    m.map(cc('member-queue-start', { 'Core-UUID': 'core-1', 'CC-Queue': 'q', 'CC-Member-Session-UUID': 'm1' }), 1);
    const r = m.map(cc('member-queue-start', { 'Core-UUID': 'core-2', 'CC-Queue': 'q', 'CC-Member-Session-UUID': 'm2' }), 50);
    expect(r.events.map((e) => [e.type, (e as { callId: string }).callId, (e as { releasedBy?: string }).releasedBy]))
      .toEqual([['call.ended', 'm1', 'system'], ['call.offered', 'm2', undefined]]);
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
