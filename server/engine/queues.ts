/**
 * Queue counters: what happened to the calls that entered each queue today. Only inbound
 * calls the feed announced with call.offered count; the figures derive from these.
 */
import type { IntervalFigures } from '../../shared/figures.js';
import { intervalOf } from './calendar.js';
import { touchQueue, type Ctx } from './context.js';
import type { CallRecord, QueueRecord } from './state.js';

export function getQueue(ctx: Ctx, queue: string): QueueRecord {
  let q = ctx.state.queues.get(queue);
  if (!q) {
    q = {
      queue,
      offered: 0,
      answered: 0,
      abandoned: 0,
      shortAbandoned: 0,
      abandonedInThreshold: 0,
      answeredInThreshold: 0,
      waitMsTotal: 0,
      handled: 0,
      handleMsTotal: 0,
      waiting: new Map(),
    };
    ctx.state.queues.set(queue, q);
  }
  return q;
}

/** The figures of the interval holding `at` (now unless said), made if new. */
function interval(ctx: Ctx, at = ctx.now): IntervalFigures {
  const start = intervalOf(at);
  let figures = ctx.state.intervals.get(start);
  if (!figures) {
    figures = {
      start, offered: 0, answered: 0, answeredInThreshold: 0, abandoned: 0, maxWaiting: 0,
      offeredAnswered: 0, offeredAnsweredInThreshold: 0, offeredAbandoned: 0,
    };
    ctx.state.intervals.set(start, figures);
  }
  return figures;
}

/**
 * The interval the call was offered in, for what became of the calls offered there; none
 * for a call offered before today (today's intervals only).
 */
function offeredIn(ctx: Ctx, call: CallRecord): IntervalFigures | undefined {
  return ctx.state.intervals.get(intervalOf(call.offeredAt));
}

function countsInQueue(call: CallRecord): boolean {
  return call.direction === 'inbound' && !call.implicit;
}

function noteWaiting(ctx: Ctx): void {
  let waiting = 0;
  for (const q of ctx.state.queues.values()) waiting += q.waiting.size;
  const i = interval(ctx);
  if (waiting > i.maxWaiting) i.maxWaiting = waiting;
}

export function callJoined(ctx: Ctx, call: CallRecord, firstTime: boolean): void {
  if (!countsInQueue(call)) return;
  const q = getQueue(ctx, call.queue);
  if (firstTime) {
    q.offered += 1;
    // In the interval it was offered in (a caller found waiting by a resync may have
    // joined in an earlier one of today), where what became of it is counted too.
    interval(ctx, call.offeredAt >= ctx.state.dayStart ? call.offeredAt : ctx.now).offered += 1;
  }
  q.waiting.set(call.callId, call.offeredAt);
  call.waiting = true;
  noteWaiting(ctx);
  touchQueue(ctx, q.queue);
}

/** The call stops waiting (answered or gone); the queue forgets it. */
function leave(ctx: Ctx, call: CallRecord): QueueRecord | undefined {
  if (!call.waiting) return undefined;
  call.waiting = false;
  const q = ctx.state.queues.get(call.queue);
  q?.waiting.delete(call.callId);
  if (q) touchQueue(ctx, q.queue);
  return q;
}

/** The call was answered; `firstAt`: when, if this is its first answer (only that one counts). */
export function callAnsweredInQueue(ctx: Ctx, call: CallRecord, firstAt: number | undefined): void {
  const q = leave(ctx, call);
  if (!q || !countsInQueue(call) || firstAt === undefined) return;
  const wait = firstAt - call.offeredAt;
  const within = wait <= ctx.state.rules.serviceLevel.thresholdSeconds * 1000;
  q.answered += 1;
  q.waitMsTotal += wait;
  const i = interval(ctx);
  i.answered += 1;
  if (within) {
    q.answeredInThreshold += 1;
    i.answeredInThreshold += 1;
  }
  const o = offeredIn(ctx, call);
  if (o) {
    o.offeredAnswered = (o.offeredAnswered ?? 0) + 1;
    if (within) o.offeredAnsweredInThreshold = (o.offeredAnsweredInThreshold ?? 0) + 1;
  }
}

/** The call ended unanswered: an abandon when the customer hung up. */
export function callLeftUnanswered(ctx: Ctx, call: CallRecord, abandoned: boolean): void {
  const q = leave(ctx, call);
  if (!q || !abandoned || !countsInQueue(call)) return;
  const wait = ctx.now - call.offeredAt;
  const sl = ctx.state.rules.serviceLevel;
  q.abandoned += 1;
  interval(ctx).abandoned += 1;
  const o = offeredIn(ctx, call);
  if (o) o.offeredAbandoned = (o.offeredAbandoned ?? 0) + 1;
  if (wait < sl.shortAbandonSeconds * 1000) q.shortAbandoned += 1;
  else if (wait <= sl.thresholdSeconds * 1000) q.abandonedInThreshold += 1;
}

export function callLeftQueueOtherwise(ctx: Ctx, call: CallRecord): void {
  leave(ctx, call);
}

/** An agent's part of a call is over: count it handled and add its talk time. */
export function legHandled(ctx: Ctx, call: CallRecord, talkMs: number): void {
  if (!countsInQueue(call)) return;
  const q = getQueue(ctx, call.queue);
  q.handled += 1;
  q.handleMsTotal += talkMs;
  touchQueue(ctx, q.queue);
}

export function afterCallWorkDone(ctx: Ctx, queue: string | undefined, acwMs: number): void {
  if (queue === undefined) return;
  const q = ctx.state.queues.get(queue);
  if (!q) return;
  q.handleMsTotal += acwMs;
  touchQueue(ctx, queue);
}
