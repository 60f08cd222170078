/**
 * The reorder buffer. Feeds deliver events late and out of order by a few seconds, so an
 * event is held until the watermark (now - window) passes its moment, and events are
 * released in moment order: the order the engine would have seen had the feed been
 * perfect. Events of the same moment go in the order they arrived (their place in the
 * log): a feed that stamps whole seconds sends a logout and the login after it, or a meal
 * and the return from it, in the second they both happened, and the order it sent them in
 * is the only thing that tells which came first. Ordering such ties by event type (as
 * this buffer once did) put a re-login before its logout, leaving the agent logged out,
 * and a move to another seat before leaving the first, which read as one agent number at
 * two seats (art. 100, critical).
 *
 * An event's moment is max(ts, receivedAt - window): one that arrives later than the
 * window allows is applied at the watermark instead of rewriting the past. Its moment is
 * a pure function of what the log records, so replay after a crash releases exactly the
 * same sequence.
 */
import type { FloorEvent, FloorEventType } from '../../shared/events.js';
import { heapPop, heapPush } from '../engine/heap.js';

/**
 * For events of the same moment that arrived together with no order of their own (a
 * snapshot's buffer written before arrival order was kept): the order in which they can
 * happen. Then the id.
 */
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
  /**
   * The order of arrival: the log entry's seq (a replay's or a timeline's position in its
   * list). Absent in a buffer a snapshot kept from before it was recorded: those events
   * arrived before any that has it.
   */
  seq?: number;
  rank: number;
  event: FloorEvent;
}

function before(a: PendingEvent, b: PendingEvent): boolean {
  if (a.at !== b.at) return a.at < b.at;
  const aSeq = a.seq ?? 0;
  const bSeq = b.seq ?? 0;
  if (aSeq !== bSeq) return aSeq < bSeq;
  if (a.rank !== b.rank) return a.rank < b.rank;
  return a.event.id < b.event.id;
}

export function momentOf(event: FloorEvent, receivedAt: number, windowMs: number): number {
  return Math.max(event.ts, receivedAt - windowMs);
}

export class Sequencer {
  constructor(private heap: PendingEvent[] = []) {}

  /** `seq`: the event's place in the order of arrival (the log's seq), which breaks ties of moment. */
  add(event: FloorEvent, receivedAt: number, windowMs: number, seq: number): void {
    heapPush(this.heap, { at: momentOf(event, receivedAt, windowMs), seq, rank: CAUSAL_RANK[event.type], event }, before);
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
