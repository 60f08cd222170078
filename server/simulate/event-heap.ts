/**
 * The discrete-event simulation's agenda: a binary min-heap of actions keyed by (time,
 * insertion order). The insertion order breaks ties, so two actions due at the same
 * millisecond always run in the order they were scheduled, which keeps the output
 * deterministic. Only pending actions live here, so memory follows what is in flight
 * (about one entry per agent and per waiting call), never the length of the day.
 */
import { heapPop, heapPush } from '../engine/heap.js';

interface Entry<T> {
  at: number;
  seq: number;
  item: T;
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

export class EventHeap<T> {
  private readonly entries: Array<Entry<T>> = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  push(at: number, item: T): void {
    heapPush(this.entries, { at, seq: this.seq++, item }, before);
  }

  /** The earliest entry, removed; undefined when empty. */
  pop(): { at: number; item: T } | undefined {
    const top = heapPop(this.entries, before);
    return top === undefined ? undefined : { at: top.at, item: top.item };
  }
}
