/**
 * Storage seams. The engine never touches these; the floor runtime does. The embedded
 * default is SQLite (server/storage/sqlite/); tests also run every contract against the
 * in-memory implementation, and a later backend (PostgreSQL, Redis) must pass the same
 * suite (test/unit/storage/contract.ts).
 */
import type { PointsEntry } from '../../shared/points.js';
import type { Alert } from '../../shared/alerts.js';
import type { FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { ScheduleChange } from '../../shared/schedule.js';

/** One input of the floor, in the order it was accepted. */
export type LogPayload =
  | { kind: 'event'; event: FloorEvent }
  | { kind: 'command'; command: FloorCommand }
  | { kind: 'rules'; rules: RulesConfig }
  /** A change to the plan (schedule import or edit): the engine's plan is rebuilt from these. */
  | { kind: 'schedule'; change: ScheduleChange };

export interface NewLogEntry {
  /**
   * The event's own id; commands and rule changes get a unique one. With an event's `ts`
   * it is what makes an entry a repeat (repeatTimeOf).
   */
  id: string;
  /** Wall-clock ms when the floor accepted it (never decreasing along the log). */
  receivedAt: number;
  payload: LogPayload;
  /**
   * `payload` as JSON, when the caller has it already (an ingest batch parsed on its own
   * thread): a store that keeps JSON text may write this instead of serialising payload.
   * It must read back as payload; it never appears on the entries a store returns.
   */
  payloadText?: string;
}

export interface LogEntry extends Omit<NewLogEntry, 'payloadText'> {
  /** Assigned by the log: 1, 2, 3 ... strictly increasing, never reused. */
  seq: number;
}

export interface AppendResult {
  /** The entries that were new, with their seqs, in the order given. */
  appended: LogEntry[];
  /** Ids of the entries that were already in the log (or repeated earlier in the same call): see repeatTimeOf. */
  duplicateIds: string[];
}

/**
 * What makes an entry a repeat of one in the log: an event's time and id (a feed's resend
 * carries both unchanged), any other input's id alone (its time is 0 here). Keyed by time
 * first so that the log's unique index takes each new key near the last one: ids keyed
 * alone are inserted all over the index when a phone system names events by a call's
 * UUID (FreeSWITCH, Amazon Connect, Twilio), and every append then rewrote a page of the
 * index per event (10 times the cost of the rest of the append in a log of a million).
 */
export function repeatTimeOf(entry: Pick<NewLogEntry, 'payload'>): number {
  return entry.payload.kind === 'event' ? entry.payload.event.ts : 0;
}

/** A repeat key (repeatTimeOf and the id) as one string, for a store that checks keys in memory. */
export function repeatKey(time: number, id: string): string {
  return `${time} ${id}`;
}

export interface EventLog {
  /**
   * Appends atomically and durably: when the promise resolves, the entries survive a
   * crash of the process. Entries already present (the same id, and for an event the same
   * ts: repeatTimeOf) are skipped.
   */
  append(entries: NewLogEntry[]): Promise<AppendResult>;
  /** Entries with seq > afterSeq, oldest first, at most `limit`. */
  read(afterSeq: number, limit: number): Promise<LogEntry[]>;
  /**
   * Events (not commands) about an agent, or about any of the given calls, with
   * from <= ts < to, in seq order. For the agent panel's timeline: the log is the history.
   */
  eventsAbout(filter: { agentId?: string; callIds?: string[]; from: number; to: number }): Promise<LogEntry[]>;
  /** The highest seq ever assigned (0 when empty). */
  lastSeq(): Promise<number>;
  /** Deletes entries with seq <= uptoSeq and receivedAt < before; returns how many. */
  prune(before: number, uptoSeq: number): Promise<number>;
}

export interface StoredSnapshot {
  /** The last log seq whose effect the snapshot includes. */
  seq: number;
  takenAt: number;
  /** The serialised floor state (JSON text). */
  state: string;
}

export interface SnapshotStore {
  save(snapshot: StoredSnapshot): Promise<void>;
  latest(): Promise<StoredSnapshot | null>;
  /** Keeps the newest `keep` snapshots. */
  prune(keep: number): Promise<void>;
}

export interface AlertQuery {
  status?: Alert['status'][];
  rule?: string;
  agentId?: string;
  /** openedAt >= from */
  from?: number;
  /** openedAt < to */
  to?: number;
  limit?: number;
}

export interface AlertStore {
  /** Inserts or replaces by id (an alert's full record, history included). */
  upsert(alerts: Alert[]): Promise<void>;
  get(id: string): Promise<Alert | null>;
  /** Newest openedAt first. */
  list(query: AlertQuery): Promise<Alert[]>;
  /** Deletes resolved alerts resolved before `before`; returns how many. */
  prune(before: number): Promise<number>;
}

/**
 * The points ledger (articles 104-105): append-only. `record` ignores an id it already
 * holds, so the engine's automatic entries (ids derived from their cause) can be written
 * again by a rebuild without counting twice.
 */
export interface PointsLedger {
  record(entries: PointsEntry[]): Promise<void>;
  /** Entries with `at` in [from, to), optionally one agent's, oldest first. */
  list(query: { from?: number; to?: number; agentId?: string; limit?: number }): Promise<PointsEntry[]>;
  get(id: string): Promise<PointsEntry | undefined>;
  /** The reversal of an entry, if it has one. */
  reversalOf(id: string): Promise<PointsEntry | undefined>;
}

export interface Storage {
  log: EventLog;
  snapshots: SnapshotStore;
  alerts: AlertStore;
  points: PointsLedger;
  close(): Promise<void>;
}
