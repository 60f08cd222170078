import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEventInput } from '../../../../shared/events.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { createTaskRouterMapper, type TaskRouterMappingOptions } from '../../../../server/adapters/twilio/mapping.js';
import { verifyTwilioSignature } from '../../../../server/adapters/twilio/signature.js';
import { replayEvents } from '../../../../server/replay/replay.js';

type Params = Record<string, string>;
const events = JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/twilio/taskrouter-events.json'), 'utf8')) as Params[];
const nth = (type: string, n = 0) => events.filter((e) => e.EventType === type)[n];
const options: TaskRouterMappingOptions = { activityReasons: { Break: 'break' } };
const T0 = 1795827600_000;

describe('verifyTwilioSignature', () => {
  const token = '12345';
  const url = 'https://floor.example.com/hooks/twilio/taskrouter?site=sg';
  const params = { EventType: 'task.created', TaskSid: 'WT01', Timestamp: '1795827600', AccountSid: 'AC1' };
  // Computed here from the documented recipe, independently of the code under test.
  const data = url + 'AccountSid' + 'AC1' + 'EventType' + 'task.created' + 'TaskSid' + 'WT01' + 'Timestamp' + '1795827600';
  const good = createHmac('sha1', token).update(data).digest('base64');

  it('accepts the known-good vector', () => {
    expect(verifyTwilioSignature(token, url, params, good)).toBe(true);
  });
  it('rejects a tampered param, a wrong URL, a wrong token, a missing or garbled header', () => {
    expect(verifyTwilioSignature(token, url, { ...params, TaskSid: 'WT02' }, good)).toBe(false);
    expect(verifyTwilioSignature(token, url, { ...params, Extra: '1' }, good)).toBe(false);
    expect(verifyTwilioSignature(token, url.replace('site=sg', 'site=hk'), params, good)).toBe(false);
    expect(verifyTwilioSignature(token, 'http://floor.example.com/hooks/twilio/taskrouter?site=sg', params, good)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, good)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, 'short')).toBe(false);
    expect(verifyTwilioSignature('', url, params, good)).toBe(false);
  });
});

describe('TaskRouter events', () => {
  it('worker.activity.update: Available logs in and is available, other names map to reasons, Offline logs out', () => {
    const m = createTaskRouterMapper(options);
    expect(m.map(events[0]).events).toEqual([
      expect.objectContaining({ type: 'agent.login', agentId: '1001', stationId: 'twilio-1001', ts: T0, source: 'twilio-taskrouter' }),
      expect.objectContaining({ type: 'agent.state', agentId: '1001', state: 'available' }),
    ]);
    const brk = m.map(nth('worker.activity.update', 2)).events;
    expect(brk).toEqual([expect.objectContaining({ type: 'agent.state', agentId: '1002', state: 'not_ready', reason: 'break' })]);
    expect(m.map({ ...nth('worker.activity.update', 2), WorkerActivityName: 'Training room', Sid: 'EVx' }).events)
      .toEqual([expect.objectContaining({ state: 'not_ready', reason: 'other' })]);
    expect(m.map(nth('worker.activity.update', 3)).events).toEqual([expect.objectContaining({ type: 'agent.logout', agentId: '1001', stationId: 'twilio-1001' })]);
  });

  it('agent id from contact_uri or another attribute when configured', () => {
    expect(createTaskRouterMapper({ agentIdFrom: 'contact_uri' }).map({ ...events[0], WorkerName: 'Alice Tan' }).events[0]).toMatchObject({ agentId: '1001' });
    const custom = createTaskRouterMapper({ agentIdFrom: { attribute: 'agent_no' } })
      .map({ ...events[0], WorkerAttributes: '{"agent_no":"A-7"}' });
    expect(custom.events[0]).toMatchObject({ agentId: 'A-7' });
  });

  it('a task: offered when first seen (queue, call_sid, from), ringing, answered, ended by the attribute, wrap-up', () => {
    const m = createTaskRouterMapper(options);
    expect(m.map(nth('task.created'))).toMatchObject({ outcome: 'ignored' });
    expect(m.map(nth('task-queue.entered')).events).toEqual([expect.objectContaining({
      type: 'call.offered', id: 'tr-WT01-offered', callId: 'CA0000000000000000000000000000001', queue: 'sales', direction: 'inbound', from: '+8613812345678', ts: T0 + 60_000,
    })]);
    expect(m.map(nth('reservation.created')).events).toEqual([expect.objectContaining({ type: 'call.ringing', agentId: '1001', ts: T0 + 62_000 })]);
    expect(m.map(nth('reservation.accepted')).events).toEqual([expect.objectContaining({ type: 'call.answered', agentId: '1001', id: 'tr-WT01-answered' })]);
    expect(m.map(nth('task.wrapup')).events).toEqual([expect.objectContaining({ type: 'call.ended', releasedBy: 'agent', ts: T0 + 180_000 })]);
    expect(m.map(nth('task.completed')).events).toEqual([expect.objectContaining({ type: 'wrapup.completed', agentId: '1001', callType: 'billing', notes: 'refund explained' })]);
  });

  it('first seen at a reservation: offered back-dated by TaskAge; a rejected ring is ignored; wrapup defaults to customer', () => {
    const m = createTaskRouterMapper(options);
    expect(m.map(nth('reservation.created', 1)).events).toEqual([
      expect.objectContaining({ type: 'call.offered', ts: T0 + 297_000 }),
      expect.objectContaining({ type: 'call.ringing', agentId: '1002' }),
    ]);
    expect(m.map(nth('reservation.rejected'))).toMatchObject({ outcome: 'ignored' });
    expect(m.map({ ...nth('reservation.rejected'), EventType: 'reservation.timeout' })).toMatchObject({ outcome: 'ignored' });
    expect(types(m.map(nth('reservation.created', 2)).events)).toEqual(['call.ringing']);
    m.map(nth('reservation.accepted', 1));
    expect(m.map(nth('task.wrapup', 1)).events).toEqual([expect.objectContaining({ type: 'call.ended', releasedBy: 'customer' })]);
  });

  it('task.canceled before an answer: ended by the customer (an abandon)', () => {
    const m = createTaskRouterMapper(options);
    m.map(nth('task-queue.entered', 1));
    expect(m.map(nth('task.canceled')).events).toEqual([expect.objectContaining({ type: 'call.ended', releasedBy: 'customer', ts: T0 + 540_000 })]);
  });

  it('unknown events are ignored, unreadable ones fail; counters add up', () => {
    const m = createTaskRouterMapper(options);
    expect(m.map(nth('task.updated'))).toMatchObject({ outcome: 'ignored' });
    expect(m.map({ EventType: 'reservation.created', Timestamp: 'soon' })).toMatchObject({ outcome: 'failed' });
    expect(m.map({ Timestamp: '1' })).toMatchObject({ outcome: 'failed' });
    expect(m.map({ ...nth('reservation.created'), WorkerName: '' })).toMatchObject({ outcome: 'failed', reason: expect.stringContaining('agent id') });
    expect(m.counters()).toMatchObject({ read: 4, mapped: 0, ignored: 1, failed: 3 });
  });
});

const types = (es: { type: string }[]) => es.map((e) => e.type);

describe('TaskRouter end to end through replay', () => {
  it('queue figures and the agent who hung up first', () => {
    const m = createTaskRouterMapper(options);
    const out: FloorEventInput[] = [];
    for (const e of events) out.push(...m.map(e).events);
    // Twilio retries a callback it got no answer for: the same ids again.
    for (const e of events.slice(3, 7)) out.push(...createTaskRouterMapper(options).map(e).events);
    const report = replayEvents(out.map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.queues.sales).toMatchObject({ offered: 3, answered: 2, abandoned: 1 });
    expect(report.alerts.map((a) => [a.rule, a.agentId])).toEqual([['no-hangup-first', '1001']]);
    expect(report.agents['1002']).toMatchObject({ state: 'not_ready', reason: 'break' });
    expect(m.counters()).toMatchObject({ read: events.length, mapped: 16, ignored: 3, failed: 0 });
  });
});
