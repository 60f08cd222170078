/**
 * The reorder buffer. Feeds deliver events late and out of order by a few seconds, so an
 * event is held until the watermark (now - window) passes its moment, and events are
 * released in (moment, causal rank, id) order: the order the engine would have seen had
 * the feed been perfect.
 *
 * An event's moment is max(ts, receivedAt - window): one that arrives later than the
 * window allows is applied at the watermark instead of rewriting the past. Its moment is
 * a pure function of what the log records, so replay after a crash releases exactly the
 * same sequence.
 */
import type { FloorEvent, FloorEventType } from '../../shared/events.js';
import { heapPop, heapPush } from '../engine/heap.js';

/** For events with the same timestamp: the order in which they can happen. */
const CAUSAL_RANK: Record<FloorEventType, number> = {
  'agent.login': 0,
  'agent.state': 1,
  'meeting.started': 2,
  'call.offered': 3,
  'call.ringing': 4,
  'call.answered': 5,
  'transcript.utterance': 6,
  'call.hold': 7,
  'call.unhold': 8,
  'call.transferred': 9,
  'call.ended': 10,
  'wrapup.completed': 11,
  'callback.completed': 12,
  'urgent.reported': 13,
  'agent.logout': 14,
};

export interface PendingEvent {
  at: number;
  rank: number;
  event: FloorEvent;
}

function before(a: PendingEvent, b: PendingEvent): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.event.id < b.event.id;
}

export function momentOf(event: FloorEvent, receivedAt: number, windowMs: number): number {
  return Math.max(event.ts, receivedAt - windowMs);
}

export class Sequencer {
  constructor(private heap: PendingEvent[] = []) {}

  add(event: FloorEvent, receivedAt: number, windowMs: number): void {
    heapPush(this.heap, { at: momentOf(event, receivedAt, windowMs), rank: CAUSAL_RANK[event.type], event }, before);
  }

  /** The next event due at or before `until`, removed from the buffer. */
  takeDue(until: number): PendingEvent | undefined {
    const top = this.heap[0];
    if (!top || top.at > until) return undefined;
    return heapPop(this.heap, before);
  }

  get size(): number {
    return this.heap.length;
  }

  /** The buffer's content, for snapshots (heap order, which `new Sequencer(list)` accepts). */
  toJSON(): PendingEvent[] {
    return this.heap;
  }
}
