/**
 * When the floor's snapshot is due, who writes it, and what goes once it is written.
 *
 * Due after `snapshotEveryEntries` entries or `snapshotEveryMs`, whichever first. Without
 * a taker the floor writes its own state, here, on its event loop: cheap for a small
 * floor, seconds for a big one. With a taker (snapshot-worker.ts) it only asks the taker
 * and goes on (a floor writing its own, up to a second each on a big floor, missed the
 * overload bench's latency target). A forced snapshot (shutdown) is always written here,
 * and so is a small floor's (`snapshotHereUpToAgents`: cheaper than the taker's replay).
 * A small floor's own snapshot due while inputs wait behind it waits until the floor has
 * spent OWN_SNAPSHOT_SPACING times what its last one took on other work (or
 * `snapshotPostponeEntries` entries have gone by): taking events at full speed, a
 * 1,000-agent floor's snapshot every 200,000 entries was a seventh of its thread.
 * One at a time: the store has one writer.
 */
import type { Storage } from '../storage/types.js';
import type { Clock, SnapshotTaker } from './options.js';

/**
 * Under load, a small floor's own snapshots take at most about 1/(1 + this) of its thread:
 * a snapshot that took 300 ms is followed by the next no sooner than 3 s after it.
 */
export const OWN_SNAPSHOT_SPACING = 10;

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
  /** When the floor's own last snapshot was written, and how long it took (the floor's clock). */
  private ownDoneAt = 0;
  private ownTookMs = 0;

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
    // Due, but inputs are waiting behind this one: later, unless it has waited long enough
    // (snapshotPostponeEntries). Without a taker, until the queue is empty. A small floor's
    // beside a taker has a short pause, so it waits only as long as its cost asks: putting
    // it off lengthens the replay after a crash, but one every snapshotEveryEntries at full
    // speed adds up.
    const behind = !force && this.source.waiting > 0 && this.entriesSince < (this.opts.snapshotPostponeEntries ?? 0);
    if (behind && (!this.taker || now - this.ownDoneAt < OWN_SNAPSHOT_SPACING * this.ownTookMs)) return;
    await this.job;
    const { seq, text } = this.source.snapshotText();
    await this.opts.storage.snapshots.save({ seq, takenAt: now, state: text });
    this.ownDoneAt = this.opts.clock.now();
    this.ownTookMs = this.ownDoneAt - now;
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
