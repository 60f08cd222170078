/**
 * When the floor's snapshot is due, who writes it, and what goes once it is written.
 *
 * Due after `snapshotEveryEntries` entries or `snapshotEveryMs`, whichever first. Without
 * a taker the floor writes its own state, here, on its event loop: cheap for a small
 * floor, seconds for a big one. With a taker (snapshot-worker.ts) it only asks the taker
 * and goes on (a floor writing its own, up to a second each on a big floor, missed the
 * overload bench's latency target). A forced snapshot (shutdown) is always written here,
 * and so is a small floor's (`snapshotHereUpToAgents`: cheaper than the taker's replay).
 * One at a time: the store has one writer.
 */
import type { Storage } from '../storage/types.js';
import type { Clock, SnapshotTaker } from './options.js';

export interface SnapshotKeeperOptions {
  storage: Storage;
  clock: Clock;
  snapshotEveryEntries: number;
  snapshotEveryMs: number;
  retentionMs: number;
  snapshotPostponeEntries?: number;
  snapshotTaker?: SnapshotTaker;
  snapshotHereUpToAgents?: number;
  onError?: (err: unknown) => void;
}

/** What the keeper reads off the floor. */
export interface SnapshotSource {
  /** The state as a snapshot holds it, and the last log seq it includes. */
  snapshotText(): { seq: number; text: string };
  readonly lastSeq: number;
  /** Inputs waiting behind the one being applied. */
  readonly waiting: number;
  /** Agents the floor knows (what a snapshot's size grows with). */
  readonly agents: number;
}

export class SnapshotKeeper {
  private entriesSince = 0;
  private lastAt: number;
  /** The snapshot the taker is writing now; unset when none. */
  private job: Promise<void> | undefined;
  /** Cleared when the taker fails: the floor then writes its snapshots itself. */
  private taker: SnapshotTaker | undefined;
  /** When the taker's last snapshot was written, and how long it took (the floor's clock). */
  private takerDoneAt = 0;
  private takerTookMs = 0;

  constructor(private readonly opts: SnapshotKeeperOptions, private readonly source: SnapshotSource) {
    this.lastAt = opts.clock.now();
    this.taker = opts.snapshotTaker;
  }

  /** Counts applied log entries towards the next snapshot. */
  counted(entries: number): void {
    this.entriesSince += entries;
  }

  /** The time the next one is due by starts now (the floor has just been rebuilt). */
  restartClock(): void {
    this.lastAt = this.opts.clock.now();
  }

  /**
   * After an input: a snapshot if one is due. `force`: now, whatever is due (still not
   * when nothing was applied since the last, unless `evenUnchanged`).
   */
  async maybe(force = false, evenUnchanged = false): Promise<void> {
    const now = this.opts.clock.now();
    if (this.entriesSince === 0 && !evenUnchanged) return;
    if (!force && this.entriesSince < this.opts.snapshotEveryEntries && now - this.lastAt < this.opts.snapshotEveryMs) return;
    if (!force && this.taker && this.source.agents > (this.opts.snapshotHereUpToAgents ?? 0)) {
      this.startTaker(now);
      return;
    }
    // Due, but inputs are waiting behind this one: later, unless it has waited long enough.
    // Not a small floor's beside a taker: its pause is short, and putting it off would
    // lengthen the replay after a crash.
    if (!force && !this.taker && this.source.waiting > 0 && this.entriesSince < (this.opts.snapshotPostponeEntries ?? 0)) return;
    await this.job;
    const { seq, text } = this.source.snapshotText();
    await this.opts.storage.snapshots.save({ seq, takenAt: now, state: text });
    this.entriesSince = 0;
    this.lastAt = now;
    await this.afterSnapshot(seq, now);
  }

  /** Settles when the snapshot the taker is writing (if any) is written. */
  written(): Promise<void> {
    return this.job ?? Promise.resolve();
  }

  /**
   * Hands the due snapshot to the taker, which brings its own copy of the floor to this
   * seq or later and writes it. While it works, and for as long again after it, a due one
   * waits (for the next input after that).
   */
  private startTaker(now: number): void {
    if (this.job || !this.taker) return;
    // A snapshot due by time alone takes at most half of the other core; one due by the
    // entries since the last goes at once (a crash would replay them all).
    if (now - this.takerDoneAt < this.takerTookMs && this.entriesSince < this.opts.snapshotEveryEntries) return;
    const taker = this.taker;
    this.entriesSince = 0;
    this.lastAt = now;
    this.job = taker.take(this.source.lastSeq).then(
      (seq) => {
        this.takerDoneAt = this.opts.clock.now();
        this.takerTookMs = this.takerDoneAt - now;
        return this.afterSnapshot(seq, this.takerDoneAt);
      },
      (err: unknown) => {
        // Nothing is lost: the next snapshot is written by the floor, as without a taker.
        this.taker = undefined;
        this.opts.onError?.(new Error('snapshots: the taker failed; the floor writes them itself from now on', { cause: err }));
      },
    ).catch((err: unknown) => this.opts.onError?.(err)).finally(() => {
      this.job = undefined;
    });
  }

  /** Keeps the newest snapshots and the log from the oldest of them; drops old resolved alerts. */
  private async afterSnapshot(seq: number, now: number): Promise<void> {
    await this.opts.storage.snapshots.prune(3);
    const cutoff = now - this.opts.retentionMs;
    await this.opts.storage.log.prune(cutoff, seq);
    await this.opts.storage.alerts.prune(cutoff);
  }
}
