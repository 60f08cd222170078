/**
 * What an audience's screens were sent lately, by seq and size on the wire: with the seq a
 * screen says it has read (`read`, shared/wallboard.ts), how much it has not read yet.
 *
 * Why screens say what they read: the server sees only what waits in its own write queue.
 * Once written, a frame waits in the kernel's socket buffers and in the screen's, several
 * megabytes on a fast link, and a screen that reads slowly (a busy TV, a starved browser)
 * holds seconds of frames there that the server cannot see: every alert behind them
 * arrives seconds late. Counting from what the screen has read sees all of it.
 */

/** Frames remembered per audience: a screen further behind than this counts as far behind. */
const KEEP = 256;

export class SentLog {
  /** The last KEEP frames' seqs and the bytes sent up to and including each (a running total). */
  private readonly seqs: number[] = [];
  private readonly totals: number[] = [];
  private total = 0;
  /** The newest frame no longer kept, and the running total up to it (nothing dropped yet: none, 0). */
  private droppedSeq = Number.NEGATIVE_INFINITY;
  private droppedTotal = 0;

  /** A frame numbered `seq` went out, `bytes` on the wire. */
  sent(seq: number, bytes: number): void {
    this.total += bytes;
    this.seqs.push(seq);
    this.totals.push(this.total);
    if (this.seqs.length > KEEP) {
      this.droppedSeq = this.seqs.shift()!;
      this.droppedTotal = this.totals.shift()!;
    }
  }

  /**
   * Bytes of the frames after `seq` but the newest: what a screen that has read up to
   * `seq` had not read yet when the newest was sent (which no screen can have read yet).
   * Infinity when `seq` is older than what is remembered.
   */
  unreadBefore(seq: number): number {
    const n = this.seqs.length;
    if (n < 2) return 0;
    return Math.max(0, this.totals[n - 2]! - this.totalAt(seq));
  }

  /** Bytes of the frames after `seq` (the newest too); Infinity when `seq` is older than what is remembered. */
  bytesAfter(seq: number): number {
    return this.total - this.totalAt(seq);
  }

  /** Bytes of the frames after `from` up to and including `to`; Infinity when `from` is older than what is remembered. */
  bytesBetween(from: number, to: number): number {
    return to <= from ? 0 : this.totalAt(to) - this.totalAt(from);
  }

  /** The running total up to the last frame at or before `seq` (-Infinity when that is no longer known). */
  private totalAt(seq: number): number {
    // Newest first: a screen that keeps up has read all but the last frame or two.
    for (let i = this.seqs.length - 1; i >= 0; i--) {
      if (this.seqs[i]! <= seq) return this.totals[i]!;
    }
    return seq >= this.droppedSeq ? this.droppedTotal : Number.NEGATIVE_INFINITY;
  }
}
