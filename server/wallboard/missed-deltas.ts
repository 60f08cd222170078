/**
 * What one audience's slow screens missed. A screen that cannot keep up is held out of the
 * deltas until it has read what it has (backpressure.ts); then it is sent what it missed
 * as one delta (merge-deltas.ts), in which each agent that changed five times comes once:
 * per-screen coalescing, at the pace the screen reads. The deltas are kept only while a
 * screen of the audience is behind, and only up to about a snapshot's size: past that a
 * snapshot is the cheaper catch-up, and the screens get one instead.
 */
import type { ScreenDelta } from '../../shared/wallboard.js';
import { mergeScreenDeltas } from './merge-deltas.js';
import { screenDeltaBytes } from './screen.js';

export type CatchUp = { kind: 'delta'; delta: ScreenDelta } | { kind: 'nothing' } | { kind: 'snapshot' };

export class MissedDeltas {
  /** Screens of the audience now behind. */
  private behind = 0;
  /** The seq the first of them had been sent when it fell behind: the kept deltas follow it. */
  private from = 0;
  private deltas: ScreenDelta[] = [];
  private bytes = 0;
  /** Too much to send as one, or a break in the numbering: the catch-up is a snapshot. */
  private tooMuch = false;

  /** `maxBytes`: about the audience's snapshot size, past which the deltas are not kept. */
  constructor(private readonly maxBytes: () => number) {}

  /** True when a catch-up now would be a snapshot (backpressure weighs the backlog against one). */
  get catchUpIsSnapshot(): boolean {
    return this.behind > 0 && this.tooMuch;
  }

  /** A screen fell behind, having been sent every delta up to `seq`. */
  fell(seq: number): void {
    if (this.behind === 0) this.reset(seq);
    this.behind += 1;
  }

  /** A delta went to the audience (its screens that are behind skipped it). */
  sent(delta: ScreenDelta): void {
    if (this.behind === 0 || this.tooMuch) return;
    if (delta.newDay !== undefined) return this.giveUp();
    this.deltas.push(delta);
    this.bytes += screenDeltaBytes(delta);
    if (this.bytes > this.maxBytes()) this.giveUp();
  }

  /** The audience's numbering jumped (a floor replaced): what is kept cannot be sent as one. */
  broken(): void {
    if (this.behind > 0) this.giveUp();
  }

  /** A screen that was behind is gone. */
  left(): void {
    this.behind = Math.max(0, this.behind - 1);
    if (this.behind === 0) this.reset(0);
  }

  /**
   * `count` screens have read what they had, and the audience is at `seq`: what to send
   * them. The merged delta applies to each of them, however far behind it fell.
   */
  catchUp(count: number, seq: number): CatchUp {
    let result: CatchUp;
    if (this.tooMuch) result = { kind: 'snapshot' };
    else if (this.deltas.length === 0) result = { kind: 'nothing' };
    else {
      const merged = mergeScreenDeltas(this.deltas);
      result = merged === undefined ? { kind: 'snapshot' } : { kind: 'delta', delta: { ...merged, seq, after: this.from } };
    }
    this.behind = Math.max(0, this.behind - count);
    if (this.behind === 0) this.reset(0);
    return result;
  }

  private giveUp(): void {
    this.tooMuch = true;
    this.deltas = [];
    this.bytes = 0;
  }

  private reset(from: number): void {
    this.from = from;
    this.deltas = [];
    this.bytes = 0;
    this.tooMuch = false;
  }
}
