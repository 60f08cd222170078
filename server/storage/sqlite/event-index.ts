/**
 * The log's lookup indexes (who and which call an event is about, for an agent's day),
 * kept behind the appends. Inserting into two more B-trees per event, in arrival order,
 * costs more than the rest of an append; the same rows inserted in bulk, sorted by key,
 * by SQLite itself, cost a fraction. So appends only write the log, and the index tables
 * catch up from the log's own columns:
 * - when enough rows are behind (amortised across appends), inside the append's own
 *   transaction: one that waited for the write lock on its own, after the append had
 *   committed, failed with SQLITE_BUSY and turned an append that was in the log into an
 *   error for its sender,
 * - before every lookup (a lookup always sees every event appended before it).
 *
 * Rows a crash left unindexed are indexed by the next of these, not on open: a restart
 * does not wait for up to 50,000 rows' worth of index (a quarter of a second or more).
 * Nothing is lost: the log is the truth, the index is derived from it.
 */
import type Database from 'better-sqlite3';

/** Rows behind before an append brings the index up to date. */
export const INDEX_CATCH_UP_ROWS = 50_000;

export interface EventIndex {
  /**
   * Appended rows up to `seq` exist; index them now if enough are behind. Called inside
   * the append's transaction, so a rolled-back append rolls this back with it.
   */
  appended(seq: number): void;
  /** Brings the index up to the last appended row. */
  catchUp(): void;
  /** Forgets what this connection knew of the index: after an append that failed (its catch-up went with it). */
  reload(): void;
}

export function createEventIndex(db: Database.Database): EventIndex {
  const through = db.prepare<[], number>('SELECT seq FROM event_index_through WHERE one = 1').pluck();
  const setThrough = db.prepare<[number]>('UPDATE event_index_through SET seq = ? WHERE one = 1');
  const lastSeq = db.prepare<[], number | null>('SELECT MAX(seq) FROM event_log').pluck();
  const indexAgents = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO event_index_agent (agent_id, ts, seq)
     SELECT agent_id, ts, seq FROM event_log WHERE seq > ? AND seq <= ? AND agent_id IS NOT NULL AND ts IS NOT NULL
     ORDER BY agent_id, ts, seq`);
  const indexCalls = db.prepare<[number, number]>(
    `INSERT OR IGNORE INTO event_index_call (call_id, seq)
     SELECT call_id, seq FROM event_log WHERE seq > ? AND seq <= ? AND call_id IS NOT NULL
     ORDER BY call_id, seq`);

  /** How far the index was brought, as far as this connection knows (only to tell when it is due). */
  let indexed = through.get() ?? 0;
  let latest = lastSeq.get() ?? 0;
  const run = db.transaction((to: number) => {
    // Read in the transaction: `indexed` may count a catch-up whose append was rolled back.
    const from = through.get() ?? 0;
    if (to <= from) return;
    indexAgents.run(from, to);
    indexCalls.run(from, to);
    setThrough.run(to);
  });
  const catchUp = (): void => {
    if (latest <= indexed) return;
    run.immediate(latest);
    indexed = latest;
  };
  return {
    appended(seq) {
      latest = Math.max(latest, seq);
      if (latest - indexed >= INDEX_CATCH_UP_ROWS) catchUp();
    },
    catchUp,
    reload() {
      indexed = through.get() ?? 0;
      latest = lastSeq.get() ?? 0;
    },
  };
}
