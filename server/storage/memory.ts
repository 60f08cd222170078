/**
 * In-memory storage: the same contract as SQLite, for tests and for `--no-persist` runs.
 *
 * Records are kept as JSON text, exactly as SQLite keeps them, so both backends hand back
 * fresh objects and drop the same things (`undefined` fields) on the round trip; a caller
 * that works against one works against the other.
 */
import type { Alert } from '../../shared/alerts.js';
import { StorageClosedError } from './errors.js';
import { alertListLimit, toBound, toCount } from './limits.js';
import { createMemoryPointsLedger } from './memory-points.js';
import type {
  AlertQuery, AlertStore, AppendResult, EventLog, LogEntry, NewLogEntry, SnapshotStore, Storage,
  StoredSnapshot,
} from './types.js';
import { repeatKey, repeatTimeOf } from './types.js';

interface StoredLogEntry {
  seq: number;
  id: string;
  /** Its repeat key (repeatTimeOf and the id). */
  key: string;
  receivedAt: number;
  payloadJson: string;
}

/** The columns SQLite indexes, kept beside the JSON so filtering does not parse it. */
interface StoredAlert {
  id: string;
  status: Alert['status'];
  rule: string;
  agentId: string | undefined;
  openedAt: number;
  resolvedAt: number | undefined;
  json: string;
}

export function createMemoryStorage(): Storage {
  let closed = false;
  /** Every method starts here: after close() they all reject, as SQLite's do. */
  const assertOpen = (): void => {
    if (closed) throw new StorageClosedError('memory');
  };
  return {
    log: createMemoryEventLog(assertOpen),
    snapshots: createMemorySnapshotStore(assertOpen),
    alerts: createMemoryAlertStore(assertOpen),
    points: createMemoryPointsLedger(assertOpen),
    async close() {
      closed = true;
    },
  };
}

function createMemoryEventLog(assertOpen: () => void): EventLog {
  /** Ordered by seq (appends only ever add higher seqs; prune only removes). */
  let entries: StoredLogEntry[] = [];
  /** Repeat keys (time and id) of the retained entries: like SQLite's unique index, a pruned one is forgotten. */
  const retainedKeys = new Set<string>();
  const keyOf = (entry: Pick<NewLogEntry, 'id' | 'payload'>): string => repeatKey(repeatTimeOf(entry), entry.id);
  let lastAssignedSeq = 0;

  return {
    async append(newEntries: NewLogEntry[]): Promise<AppendResult> {
      assertOpen();
      // Serialise everything before changing anything, so a bad entry leaves the log as it was.
      const serialised = newEntries.map((entry) => ({ entry, payloadJson: entry.payloadText ?? JSON.stringify(entry.payload) }));
      const appended: LogEntry[] = [];
      const duplicateIds: string[] = [];
      for (const { entry, payloadJson } of serialised) {
        // The id is recorded as soon as it is taken, so a repeat later in this same call
        // is caught by the same check as one already in the log.
        const key = keyOf(entry);
        if (retainedKeys.has(key)) {
          duplicateIds.push(entry.id);
          continue;
        }
        retainedKeys.add(key);
        const seq = ++lastAssignedSeq;
        entries.push({ seq, id: entry.id, key, receivedAt: entry.receivedAt, payloadJson });
        appended.push({ seq, id: entry.id, receivedAt: entry.receivedAt, payload: entry.payload });
      }
      return { appended, duplicateIds };
    },

    async read(afterSeq: number, limit: number): Promise<LogEntry[]> {
      assertOpen();
      toBound('afterSeq', afterSeq);
      const count = toCount('limit', limit);
      const start = firstIndexAfter(entries, afterSeq);
      return entries.slice(start, start + count).map((stored) => ({
        seq: stored.seq,
        id: stored.id,
        receivedAt: stored.receivedAt,
        payload: JSON.parse(stored.payloadJson),
      }));
    },

    async eventsAbout(filter): Promise<LogEntry[]> {
      assertOpen();
      const from = toBound('from', filter.from);
      const to = toBound('to', filter.to);
      const calls = new Set(filter.callIds ?? []);
      // A scan: the memory store serves tests and small floors, where that is fine.
      return entries.flatMap((stored) => {
        const payload = JSON.parse(stored.payloadJson) as LogEntry['payload'];
        if (payload.kind !== 'event') return [];
        const e = payload.event as { ts: number; agentId?: unknown; callId?: unknown };
        const about = (filter.agentId !== undefined && e.agentId === filter.agentId) || (typeof e.callId === 'string' && calls.has(e.callId));
        if (!about || e.ts < from || e.ts >= to) return [];
        return [{ seq: stored.seq, id: stored.id, receivedAt: stored.receivedAt, payload }];
      });
    },

    async lastSeq(): Promise<number> {
      assertOpen();
      return lastAssignedSeq;
    },

    async prune(before: number, uptoSeq: number): Promise<number> {
      assertOpen();
      toBound('before', before);
      toBound('uptoSeq', uptoSeq);
      const kept: StoredLogEntry[] = [];
      for (const stored of entries) {
        if (stored.seq <= uptoSeq && stored.receivedAt < before) retainedKeys.delete(stored.key);
        else kept.push(stored);
      }
      const removed = entries.length - kept.length;
      entries = kept;
      return removed;
    },
  };
}

/** Binary search: the index of the first entry with seq > afterSeq. */
function firstIndexAfter(entries: StoredLogEntry[], afterSeq: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (entries[mid].seq <= afterSeq) low = mid + 1;
    else high = mid;
  }
  return low;
}

function createMemorySnapshotStore(assertOpen: () => void): SnapshotStore {
  /** Keyed by seq: a second snapshot at the same seq replaces the first (as in SQLite). */
  const snapshotsBySeq = new Map<number, StoredSnapshot>();
  const seqsNewestFirst = (): number[] => [...snapshotsBySeq.keys()].sort((a, b) => b - a);

  return {
    async save(snapshot: StoredSnapshot): Promise<void> {
      assertOpen();
      toBound('seq', snapshot.seq);
      snapshotsBySeq.set(snapshot.seq, { seq: snapshot.seq, takenAt: snapshot.takenAt, state: snapshot.state });
    },

    async latest(): Promise<StoredSnapshot | null> {
      assertOpen();
      const [newestSeq] = seqsNewestFirst();
      const newest = newestSeq === undefined ? undefined : snapshotsBySeq.get(newestSeq);
      return newest ? { ...newest } : null;
    },

    async prune(keep: number): Promise<void> {
      assertOpen();
      const count = toCount('keep', keep);
      for (const seq of seqsNewestFirst().slice(count)) snapshotsBySeq.delete(seq);
    },
  };
}

function createMemoryAlertStore(assertOpen: () => void): AlertStore {
  const alertsById = new Map<string, StoredAlert>();

  return {
    async upsert(alerts: Alert[]): Promise<void> {
      assertOpen();
      // Serialise all first: one bad alert must not leave half the batch written.
      const rows = alerts.map(toStoredAlert);
      for (const row of rows) alertsById.set(row.id, row);
    },

    async get(id: string): Promise<Alert | null> {
      assertOpen();
      const row = alertsById.get(id);
      return row ? (JSON.parse(row.json) as Alert) : null;
    },

    async list(query: AlertQuery): Promise<Alert[]> {
      assertOpen();
      const limit = alertListLimit(query.limit);
      const from = query.from === undefined ? undefined : toBound('from', query.from);
      const to = query.to === undefined ? undefined : toBound('to', query.to);
      const statuses = query.status === undefined ? undefined : new Set(query.status);
      const matching = [...alertsById.values()].filter((row) =>
        (statuses === undefined || statuses.has(row.status))
        && (query.rule === undefined || row.rule === query.rule)
        && (query.agentId === undefined || row.agentId === query.agentId)
        && (from === undefined || row.openedAt >= from)
        && (to === undefined || row.openedAt < to));
      matching.sort(newestOpenedFirst);
      return matching.slice(0, limit).map((row) => JSON.parse(row.json) as Alert);
    },

    async prune(before: number): Promise<number> {
      assertOpen();
      toBound('before', before);
      let removed = 0;
      for (const row of [...alertsById.values()]) {
        if (row.status === 'resolved' && row.resolvedAt !== undefined && row.resolvedAt < before) {
          alertsById.delete(row.id);
          removed++;
        }
      }
      return removed;
    },
  };
}

function toStoredAlert(alert: Alert): StoredAlert {
  return {
    id: alert.id,
    status: alert.status,
    rule: alert.rule,
    agentId: alert.agentId,
    openedAt: alert.openedAt,
    resolvedAt: alert.resolvedAt,
    json: JSON.stringify(alert),
  };
}

/**
 * Newest openedAt first; ties by id ascending in UTF-8 byte order, which is how SQLite's
 * default BINARY collation orders text, so both backends page through ties identically.
 */
function newestOpenedFirst(a: StoredAlert, b: StoredAlert): number {
  if (a.openedAt !== b.openedAt) return b.openedAt - a.openedAt;
  return Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}
