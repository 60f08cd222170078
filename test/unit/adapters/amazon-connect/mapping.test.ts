import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEventInput } from '../../../../shared/events.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { createConnectMapper, type ConnectMappingOptions } from '../../../../server/adapters/amazon-connect/mapping.js';
import type { ConnectAgentEvent, ConnectContactRecord } from '../../../../server/adapters/amazon-connect/records.js';
import { replayEvents } from '../../../../server/replay/replay.js';

const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/amazon-connect', name), 'utf8')) as T;
const agentEvents = fixture<ConnectAgentEvent[]>('agent-events.json');
const contactRecords = fixture<ConnectContactRecord[]>('contact-records.json');
const redelivered = fixture<ConnectContactRecord[]>('contact-records-redelivered.json');
const byId = (id: string) => agentEvents.find((e) => e.EventId?.endsWith(id))!;
const types = (events: { type: string }[]) => events.map((e) => e.type);
const options: ConnectMappingOptions = { statusReasons: { Lunch: 'meal' } };

function runAll(o: ConnectMappingOptions = options) {
  const mapper = createConnectMapper(o);
  const events: FloorEventInput[] = [];
  for (const r of agentEvents) events.push(...mapper.mapAgentEvent(r).events);
  for (const r of [...contactRecords, ...redelivered]) events.push(...mapper.mapContactRecord(r).events);
  return { mapper, events };
}

describe('Amazon Connect agent event stream', () => {
  it('LOGIN: login and the current status; an Offline login shows nothing', () => {
    const m = createConnectMapper(options);
    const r = m.mapAgentEvent(byId('01'));
    expect(r.outcome).toBe('mapped');
    expect(r.events).toEqual([
      expect.objectContaining({ type: 'agent.login', agentId: '1001', stationId: 'ccp-1001', ts: Date.parse('2026-11-28T01:00:00Z'), source: 'amazon-connect' }),
      expect.objectContaining({ type: 'agent.state', agentId: '1001', state: 'available' }),
    ]);
    expect(m.mapAgentEvent(byId('02'))).toMatchObject({ outcome: 'ignored' });
  });

  it('STATE_CHANGE of the status: Offline -> Available logs in; custom names map to reasons, unknown ones to other', () => {
    const m = createConnectMapper(options);
    expect(types(m.mapAgentEvent(byId('03')).events)).toEqual(['agent.login', 'agent.state']);
    expect(m.mapAgentEvent(byId('10')).events).toEqual([expect.objectContaining({ type: 'agent.state', state: 'not_ready', reason: 'meal' })]);
    expect(m.mapAgentEvent(byId('11')).events).toEqual([expect.objectContaining({ type: 'agent.state', state: 'available' })]);
    const coffee = structuredClone(byId('10'));
    coffee.CurrentAgentSnapshot!.AgentStatus!.Name = 'Coffee';
    expect(createConnectMapper(options).mapAgentEvent(coffee).events[0]).toMatchObject({ state: 'not_ready', reason: 'other' });
    const offline = structuredClone(byId('11'));
    offline.CurrentAgentSnapshot!.AgentStatus!.Name = 'Offline';
    expect(createConnectMapper(options).mapAgentEvent(offline).events).toEqual([
      expect.objectContaining({ type: 'agent.logout', agentId: '1002', stationId: 'ccp-1002' }),
    ]);
  });

  it('contacts diffed: INCOMING rings (after offered at QueueTimestamp), CONNECTED answers, hold and unhold, ENDED ends', () => {
    const m = createConnectMapper(options);
    const ring = m.mapAgentEvent(byId('04')).events;
    expect(ring).toEqual([
      expect.objectContaining({ type: 'call.offered', id: 'connect-c-1-offered', callId: 'c-1', queue: 'sales', direction: 'inbound', ts: Date.parse('2026-11-28T01:01:00Z') }),
      expect.objectContaining({ type: 'call.ringing', callId: 'c-1', agentId: '1001', ts: Date.parse('2026-11-28T01:01:02Z') }),
    ]);
    expect(m.mapAgentEvent(byId('05')).events.map((e) => e.id)).toEqual(['connect-c-1-offered', 'connect-c-1-answered']);
    expect(m.mapAgentEvent(byId('06')).events).toEqual([expect.objectContaining({ type: 'call.hold', agentId: '1001', consent: true })]);
    expect(types(m.mapAgentEvent(byId('07')).events)).toEqual(['call.unhold']);
    expect(m.mapAgentEvent(byId('08')).events).toEqual([expect.objectContaining({ type: 'call.ended', id: 'connect-c-1-ended', releasedBy: 'customer' })]);
    // After-contact work closed: no wrap-up from the stream by default (no call type in it).
    expect(m.mapAgentEvent(byId('09'))).toMatchObject({ outcome: 'ignored' });
    expect(createConnectMapper({ ...options, agentStreamWrapups: true }).mapAgentEvent(byId('09')).events)
      .toEqual([expect.objectContaining({ type: 'wrapup.completed', id: 'connect-c-1-wrapup', agentId: '1001' })]);
  });

  it('MISSED rings end without an event; HEART_BEAT and unknown types are ignored; LOGOUT logs out', () => {
    const m = createConnectMapper(options);
    const missed = structuredClone(byId('13'));
    missed.CurrentAgentSnapshot!.Contacts = [{ ...missed.CurrentAgentSnapshot!.Contacts![0], State: 'MISSED' }];
    expect(m.mapAgentEvent(missed)).toMatchObject({ outcome: 'ignored' });
    expect(m.mapAgentEvent(byId('16'))).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('HEART_BEAT') });
    expect(m.mapAgentEvent({ ...byId('16'), EventType: 'SOMETHING_NEW' })).toMatchObject({ outcome: 'ignored' });
    expect(m.mapAgentEvent(byId('17')).events).toEqual([expect.objectContaining({ type: 'agent.logout', agentId: '1001', ts: Date.parse('2026-11-28T01:10:00Z') })]);
  });

  it('the same record redelivered gives the same ids; malformed records fail and are counted', () => {
    const a = createConnectMapper(options).mapAgentEvent(byId('12')).events;
    const b = createConnectMapper(options).mapAgentEvent(byId('12')).events;
    expect(b).toEqual(a);
    const m = createConnectMapper(options);
    expect(m.mapAgentEvent('nonsense')).toMatchObject({ outcome: 'failed' });
    expect(m.mapAgentEvent({ EventType: 'LOGIN', AgentARN: 'x' })).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('Username') });
    expect(m.mapAgentEvent({ ...byId('01'), EventTimestamp: 'yesterday' })).toMatchObject({ outcome: 'failed' });
    expect(m.counters()).toEqual(expect.objectContaining({ read: 3, mapped: 0, ignored: 0, failed: 3, events: 0 }));
  });
});

describe('Amazon Connect contact records', () => {
  it('a whole contact: offered at enqueue, answered, ended by DisconnectReason, wrap-up with attributes', () => {
    const m = createConnectMapper(options);
    expect(m.mapContactRecord(contactRecords[1]).events).toEqual([
      expect.objectContaining({ type: 'call.offered', id: 'connect-c-2-offered', queue: 'sales', from: '+6591234567', to: '+6560000000', ts: Date.parse('2026-11-28T01:05:08Z') }),
      expect.objectContaining({ type: 'call.answered', id: 'connect-c-2-answered', agentId: '1002' }),
      expect.objectContaining({ type: 'call.ended', id: 'connect-c-2-ended', releasedBy: 'agent' }),
      expect.objectContaining({ type: 'wrapup.completed', id: 'connect-c-2-wrapup', agentId: '1002', callType: 'complaint', notes: expect.any(String) }),
    ]);
    expect(m.mapContactRecord(contactRecords[2]).events).toEqual([
      expect.objectContaining({ type: 'call.offered', callId: 'c-3' }),
      expect.objectContaining({ type: 'call.ended', callId: 'c-3', releasedBy: 'customer' }),
    ]);
    expect(m.mapContactRecord(contactRecords[3])).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('never queued') });
  });

  it('delivered twice or out of order: an equal or older LastUpdateTimestamp is a duplicate; a newer one re-sends the same ids', () => {
    const m = createConnectMapper(options);
    const first = m.mapContactRecord(contactRecords[0]);
    const [again, older, newer] = [contactRecords[0], redelivered[1], redelivered[2]].map((r) => m.mapContactRecord(r));
    expect(again).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('duplicate') });
    expect(older).toMatchObject({ outcome: 'ignored', reason: expect.stringContaining('duplicate') });
    expect(newer.outcome).toBe('mapped');
    expect(newer.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(m.counters()).toMatchObject({ read: 4, mapped: 2, ignored: 2, failed: 0 });
  });

  it('a record with no ContactId or LastUpdateTimestamp fails; chats are ignored by default', () => {
    const m = createConnectMapper(options);
    expect(m.mapContactRecord({ ...contactRecords[0], ContactId: undefined })).toMatchObject({ outcome: 'failed' });
    expect(m.mapContactRecord({ ...contactRecords[0], LastUpdateTimestamp: undefined })).toMatchObject({ outcome: 'failed' });
    expect(m.mapContactRecord({ ...contactRecords[0], ContactId: 'chat-1', Channel: 'CHAT' })).toMatchObject({ outcome: 'ignored' });
  });
});

describe('Amazon Connect end to end through replay', () => {
  it('agent stream + contact records (redelivered too): queue figures and the late answer', () => {
    const { events, mapper } = runAll();
    const report = replayEvents(events.map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.queues.sales).toMatchObject({ offered: 3, answered: 2, abandoned: 1 });
    expect(report.events.duplicates).toBeGreaterThan(0); // the two feeds told the same facts
    expect(report.alerts.map((a) => [a.rule, a.agentId])).toEqual([['answer-3-rings', '1002']]);
    expect(report.agents['1001'].state).toBe('logged_out');
    expect(mapper.counters()).toMatchObject({ read: 24, failed: 0 });
  });

  it('agentStreamEndsCalls: false lets the contact record say who hung up', () => {
    const { events } = runAll({ ...options, agentStreamEndsCalls: false });
    const report = replayEvents(events.map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.queues.sales).toMatchObject({ offered: 3, answered: 2, abandoned: 1 });
    expect(report.alerts.map((a) => a.rule)).toEqual(['answer-3-rings', 'no-hangup-first']);
  });

  it('the stream stamps to the millisecond, the record to the second: the call still counts once', () => {
    // Real agent streams write milliseconds (EventTimestamp `yyyy-mm-ddThh:mm:ss.sssZ`,
    // docs.aws.amazon.com/connect/latest/adminguide/agent-event-stream-model.html); contact
    // records whole seconds. The fixtures' stream, given milliseconds:
    const stream = JSON.parse(JSON.stringify(agentEvents).replace(/(T\d\d:\d\d:\d\d)Z/g, '$1.345Z')) as ConnectAgentEvent[];
    const mapper = createConnectMapper(options);
    const live = stream.flatMap((r) => mapper.mapAgentEvent(r).events);
    const late = contactRecords.flatMap((r) => mapper.mapContactRecord(r).events);
    // Each fact the record repeats goes with the time the stream sent it: a repeat.
    const sentAt = new Map(live.map((e) => [e.id, e.ts]));
    const repeated = late.filter((e) => sentAt.has(e.id));
    expect(repeated.map((e) => e.id)).toEqual(expect.arrayContaining(['connect-c-2-offered', 'connect-c-2-answered', 'connect-c-2-ended']));
    for (const e of repeated) expect(e.ts, e.id).toBe(sentAt.get(e.id));
    const report = replayEvents([...live, ...late].map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.agents['1002'].handledToday).toBe(1);
    expect(report.queues.sales).toMatchObject({ offered: 3, answered: 2, abandoned: 1 });

    // After a restart the mapper has forgotten; it learns the times from what the log holds.
    const restarted = createConnectMapper(options);
    expect(restarted.contactsToLearn([...contactRecords, stream[0]])).toEqual(contactRecords.map((r) => r.ContactId));
    restarted.learn([...live.map((e) => floorEventSchema.parse(e)), { id: 'another-feed-c-2', ts: 1, type: 'call.answered', callId: 'c-2' }]);
    // Those the stream never reported (an abandon in the queue, a record never queued) are still unknown.
    const inStream = new Set(live.map((e) => (e as { callId?: string }).callId));
    expect(restarted.contactsToLearn(contactRecords)).toEqual(contactRecords.map((r) => r.ContactId).filter((cid) => !inStream.has(cid)));
    const afterRestart = contactRecords.flatMap((r) => restarted.mapContactRecord(r).events);
    for (const e of afterRestart.filter((x) => sentAt.has(x.id))) expect(e.ts, e.id).toBe(sentAt.get(e.id));
  });

  it('a contact offered again at CONNECTED without a QueueTimestamp keeps its first offer time', () => {
    const mapper = createConnectMapper(options);
    const incoming = byId('0004');
    const strip = (r: ConnectAgentEvent): ConnectAgentEvent => JSON.parse(JSON.stringify(r).replace(/"QueueTimestamp":"[^"]*"/g, '"QueueTimestamp":null')) as ConnectAgentEvent;
    const offers = agentEvents.map(strip).flatMap((r) => mapper.mapAgentEvent(r).events).filter((e) => e.id === 'connect-c-1-offered');
    expect(offers.length).toBeGreaterThan(1);
    expect(new Set(offers.map((e) => e.ts)).size).toBe(1);
    expect(incoming.EventId).toBeDefined();
  });

  it('holds are dated by the record: Connect keeps StateStartTimestamp at the connect time through a hold', () => {
    // As AWS documents AgentContactReference: "When AgentContactState is set to
    // CONNECTED_ONHOLD, StateStartTimestamp is not changed. Instead, StateStartTimestamp
    // reflects the time the contact was CONNECTED to the agent."
    const connected = byId('0005');
    const contact = connected.CurrentAgentSnapshot!.Contacts![0];
    const snap = (state: string) => ({ ...connected.CurrentAgentSnapshot!, Contacts: [{ ...contact, State: state }] });
    const record = (n: number, at: string, prev: string, cur: string): ConnectAgentEvent => ({
      ...connected, EventId: `hold-${n}`, EventTimestamp: at, PreviousAgentSnapshot: snap(prev), CurrentAgentSnapshot: snap(cur),
    });
    const m = createConnectMapper(options);
    const out = [
      record(1, '2026-11-28T01:02:00.250Z', 'CONNECTED', 'CONNECTED_ONHOLD'),
      record(2, '2026-11-28T01:02:30.500Z', 'CONNECTED_ONHOLD', 'CONNECTED'),
      record(3, '2026-11-28T01:02:40.750Z', 'CONNECTED', 'CONNECTED_ONHOLD'),
    ].flatMap((r) => m.mapAgentEvent(r).events);
    expect(out.map((e) => [e.type, new Date(e.ts).toISOString()])).toEqual([
      ['call.hold', '2026-11-28T01:02:00.250Z'], ['call.unhold', '2026-11-28T01:02:30.500Z'], ['call.hold', '2026-11-28T01:02:40.750Z'],
    ]);
    // Two holds on one call are two events, not one id twice.
    expect(new Set(out.map((e) => e.id)).size).toBe(3);
    expect(contact.StateStartTimestamp).toBe(contact.ConnectedToAgentTimestamp);
  });
});

