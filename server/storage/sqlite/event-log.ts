/** The event log in SQLite: one row per accepted input, seq assigned by AUTOINCREMENT. */
import { toBound, toCount } from '../limits.js';
import type { AppendResult, EventLog, LogEntry, NewLogEntry } from '../types.js';
import { sqlLimit, type SqliteConnection } from './connection.js';

interface LogRow {
  seq: number;
  id: string;
  receivedAt: number;
  payload: string;
}

export function createSqliteEventLog(connection: SqliteConnection): EventLog {
  const db = connection.db;
  // Prepared once: re-preparing per entry is what would make a 10,000-entry append slow.
  // Not INSERT OR IGNORE: with AUTOINCREMENT an ignored insert still advances
  // sqlite_sequence, so every duplicate would burn a seq and leave a gap (1, 2, 5 ...).
  // Looking the id up first keeps seqs dense, as the memory store's are.
  const selectIdExists = db.prepare<[string], number>('SELECT 1 FROM event_log WHERE id = ?').pluck();
  const insertEntry = db.prepare<[string, number, string, string, string | null, string | null, number | null]>(
    'INSERT INTO event_log (id, received_at, kind, payload, agent_id, call_id, ts) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectByAgent = db.prepare<[string, number, number], LogRow>(
    'SELECT seq, id, received_at AS receivedAt, payload FROM event_log WHERE agent_id = ? AND ts >= ? AND ts < ? ORDER BY seq');
  const selectByCall = db.prepare<[string, number, number], LogRow>(
    'SELECT seq, id, received_at AS receivedAt, payload FROM event_log WHERE call_id = ? AND ts >= ? AND ts < ? ORDER BY seq');
  const selectPage = db.prepare<[number, number], LogRow>(
    'SELECT seq, id, received_at AS receivedAt, payload FROM event_log WHERE seq > ? ORDER BY seq LIMIT ?');
  // sqlite_sequence holds the highest seq AUTOINCREMENT ever assigned, which MAX(seq) would
  // not once the newest rows were pruned.
  const selectLastSeq = db.prepare<[], number>(
    "SELECT seq FROM sqlite_sequence WHERE name = 'event_log'").pluck();
  const deletePrunable = db.prepare<[number, number]>(
    'DELETE FROM event_log WHERE seq <= ? AND received_at < ?');

  /**
   * All entries in one transaction: one commit (one WAL append) for the whole batch, and
   * all-or-nothing if any insert fails. The id lookup finds an id already in the table
   * and, because earlier rows of this call are already inserted, a repeat within the call.
   */
  const insertAll = db.transaction((entries: NewLogEntry[], payloads: string[]): AppendResult => {
    const appended: LogEntry[] = [];
    const duplicateIds: string[] = [];
    entries.forEach((entry, index) => {
      if (selectIdExists.get(entry.id) !== undefined) {
        duplicateIds.push(entry.id);
        return;
      }
      const event = entry.payload.kind === 'event' ? entry.payload.event : undefined;
      const result = insertEntry.run(
        entry.id, entry.receivedAt, entry.payload.kind, payloads[index],
        event && 'agentId' in event && typeof event.agentId === 'string' ? event.agentId : null,
        event && 'callId' in event && typeof event.callId === 'string' ? event.callId : null,
        event ? event.ts : null,
      );
      appended.push({ seq: Number(result.lastInsertRowid), id: entry.id, receivedAt: entry.receivedAt, payload: entry.payload });
    });
    return { appended, duplicateIds };
  });

  return {
    async append(entries: NewLogEntry[]): Promise<AppendResult> {
      connection.assertOpen();
      if (entries.length === 0) return { appended: [], duplicateIds: [] };
      const payloads = entries.map((entry) => JSON.stringify(entry.payload));
      // IMMEDIATE takes the write lock up front, so another connection cannot make this
      // transaction fail halfway with SQLITE_BUSY; busy_timeout covers the wait.
      return insertAll.immediate(entries, payloads);
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
      const rows = new Map<number, LogRow>();
      if (filter.agentId !== undefined) for (const row of selectByAgent.all(filter.agentId, from, to)) rows.set(row.seq, row);
      for (const callId of new Set(filter.callIds ?? [])) for (const row of selectByCall.all(callId, from, to)) rows.set(row.seq, row);
      return [...rows.values()].sort((a, b) => a.seq - b.seq).map((row) => ({
        seq: row.seq, id: row.id, receivedAt: row.receivedAt, payload: JSON.parse(row.payload),
      }));
    },

    async lastSeq(): Promise<number> {
      connection.assertOpen();
      return selectLastSeq.get() ?? 0;
    },

    async prune(before: number, uptoSeq: number): Promise<number> {
      connection.assertOpen();
      return deletePrunable.run(toBound('uptoSeq', uptoSeq), toBound('before', before)).changes;
    },
  };
}
