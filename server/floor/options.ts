/**
 * How a floor is configured, and what its snapshots hold. Kept beside floor.ts, which
 * re-exports the public part.
 */
import type { RulesConfig } from '../../shared/rules-config.js';
import type { Storage } from '../storage/types.js';
import type { PendingEvent } from './sequencer.js';

export interface Clock {
  now(): number;
}

export interface FloorOptions {
  storage: Storage;
  clock: Clock;
  /** The rules to use when the log holds none yet (a later rules change in the log wins). */
  rules: RulesConfig;
  /** How late an event may arrive and still be applied in timestamp order. */
  reorderWindowMs?: number;
  /** Events stamped further ahead of the server's clock than this are refused (a feed's clock is wrong). */
  maxFutureMs?: number;
  /** Event batches of at most this many events go before the bulk waiting (input-queue.ts). */
  urgentBatchEvents?: number;
  /** Bigger event batches are logged and applied this many events at a time (Floor.ingest). */
  ingestSliceEvents?: number;
  /** A snapshot after this many log entries or this much time, whichever first. */
  snapshotEveryEntries?: number;
  snapshotEveryMs?: number;
  /** Log entries and resolved alerts older than this are pruned (with snapshots). */
  retentionMs?: number;
  demo?: boolean;
  /** For unique ids of commands (defaults to crypto.randomUUID). */
  newId?: () => string;
  onError?: (err: unknown) => void;
  /**
   * A replica (cluster mode, server/cluster): it applies the log another process writes
   * (`follow`) and writes nothing itself: no inputs, no alerts, no snapshots.
   */
  follower?: boolean;
  /** Recorded in each snapshot beside the state (cluster mode: the fencing token and stream position). */
  snapshotTag?: () => Record<string, unknown>;
  /**
   * Under load, status deltas (agents, queues) go out less often so that sending them
   * never takes more than about a quarter of the process: the wait before the next one is
   * at least `statusBackoff` times what sending the last one cost (measured in real time,
   * so only the cadence depends on the machine, never the content). Alerts never wait:
   * they go out at once, alone if the status is not due. Off (0) by default: the server
   * turns it on; tests keep the fixed 200 ms cadence of their fake clock.
   */
  statusBackoff?: number;
  /**
   * How long an urgent delta (a new or changed alert) may wait for the inputs queued behind
   * the one that raised it, so that a burst of alerts goes out as one delta: one write per
   * screen instead of one per input, which is what keeps a burst from queueing behind
   * thousands of socket writes. It never waits longer than this (measured on the floor's
   * clock), and not at all when nothing is queued. 0 (the default): sent after each input.
   */
  urgentCoalesceMs?: number;
  /**
   * Awaited before each input (serve: one turn of the event loop, `setImmediate`). Inputs
   * are applied synchronously as far as the event loop can tell (SQLite answers at once),
   * so a queue of batches would otherwise run back to back without letting in a single
   * request: under overload even the 503 that says "busy" would wait for all of them.
   */
  yieldBetweenInputs?: () => Promise<void>;
  /**
   * While inputs are queued behind the one being applied (the floor is behind), a due
   * snapshot waits for a quiet moment, up to this many entries since the last one: on a big
   * floor a snapshot holds the event loop for a few hundred ms, which under overload is
   * latency every alert behind it pays. The cost is a longer replay after a crash (at most
   * this many entries). Default: no waiting (snapshotEveryEntries).
   */
  snapshotPostponeEntries?: number;
  /**
   * Takes the due snapshots instead of the floor (which then only prunes after each). A
   * forced one (`snapshotNow`, at shutdown) is still taken by the floor itself. If the
   * taker fails, the floor reports it (`onError`) and takes its snapshots itself from then on.
   */
  snapshotTaker?: SnapshotTaker;
  /**
   * With a taker: a floor of at most this many agents writes its due snapshots itself all
   * the same. The taker rebuilds the floor from the previous snapshot and the log, so it
   * applies every logged event a second time on the other core, the one the parse thread
   * needs at full ingest; serialising a small floor here is cheaper than that (1,000
   * agents: 40-60 ms, once a minute on a live floor). Default 0: the taker writes them all.
   */
  snapshotHereUpToAgents?: number;
  /**
   * Opening: replay the log only up to this seq (the end of the batch that holds it), not
   * to its end. A snapshot thread sets it: on a floor taking events fast, replaying to a
   * log's moving end chased it for many seconds.
   */
  replayUntilSeq?: number;
}

/**
 * Writes snapshots off the event loop (serve, on a SQLite file: snapshot-worker.ts). On a
 * big floor serialising the state takes seconds; a taker keeps its own copy of the floor,
 * brought up to date from the log, and writes that, so the floor never stops for it.
 */
export interface SnapshotTaker {
  /** Writes a snapshot of the floor as of log seq `seq` or later; resolves with the seq written. */
  take(seq: number): Promise<number>;
  close(): Promise<void>;
}

export interface SnapshotBody {
  /** The engine state's JSON, inline (older snapshots hold it as a string). */
  engine: unknown;
  pending: PendingEvent[];
  lastReceivedAt: number;
  tag?: Record<string, unknown>;
}

/** Longest silence on the delta stream: an empty delta goes out at least this often. */
export const HEARTBEAT_MS = 5000;

export const DEFAULTS = {
  reorderWindowMs: 2000,
  maxFutureMs: 60_000,
  // A snapshot serialises the whole state: at full ingest speed 20,000 entries would be
  // several a second. Rebuild replays at most this many entries after the latest one.
  snapshotEveryEntries: 200_000,
  snapshotEveryMs: 60_000,
  retentionMs: 7 * 24 * 3600 * 1000,
  // A batch this small (one alert-raising event, a few state changes) is urgent: it goes
  // before the bulk batches waiting (input-queue.ts). As ingest's small-batch bound.
  urgentBatchEvents: 100,
  // A bigger batch is applied this many events at a time, so an urgent input waits for one
  // slice, not the whole batch.
  ingestSliceEvents: 1000,
};
