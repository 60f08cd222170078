/**
 * queue_log stamps whole seconds, and the engine orders events by timestamp (then by a
 * causal rank that does not know the file). To keep the file's order, the events of one
 * second get increasing millisecond offsets: 09:00:03.000, .001, .002 ...
 *
 * Time that goes backwards (a clock step, two logs concatenated) is kept as written: the
 * file's order cannot be forced on events a whole second or more apart without lying
 * about when they happened.
 */
export class FileOrderClock {
  private last = Number.NEGATIVE_INFINITY;

  /** The timestamp for the next event whose source time is `baseMs`. */
  next(baseMs: number): number {
    let ts = baseMs;
    const second = Math.floor(baseMs / 1000);
    if (baseMs <= this.last && Math.floor(this.last / 1000) === second) {
      // Past .999 the rest of the second shares it; rank and id order them then.
      ts = Math.min(this.last + 1, second * 1000 + 999);
    }
    this.last = Math.max(this.last, ts);
    return ts;
  }
}
