/**
 * Batches waiting for room on a busy floor, their bodies not yet read. Refused at once
 * (503), a feed waits out its Retry-After, a second, and a floor that drains its queue in
 * less sits idle meanwhile: 13% of the floor's thread in the ingest bench's profile, whose
 * feed retried after only 100 ms. So a batch that finds the floor busy waits here, for up
 * to a bound, and goes in as soon as it fits; only a batch that still does not fit then
 * is refused. While it waits its body stays in the connection (the socket pushes back on
 * the sender), so a waiting batch costs the server nothing but the connection.
 *
 * First come, first in: a batch never overtakes one waiting before it, except a small one
 * (an urgent event's, held to the hard cap only: ingest-service.ts), which goes past the big
 * ones waiting if it fits, so alerts never queue behind a bulk load. Each batch let in
 * holds room for its estimated events until the floor counts it as waiting (ingestBatch),
 * so batches let in together cannot overfill the queue while their bodies are read and
 * parsed.
 */

/** Room held for one batch: released once the batch counts as waiting, or when its request ends. */
export interface Room {
  /** The events it holds room for (0 once released). */
  readonly held: number;
  /** Gives the room back (again is a no-op). */
  release(): void;
}

/** How often waiting batches are looked at even when no batch finished (the loop's lag and the measured rate change too). */
const RECHECK_MS = 50;

interface Waiter {
  events: number;
  fits: () => boolean;
  admit: (room: Room) => void;
}

export class RoomQueue {
  private reserved = 0;
  private readonly waiters: Waiter[] = [];
  private recheck: ReturnType<typeof setInterval> | undefined;

  /** Events held by rooms given and not released. */
  get held(): number {
    return this.reserved;
  }

  /** Batches waiting. */
  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Room for `events` (an estimate) as soon as `fits()` says so, or undefined once
   * `waitMs` has passed without it (at once when `waitMs` is 0). `overtake`: taken at once
   * if it fits, even while others wait.
   */
  take(events: number, fits: () => boolean, waitMs: number, overtake = false): Promise<Room | undefined> {
    if ((overtake || this.waiters.length === 0) && fits()) return Promise.resolve(this.give(events));
    if (waitMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(undefined);
        // The one that gave up may have been what held those behind it back.
        this.wake();
      }, waitMs);
      const waiter: Waiter = {
        events,
        fits,
        admit: (room) => {
          clearTimeout(timer);
          resolve(room);
        },
      };
      this.waiters.push(waiter);
      this.recheck ??= setInterval(() => this.wake(), RECHECK_MS);
    });
  }

  /** Lets in, in order, the waiting batches that fit now: call when room may have been freed. */
  wake(): void {
    while (this.waiters.length > 0 && this.waiters[0]!.fits()) {
      const waiter = this.waiters.shift()!;
      waiter.admit(this.give(waiter.events));
    }
    if (this.waiters.length === 0 && this.recheck !== undefined) {
      clearInterval(this.recheck);
      this.recheck = undefined;
    }
  }

  private give(events: number): Room {
    this.reserved += events;
    let held = events;
    return {
      get held() {
        return held;
      },
      release: () => {
        if (held === 0) return;
        this.reserved -= held;
        held = 0;
        this.wake();
      },
    };
  }
}
