/** The event log in SQLite: one row per accepted input, seq assigned by AUTOINCREMENT. */
import { toBound, toCount } from '../limits.js';
import type { AppendResult, EventLog, LogEntry, NewLogEntry } from '../types.js';
import { sqlLimit, type SqliteConnection } from './connection.js';
import type { LookupsKeeper } from './lookups-keeper.js';
import type { LogRow } from './lookups.js';

/** Rows a multi-row insert takes (8 parameters each: 400 of SQLite's 32,766). */
const CHUNK = 50;

type Row = [number, string, number, string, string, string | null, string | null, number | null];

/** The lookup tables are pruned at most this often: pruning them scans them. */
const LOOKUPS_PRUNE_EVERY_MS = 24 * 3600_000;

/** `lookups`: the log's lookup tables (an agent's day, a call's events), kept elsewhere (lookups-keeper.ts). */
export function createSqliteEventLog(connection: SqliteConnection, lookups: LookupsKeeper): EventLog {
  const db = connection.db;
  // Prepared once: re-preparing per entry is what would make a 10,000-entry append slow.
  // Each entry gets the next seq explicitly and INSERT OR IGNORE skips a repeat (the same
  // ts and id as a row in the table, or earlier in the same call: the unique index
  // event_log_repeats, see repeatTimeOf): no lookup before each insert, and seqs stay
  // dense (an ignored row takes no seq). sqlite_sequence still records the high-water mark.
  const insertEntry = db.prepare<Row>(
    'INSERT OR IGNORE INTO event_log (seq, id, received_at, kind, payload, agent_id, call_id, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  // Many rows a statement: one call into SQLite, and one update of AUTOINCREMENT's mark,
  // for CHUNK rows instead of each. A chunk of which some rows went in and some were
  // duplicates is taken out again and inserted row by row, so seqs stay dense; a chunk
  // of which none went in was all duplicates (a resent batch).
  const insertChunk = db.prepare(
    `INSERT OR IGNORE INTO event_log (seq, id, received_at, kind, payload, agent_id, call_id, ts) VALUES ${Array.from({ length: CHUNK }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  const deleteSeqs = db.prepare<[number, number]>('DELETE FROM event_log WHERE seq >= ? AND seq <= ?');
  const selectPage = db.prepare<[number, number], LogRow>(
    'SELECT seq, id, received_at AS receivedAt, payload FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?');
  // sqlite_sequence holds the highest seq ever assigned, which MAX(seq) would not once the
  // newest rows were pruned.
  const selectLastSeq = db.prepare<[], number>(
    "SELECT seq FROM sqlite_sequence WHERE name = 'event_log'").pluck();
  // An ignored insert with an explicit seq still raises AUTOINCREMENT's mark to that seq;
  // the transaction puts it back to the last seq really used, so no seq is ever skipped.
  const setLastSeq = db.prepare<[number]>("UPDATE sqlite_sequence SET seq = ? WHERE name = 'event_log'");
  const deletePrunable = db.prepare<[number, number]>(
    'DELETE FROM event_log WHERE seq <= ? AND received_at < ?');
  const selectOldest = db.prepare<[], number | null>('SELECT MIN(seq) FROM event_log').pluck();
  const selectFrom = db.prepare<[number], { seq: number; receivedAt: number }>(
    'SELECT seq, received_at AS receivedAt FROM event_log WHERE seq >= ? ORDER BY seq LIMIT 1');
  /** When the lookup tables were last pruned (by the `before` of prune calls). */
  let lookupsPrunedAt = 0;

  /**
   * The last seq up to `uptoSeq` received before `before`, found by bisection: receivedAt
   * rises along the log (the floor makes it strictly increasing), so what may go is a prefix.
   */
  function lastBefore(before: number, uptoSeq: number): number | undefined {
    const oldest = selectOldest.get();
    if (oldest === null || oldest === undefined || oldest > uptoSeq) return undefined;
    const first = selectFrom.get(oldest);
    if (first === undefined || first.receivedAt >= before) return undefined;
    let lo = first.seq; // received before `before`
    let hi = Math.min(uptoSeq, selectLastSeq.get() ?? 0) + 1; // past the range (or not received before)
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      const row = selectFrom.get(mid);
      if (row !== undefined && row.seq <= uptoSeq && row.receivedAt < before) lo = row.seq;
      else hi = mid;
    }
    return lo;
  }

  /**
   * All entries in one transaction: one commit (one WAL append) for the whole batch, and
   * all-or-nothing if any insert fails.
   */
  const insertAll = db.transaction((entries: NewLogEntry[], payloads: string[]): AppendResult => {
    const appended: LogEntry[] = [];
    const duplicateIds: string[] = [];
    let seq = selectLastSeq.get() ?? 0;
    const columns = (entry: NewLogEntry, index: number, at: number): Row => {
      const event = entry.payload.kind === 'event' ? entry.payload.event : undefined;
      return [
        at, entry.id, entry.receivedAt, entry.payload.kind, payloads[index]!,
        event && 'agentId' in event && typeof event.agentId === 'string' ? event.agentId : null,
        event && 'callId' in event && typeof event.callId === 'string' ? event.callId : null,
        event ? event.ts : null,
      ];
    };
    const one = (index: number): void => {
      const entry = entries[index]!;
      if (insertEntry.run(...columns(entry, index, seq + 1)).changes === 0) {
        duplicateIds.push(entry.id);
        return;
      }
      seq += 1;
      appended.push({ seq, id: entry.id, receivedAt: entry.receivedAt, payload: entry.payload });
    };
    let next = 0;
    for (; next + CHUNK <= entries.length; next += CHUNK) {
      const params: Array<string | number | null> = [];
      for (let k = 0; k < CHUNK; k++) params.push(...columns(entries[next + k]!, next + k, seq + 1 + k));
      const inserted = insertChunk.run(...params).changes;
      if (inserted === CHUNK) {
        for (let k = 0; k < CHUNK; k++) {
          const entry = entries[next + k]!;
          appended.push({ seq: seq + 1 + k, id: entry.id, receivedAt: entry.receivedAt, payload: entry.payload });
        }
        seq += CHUNK;
      } else if (inserted === 0) {
        // Nothing went in, so every id was in the log already (a resent batch): the first
        // of a repeat within the chunk would have gone in.
        for (let k = 0; k < CHUNK; k++) duplicateIds.push(entries[next + k]!.id);
      } else {
        deleteSeqs.run(seq + 1, seq + CHUNK);
        for (let k = 0; k < CHUNK; k++) one(next + k);
      }
    }
    for (; next < entries.length; next++) one(next);
    if (duplicateIds.length > 0) setLastSeq.run(seq);
    return { appended, duplicateIds };
  });

  return {
    async append(entries: NewLogEntry[]): Promise<AppendResult> {
      connection.assertOpen();
      if (entries.length === 0) return { appended: [], duplicateIds: [] };
      const payloads = entries.map((entry) => entry.payloadText ?? JSON.stringify(entry.payload));
      // IMMEDIATE takes the write lock up front, so another connection cannot make this
      // transaction fail halfway with SQLITE_BUSY; busy_timeout covers the wait.
      const result = insertAll.immediate(entries, payloads);
      if (result.appended.length > 0) lookups.appended(result.appended.length);
      return result;
    },

    async read(afterSeq: number, limit: number): Promise<LogEntry[]> {
      connection.assertOpen();
      const rows = selectPage.all(toBound('afterSeq', afterSeq), sqlLimit(toCount('limit', limit)));
      return rows.map((row) => ({
        seq: row.seq,
        id: row.id,
        receivedAt: row.receivedAt,
        payload: JSON.parse(row.payload),
      }));
    },

    async eventsAbout(filter): Promise<LogEntry[]> {
      connection.assertOpen();
      const from = toBound('from', filter.from);
      const to = toBound('to', filter.to);
      return lookups.rowsAbout({ ...filter, from, to }).map((row) => ({
        seq: row.seq, id: row.id, receivedAt: row.receivedAt, payload: JSON.parse(row.payload),
      }));
    },

    async lastSeq(): Promise<number> {
      connection.assertOpen();
      return selectLastSeq.get() ?? 0;
    },

    async prune(before: number, uptoSeq: number): Promise<number> {
      connection.assertOpen();
      const receivedBefore = toBound('before', before);
      const last = lastBefore(receivedBefore, toBound('uptoSeq', uptoSeq));
      // received_at has no index: the condition alone scanned the whole log (a second for
      // a day's 4 million entries, after every snapshot). Bounded by seq, only what goes is read.
      const deleted = last === undefined ? 0 : deletePrunable.run(last, receivedBefore).changes;
      // The lookup tables are keyed for lookups, not by seq, so pruning them scans them:
      // done at most daily (a lookup joins with the log, so stale rows never show).
      if (deleted > 0 && before - lookupsPrunedAt >= LOOKUPS_PRUNE_EVERY_MS) {
        lookups.prune();
        lookupsPrunedAt = before;
      }
      return deleted;
    },
  };
}
