/**
 * How fast the floor applies ingested events, measured from the batches themselves: the
 * floor takes batches one at a time in the order they were handed to it, so a batch's
 * service began when it was handed over or when the batch before it finished, whichever
 * was later. Events over service time, across the last few batches, is the rate the floor
 * can do now (with its current screens, rules and storage), not the rate feeds happen to
 * send at: a quiet floor's rate is not mistaken for a slow one.
 */

/** Batches the rate is taken over: enough to smooth one slow batch, few enough to follow a change. */
const WINDOW = 8;

export class ServiceRate {
  private lastDone = Number.NEGATIVE_INFINITY;
  private readonly samples: Array<{ events: number; ms: number }> = [];

  constructor(private readonly now: () => number) {}

  /** Call when a batch is handed to the floor; pass the result to `completed`. */
  submitted(): number {
    return this.now();
  }

  completed(submittedAt: number, events: number): void {
    const done = this.now();
    const began = Math.max(submittedAt, this.lastDone);
    this.lastDone = done;
    this.samples.push({ events, ms: Math.max(0, done - began) });
    if (this.samples.length > WINDOW) this.samples.shift();
  }

  /** Events per ms of service, or undefined before any batch took measurable time. */
  eventsPerMs(): number | undefined {
    let events = 0;
    let ms = 0;
    for (const s of this.samples) {
      events += s.events;
      ms += s.ms;
    }
    return ms > 0 ? events / ms : undefined;
  }
}
