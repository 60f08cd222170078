/**
 * The ACD's two lines: callers waiting for an agent (per queue, VIP served first, then
 * the longest-waiting caller) and agents waiting for a call (longest idle first, the
 * usual fairness rule). Both are FIFOs with lazy deletion: an abandoned caller or an agent
 * who left idle is skipped when reached, so removal is O(1) and nothing is searched.
 */
import { PRIORITY_QUEUE } from './demand.js';

/** A FIFO with a moving head; compacts itself once the dead prefix dominates. */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  /** The first item `live` accepts; dead items in front are dropped on the way. */
  peek(live: (item: T) => boolean): T | undefined {
    while (this.head < this.items.length) {
      const item = this.items[this.head];
      if (live(item)) return item;
      this.head += 1;
    }
    this.compact();
    return undefined;
  }

  shift(live: (item: T) => boolean): T | undefined {
    const item = this.peek(live);
    if (item !== undefined) {
      this.head += 1;
      this.compact();
    }
    return item;
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

export interface Waiter {
  queue: string;
  offeredAt: number;
  state: 'queued' | 'ringing' | 'connected' | 'abandoned';
}

const queued = (w: Waiter): boolean => w.state === 'queued';

export class CallerLine<W extends Waiter> {
  private readonly byQueue = new Map<string, Fifo<W>>();
  /** Callers still queued (not yet rung, not abandoned). */
  count = 0;

  add(call: W): void {
    let fifo = this.byQueue.get(call.queue);
    if (!fifo) {
      fifo = new Fifo<W>();
      this.byQueue.set(call.queue, fifo);
    }
    fifo.push(call);
    this.count += 1;
  }

  /** The caller hung up while queued. */
  abandon(call: W): void {
    call.state = 'abandoned';
    this.count -= 1;
  }

  /** The next caller to serve, taken off the line (its state is the caller's to set). */
  take(): W | undefined {
    if (this.count === 0) return undefined;
    let best: { fifo: Fifo<W>; call: W } | undefined;
    for (const [queue, fifo] of this.byQueue) {
      const call = fifo.peek(queued);
      if (!call) continue;
      if (queue === PRIORITY_QUEUE) {
        best = { fifo, call };
        break;
      }
      if (!best || call.offeredAt < best.call.offeredAt) best = { fifo, call };
    }
    if (!best) return undefined;
    best.fifo.shift(queued);
    this.count -= 1;
    return best.call;
  }
}
