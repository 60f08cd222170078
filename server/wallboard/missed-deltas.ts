/**
 * What one audience's slow screens missed. A screen that cannot keep up is held out of the
 * deltas until it has read what it has (backpressure.ts); then it is sent what it missed
 * as one delta (merge-deltas.ts), in which each agent that changed five times comes once:
 * per-screen coalescing, at the pace the screen reads.
 *
 * Each screen's catch-up starts where that screen fell behind. Under overload screens of
 * one audience fall behind and catch up one after another, so some screen is nearly
 * always behind; when catch-ups started where the first of them fell, the kept deltas
 * only grew, passed a snapshot's size, and every catch-up became a snapshot (386 of them
 * in one 15 s bench run, each megabytes for every screen to decode).
 *
 * The deltas are kept while a screen of the audience is behind, up to a size (the
 * namespace's: four snapshots), oldest dropped first: a screen behind further than what
 * is kept, or across a new day or a break in the numbering, gets a snapshot.
 */
import type { ScreenDelta } from '../../shared/wallboard.js';
import { mergeScreenDeltas } from './merge-deltas.js';
import { screenDeltaBytes } from './screen.js';

export type CatchUp = { kind: 'delta'; delta: ScreenDelta } | { kind: 'nothing' } | { kind: 'snapshot' };

export class MissedDeltas {
  /** The seqs screens now behind had been sent when they fell behind, and how many at each. */
  private readonly fellAt = new Map<number, number>();
  /** The kept deltas, oldest first, with their sizes as JSON: every one after `from`. */
  private deltas: Array<{ delta: ScreenDelta; bytes: number }> = [];
  private bytes = 0;
  /** The seq the kept deltas follow: a screen that fell behind before it gets a snapshot. */
  private from = 0;

  /** `maxBytes`: how much to keep (as JSON), past which the oldest deltas are dropped. */
  constructor(private readonly maxBytes: () => number) {}

  /** A screen fell behind, having been sent every delta up to `seq`. */
  fell(seq: number): void {
    if (this.fellAt.size === 0) this.restart(seq);
    this.fellAt.set(seq, (this.fellAt.get(seq) ?? 0) + 1);
  }

  /** A delta went to the audience (its screens that are behind skipped it); `bytes`: its size as JSON, if known. */
  sent(delta: ScreenDelta, bytes = screenDeltaBytes(delta)): void {
    if (this.fellAt.size === 0) return;
    // No catch-up spans a new day: those behind before it get a snapshot.
    if (delta.newDay !== undefined) return this.restart(delta.seq);
    this.deltas.push({ delta, bytes });
    this.bytes += bytes;
    const max = this.maxBytes();
    while (this.bytes > max && this.deltas.length > 0) {
      const oldest = this.deltas.shift()!;
      this.bytes -= oldest.bytes;
      this.from = oldest.delta.seq;
    }
  }

  /** The audience's numbering jumped to `seq` (a floor replaced): no catch-up spans the jump. */
  broken(seq: number): void {
    if (this.fellAt.size > 0) this.restart(seq);
  }

  /** A screen that was behind since `fellAt` is gone. */
  left(fellAt: number): void {
    this.forget(fellAt);
    this.trim();
  }

  /**
   * Screens that fell behind at `fellAt` (one seq each) have read what they had, and the
   * audience is at `seq`: what to send them, all at once. The merged delta starts where
   * the earliest of them fell, and applies to each of them (a screen applies a catch-up
   * from any seq inside it).
   */
  catchUp(fellAt: readonly number[], seq: number): CatchUp {
    const start = Math.min(...fellAt);
    for (const at of fellAt) this.forget(at);
    let result: CatchUp;
    if (start < this.from) result = { kind: 'snapshot' };
    else {
      const missed = this.deltas.filter((d) => d.delta.seq > start).map((d) => d.delta);
      const merged = missed.length === 0 ? undefined : mergeScreenDeltas(missed);
      if (missed.length === 0) result = { kind: 'nothing' };
      else result = merged === undefined ? { kind: 'snapshot' } : { kind: 'delta', delta: { ...merged, seq, after: start } };
    }
    this.trim();
    return result;
  }

  private forget(fellAt: number): void {
    const count = this.fellAt.get(fellAt) ?? 0;
    if (count <= 1) this.fellAt.delete(fellAt);
    else this.fellAt.set(fellAt, count - 1);
  }

  /** Drops the deltas no screen still behind needs (all of them once nobody is behind). */
  private trim(): void {
    if (this.fellAt.size === 0) return this.restart(0);
    const earliest = Math.min(...this.fellAt.keys());
    while (this.deltas.length > 0 && this.deltas[0]!.delta.seq <= earliest) {
      const done = this.deltas.shift()!;
      this.bytes -= done.bytes;
      this.from = Math.max(this.from, done.delta.seq);
    }
  }

  private restart(from: number): void {
    this.from = from;
    this.deltas = [];
    this.bytes = 0;
  }
}
