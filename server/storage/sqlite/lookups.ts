/**
 * The log's lookup tables (who and which call an event is about, for an agent's day and
 * the feeds' earlier events), in a database of their own attached as `lookups`: a file
 * beside the log's (`<log file>.lookups`), or memory beside an in-memory log.
 *
 * Why a file of its own: filling these tables (two more B-trees per event) cost more than
 * the rest of an append, and kept in the log's file it could only run on the connection
 * holding the log's write lock, the floor's. In a file of its own it is caught up by
 * another thread (lookups-keeper.ts), reading the log as any reader does.
 *
 * The log is the truth; these tables are derived from it and may lag behind it. A lookup
 * reads the tables up to `through` (the last log seq they hold) and the log's own columns
 * after it, in one read transaction, so it always sees every event appended before it.
 * Whether the file belongs to this log is checked when the storage opens (`checkLookups`):
 * the log's key (log_identity) and the id at `through` must match, or the tables start
 * over from the log (a restored backup, a copied file).
 */
import type Database from 'better-sqlite3';

/** The schema of the lookups database; a file of another version starts over. */
export const LOOKUPS_VERSION = 1;

/** Log rows a catch-up transaction takes at most: bounded work, then the next. */
export const LOOKUPS_CHUNK_ROWS = 100_000;

/** The lookups file of a log file. */
export function lookupsPath(logPath: string): string {
  return `${logPath}.lookups`;
}

const CREATE = `
  CREATE TABLE IF NOT EXISTS lookups.event_index_agent (
    agent_id TEXT    NOT NULL,
    ts       INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (agent_id, ts, seq)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS lookups.event_index_call (
    call_id TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (call_id, seq)
  ) WITHOUT ROWID;
  -- Whose log these rows come from, and how far: the last log seq indexed, and its id.
  CREATE TABLE IF NOT EXISTS lookups.lookups_meta (
    one        INTEGER PRIMARY KEY CHECK (one = 1),
    log_key    TEXT    NOT NULL,
    through    INTEGER NOT NULL,
    through_id TEXT
  );`;

const DROP = `
  DROP TABLE IF EXISTS lookups.event_index_agent;
  DROP TABLE IF EXISTS lookups.event_index_call;
  DROP TABLE IF EXISTS lookups.lookups_meta;`;

interface Meta {
  logKey: string;
  through: number;
  throughId: string | null;
}

/** Attaches the lookups database (a file's path, or ':memory:') to `db` as `lookups`, creating its tables. */
export function attachLookups(db: Database.Database, path: string): void {
  db.prepare('ATTACH DATABASE ? AS lookups').run(path);
  if (path !== ':memory:') {
    // Derived data: a commit that a power cut takes back is caught up again from the log.
    db.pragma('lookups.journal_mode = WAL');
    db.pragma('lookups.synchronous = NORMAL');
  }
  if (db.pragma('lookups.user_version', { simple: true }) !== LOOKUPS_VERSION) {
    db.exec(DROP);
    db.pragma(`lookups.user_version = ${LOOKUPS_VERSION}`);
  }
  db.exec(CREATE);
}

/**
 * Makes the attached lookups true to this log, before anything reads them: tables that
 * are another log's, or that hold seqs this log no longer has as they were (a restored
 * backup went on with other events), start over. Lookup tables an earlier version kept in
 * the log's own file move here first (the first start after the upgrade). True when the
 * tables started over.
 */
export function checkLookups(db: Database.Database): boolean {
  const logKey = db.prepare("SELECT key FROM main.log_identity WHERE one = 1").pluck().get() as string;
  moveEarlierTables(db, logKey);
  const meta = readMeta(db);
  if (meta !== undefined && meta.logKey === logKey && holds(db, meta)) return false;
  db.transaction(() => {
    db.exec('DELETE FROM lookups.event_index_agent; DELETE FROM lookups.event_index_call; DELETE FROM lookups.lookups_meta;');
    db.prepare('INSERT INTO lookups.lookups_meta (one, log_key, through, through_id) VALUES (1, ?, 0, NULL)').run(logKey);
  })();
  return true;
}

function readMeta(db: Database.Database): Meta | undefined {
  return db.prepare<[], Meta>('SELECT log_key AS logKey, through, through_id AS throughId FROM lookups.lookups_meta WHERE one = 1').get();
}

/** Whether the log still has the row the tables were last brought to, as it was. */
function holds(db: Database.Database, meta: Meta): boolean {
  if (meta.through === 0) return true;
  const id = db.prepare<[number], string>('SELECT id FROM main.event_log WHERE seq = ?').pluck().get(meta.through);
  return id !== undefined && id === meta.throughId;
}

/**
 * Until migration 7 the tables were in the log's file (its index catch-up ran inside the
 * appends). Copied in key order (cheap: each row lands after the last), then dropped from
 * the log. A crash between the two copies them again next time (INSERT OR IGNORE).
 */
function moveEarlierTables(db: Database.Database, logKey: string): void {
  const earlier = db.prepare("SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'event_index_through'").get();
  if (earlier === undefined) return;
  db.transaction(() => {
    const through = db.prepare('SELECT seq FROM main.event_index_through WHERE one = 1').pluck().get() as number | undefined ?? 0;
    const throughId = db.prepare<[number], string>('SELECT id FROM main.event_log WHERE seq = ?').pluck().get(through);
    const meta = readMeta(db);
    if (meta !== undefined && meta.logKey === logKey && meta.through >= through) return;
    db.exec(`DELETE FROM lookups.event_index_agent; DELETE FROM lookups.event_index_call; DELETE FROM lookups.lookups_meta;
      INSERT OR IGNORE INTO lookups.event_index_agent SELECT agent_id, ts, seq FROM main.event_index_agent ORDER BY agent_id, ts, seq;
      INSERT OR IGNORE INTO lookups.event_index_call SELECT call_id, seq FROM main.event_index_call ORDER BY call_id, seq;`);
    // A through whose row was pruned has no id: the check that follows starts over.
    db.prepare('INSERT INTO lookups.lookups_meta (one, log_key, through, through_id) VALUES (1, ?, ?, ?)')
      .run(logKey, through, throughId ?? null);
  })();
  db.exec('DROP TABLE main.event_index_agent; DROP TABLE main.event_index_call; DROP TABLE main.event_index_through;');
}

export interface LogRow {
  seq: number;
  id: string;
  receivedAt: number;
  payload: string;
}

/** What a connection with the lookups attached does with them. */
export interface Lookups {
  /**
   * Indexes log rows the tables do not hold yet, in transactions of at most
   * LOOKUPS_CHUNK_ROWS rows, `maxChunks` of them at most. Writes only the lookups
   * database (a deferred transaction: the log is only read, its write lock never taken).
   * Returns the log seq the tables now hold through.
   */
  catchUp(maxChunks?: number): number;
  /** How many log rows the tables are behind. */
  behind(): number;
  /** Drops rows for log entries that are gone (pruned). Scans the tables: seldom. */
  prune(): void;
  /** An agent's events with `from <= ts < to`, and calls' events with the same bounds. */
  rowsAbout(filter: { agentId?: string; callIds?: readonly string[]; from: number; to: number }): LogRow[];
}

const ROW = 'seq, id, received_at AS receivedAt, payload';

export function lookupsOn(db: Database.Database): Lookups {
  const through = db.prepare<[], number>('SELECT through FROM lookups.lookups_meta WHERE one = 1').pluck();
  const lastRow = db.prepare<[], number | null>('SELECT MAX(seq) FROM main.event_log').pluck();
  const chunkEnd = db.prepare<[number, number], number | null>(
    'SELECT MAX(seq) FROM (SELECT seq FROM main.event_log WHERE seq > ? ORDER BY seq LIMIT ?)').pluck();
  const idAt = db.prepare<[number], string>('SELECT id FROM main.event_log WHERE seq = ?').pluck();
  // Sorted by key before inserting: each row lands beside the one before (SQLite's own sort).
  const indexAgents = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO lookups.event_index_agent (agent_id, ts, seq)
     SELECT agent_id, ts, seq FROM main.event_log WHERE seq > ? AND seq <= ? AND agent_id IS NOT NULL AND ts IS NOT NULL
     ORDER BY agent_id, ts, seq`);
  const indexCalls = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO lookups.event_index_call (call_id, seq)
     SELECT call_id, seq FROM main.event_log WHERE seq > ? AND seq <= ? AND call_id IS NOT NULL
     ORDER BY call_id, seq`);
  const setThrough = db.prepare<[number, string]>('UPDATE lookups.lookups_meta SET through = ?, through_id = ? WHERE one = 1');
  const oldest = db.prepare<[], number | null>('SELECT MIN(seq) FROM main.event_log').pluck();
  const pruneAgents = db.prepare<[number]>('DELETE FROM lookups.event_index_agent WHERE seq < ?');
  const pruneCalls = db.prepare<[number]>('DELETE FROM lookups.event_index_call WHERE seq < ?');
  // Indexed rows up to `through`, then the log's own columns after it (rows no index holds yet).
  const byAgent = db.prepare<[string, number, number, number, string, number, number], LogRow>(
    `SELECT l.seq, l.id, l.received_at AS receivedAt, l.payload FROM lookups.event_index_agent i JOIN main.event_log l ON l.seq = i.seq
     WHERE i.agent_id = ? AND i.ts >= ? AND i.ts < ?
     UNION ALL
     SELECT ${ROW} FROM main.event_log WHERE seq > ? AND agent_id = ? AND ts >= ? AND ts < ?`);
  const byCall = db.prepare<[string, number, number, number, string, number, number], LogRow>(
    `SELECT l.seq, l.id, l.received_at AS receivedAt, l.payload FROM lookups.event_index_call i JOIN main.event_log l ON l.seq = i.seq
     WHERE i.call_id = ? AND l.ts >= ? AND l.ts < ?
     UNION ALL
     SELECT ${ROW} FROM main.event_log WHERE seq > ? AND call_id = ? AND ts >= ? AND ts < ?`);

  const chunk = db.transaction((): boolean => {
    const from = through.get() ?? 0;
    const to = chunkEnd.get(from, LOOKUPS_CHUNK_ROWS);
    if (to === null || to === undefined) return false;
    indexAgents.run(from, to);
    indexCalls.run(from, to);
    setThrough.run(to, idAt.get(to)!);
    return true;
  });
  // Deferred (not IMMEDIATE): a read of the log and a write of the lookups database only,
  // so the log's write lock, which the floor's appends need, is never asked for.
  const rowsAbout = db.transaction((filter: Parameters<Lookups['rowsAbout']>[0]): LogRow[] => {
    const upTo = through.get() ?? 0;
    const rows = new Map<number, LogRow>();
    const { from, to } = filter;
    if (filter.agentId !== undefined) {
      for (const row of byAgent.all(filter.agentId, from, to, upTo, filter.agentId, from, to)) rows.set(row.seq, row);
    }
    for (const callId of new Set(filter.callIds ?? [])) {
      for (const row of byCall.all(callId, from, to, upTo, callId, from, to)) rows.set(row.seq, row);
    }
    return [...rows.values()].sort((a, b) => a.seq - b.seq);
  });

  return {
    catchUp(maxChunks = Number.POSITIVE_INFINITY) {
      for (let n = 0; n < maxChunks && chunk(); n++);
      return through.get() ?? 0;
    },
    behind() {
      return Math.max(0, (lastRow.get() ?? 0) - (through.get() ?? 0));
    },
    prune() {
      const first = oldest.get() ?? (through.get() ?? 0) + 1;
      db.transaction(() => {
        pruneAgents.run(first);
        pruneCalls.run(first);
      })();
    },
    rowsAbout: (filter) => rowsAbout(filter),
  };
}
