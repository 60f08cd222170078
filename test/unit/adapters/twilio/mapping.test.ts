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

  it('first seen at a reservation: offered at TaskDateCreated; a rejected ring is ignored; wrapup defaults to customer', () => {
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

  // Event callback form fields, as in the review's sample. `Task TTL Exceeded` is Twilio's
  // text for a task past its timeout (the Task resource's `timeout` in twilio-node/twilio-go);
  // `Task TTL Exceeded or Max assignment count exceeded` is seen in public handlers; `hangup`
  // is the caller's hang-up (TaskRouter's task.canceled in Event Streams' examples).
  const canceled = (reason: string) => Object.fromEntries(new URLSearchParams(
    `EventType=task.canceled&TaskSid=WT01&TaskAge=120&TaskCanceledReason=${encodeURIComponent(reason)}&TimestampMs=1795827720450&TaskAttributes={"call_sid":"CA01"}`,
  ));

  it('task.canceled by a TaskRouter timeout is the system\'s (no abandon); a hang-up stays the customer\'s', () => {
    const endOf = (reason: string) => createTaskRouterMapper(options).map(canceled(reason)).events.find((e) => e.type === 'call.ended');
    expect(endOf('Task TTL Exceeded')).toMatchObject({ id: 'tr-WT01-ended', releasedBy: 'system', cancelReason: 'Task TTL Exceeded', ts: 1795827720450 });
    expect(endOf('Task TTL Exceeded or Max assignment count exceeded')).toMatchObject({ releasedBy: 'system' });
    expect(endOf('Workflow Timeout')).toMatchObject({ releasedBy: 'system' });
    expect(endOf('hangup')).toMatchObject({ releasedBy: 'customer', cancelReason: 'hangup' });
    // On the floor: a timed-out task leaves the queue without counting as abandoned.
    const m = createTaskRouterMapper(options);
    const floor = [...m.map(canceled('Task TTL Exceeded')).events, ...m.map({ ...canceled('hangup'), TaskSid: 'WT02', TaskAttributes: '{"call_sid":"CA02"}' }).events];
    const report = replayEvents(floor.map((e) => floorEventSchema.parse(e)), defaultRulesConfig());
    expect(report.queues['twilio-default']).toMatchObject({ offered: 2, abandoned: 1 });
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

/** The floor takes a repeat by its id and its ts together (docs/events.md): an id sent twice must carry one ts. */
function tsById(es: FloorEventInput[]): Map<string, Set<unknown>> {
  const byId = new Map<string, Set<unknown>>();
  for (const e of es) byId.set(e.id, (byId.get(e.id) ?? new Set()).add(e.ts));
  return byId;
}

describe('TaskRouter events sent again (a restart, a late or re-sent callback)', () => {
  // Two callbacks of one task created at 09:01:00.5 (+08:00): TaskAge is whole seconds (2.4 s -> 2,
  // 119.8 s -> 119), so TimestampMs - TaskAge gives 09:01:00.9 and 09:01:01.3.
  // TaskDateCreated is epoch seconds in event callbacks (public handlers read it as
  // `new Date(TaskDateCreated * 1000)`).
  const task = { TaskSid: 'WT07', TaskQueueName: 'sales', TaskDateCreated: '1795827660', TaskAttributes: '{"call_sid":"CA07"}' };
  const ringing = { ...task, EventType: 'reservation.created', TimestampMs: '1795827662900', TaskAge: '2', WorkerName: '1001', ReservationSid: 'WR07' };
  const accepted = { ...ringing, EventType: 'reservation.accepted', TimestampMs: '1795827664000', TaskAge: '3' };
  const wrapup = { ...task, EventType: 'task.wrapup', TimestampMs: '1795827780300', TaskAge: '119' };
  const completed = { ...task, EventType: 'task.completed', TimestampMs: '1795827800000', TaskAge: '139', TaskCompletedReason: 'done' };

  it('call.offered has one ts whichever callback first sees the task: TaskDateCreated', () => {
    const before = createTaskRouterMapper(options).map(ringing).events;
    const after = createTaskRouterMapper(options).map(wrapup).events; // first seen after a restart
    expect(before[0]).toMatchObject({ type: 'call.offered', id: 'tr-WT07-offered', ts: 1795827660_000 });
    expect(after[0]).toMatchObject({ type: 'call.offered', id: 'tr-WT07-offered', ts: 1795827660_000 });
    // Epoch milliseconds and ISO 8601 (Event Streams' task_date_created) read the same.
    for (const created of ['1795827660000', '2026-11-28T09:01:00+08:00']) {
      expect(createTaskRouterMapper(options).map({ ...wrapup, TaskDateCreated: created }).events[0].ts).toBe(1795827660_000);
    }
    // Without it, back-dated by TaskAge as before.
    expect(createTaskRouterMapper(options).map({ ...wrapup, TaskDateCreated: '' }).events[0].ts).toBe(1795827661_300);
  });

  it('no id comes back with another ts: task.completed after a restart does not send tr-<TaskSid>-ended again', () => {
    const first = createTaskRouterMapper(options);
    const out = [ringing, accepted, wrapup].flatMap((p) => first.map(p).events);
    out.push(...createTaskRouterMapper(options).map(completed).events); // restarted during the wrap-up
    out.push(...createTaskRouterMapper(options).map(wrapup).events); // restarted, then the wrap-up re-sent
    for (const [id, ts] of tsById(out)) expect([id, ts.size]).toEqual([id, 1]);
    // Seen in one life, a task that skipped wrapping still ends at its completion.
    const skipped = createTaskRouterMapper(options);
    [ringing, accepted].forEach((p) => skipped.map(p));
    expect(skipped.map(completed).events[0]).toMatchObject({ type: 'call.ended', id: 'tr-WT07-ended-at-completion', ts: 1795827800000 });
  });
  it('restarted during the wrap-up: learnt from the log, task.completed ends nothing twice and keeps the agent', () => {
    const first = createTaskRouterMapper(options);
    const before = [ringing, accepted, wrapup].flatMap((p) => first.map(p).events);
    const restarted = createTaskRouterMapper(options);
    expect(restarted.callsToLearn(completed)).toEqual([before[0].callId]);
    expect(restarted.callsToLearn(events[0])).toEqual([]); // a worker's callback names no task
    restarted.learn(before.map((e) => floorEventSchema.parse(e)));
    expect(restarted.callsToLearn(completed)).toEqual([]);
    const after = restarted.map(completed).events;
    // No second end; the wrap-up goes to the agent who answered.
    expect(after.map((e) => e.type)).toEqual(['wrapup.completed']);
    expect(after[0]).toMatchObject({ agentId: (before.find((e) => e.type === 'call.answered') as { agentId: string }).agentId });
  });
});

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
