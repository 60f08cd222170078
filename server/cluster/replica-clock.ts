/**
 * A replica's clock: the owner's engine time (plus the reorder window), as the owner last
 * announced it, never the local wall clock. A replica's engine may only go as far as the
 * owner's went: the owner stamps every later input after that time, so both release the
 * same events in the same order. When no owner is speaking, the replica's time stands
 * still, and its wallboards say "no data since ..." as they should.
 */
import type { Clock } from '../floor/floor.js';

export class ReplicaClock implements Clock {
  constructor(private time: number) {}

  now = (): number => this.time;

  /** Forward only: a late or repeated announcement changes nothing. */
  advanceTo(time: number): void {
    if (time > this.time) this.time = time;
  }

  /** For a replica opened again (its engine starts where storage says). */
  reset(time: number): void {
    this.time = time;
  }
}
