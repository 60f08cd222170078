/**
 * The SQLite schema as an ordered list of migrations. `PRAGMA user_version` records how
 * many have been applied; opening a database applies the rest. Never edit a shipped
 * migration: append a new one, so every existing database walks the same path.
 */
import type Database from 'better-sqlite3';

export const MIGRATIONS: readonly string[] = [
  // 1 — the first schema.
  `
  -- AUTOINCREMENT (not just INTEGER PRIMARY KEY) so a seq is never handed out twice, even
  -- after prune deletes the newest rows; sqlite_sequence keeps the high-water mark.
  CREATE TABLE event_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    received_at INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    payload     TEXT    NOT NULL
  );

  -- One snapshot per seq: a later save at the same seq replaces the earlier one.
  CREATE TABLE snapshots (
    seq      INTEGER PRIMARY KEY,
    taken_at INTEGER NOT NULL,
    state    TEXT    NOT NULL
  );

  -- The full alert is the json column; the others are copies for filtering and ordering.
  CREATE TABLE alerts (
    id          TEXT    PRIMARY KEY,
    status      TEXT    NOT NULL,
    rule        TEXT    NOT NULL,
    agent_id    TEXT,
    opened_at   INTEGER NOT NULL,
    resolved_at INTEGER,
    json        TEXT    NOT NULL
  );
  -- One index per AlertQuery filter, each ending in opened_at so the newest-first order
  -- (and a from/to range) is read straight off the index.
  CREATE INDEX alerts_by_opened_at ON alerts (opened_at);
  CREATE INDEX alerts_by_status    ON alerts (status, opened_at);
  CREATE INDEX alerts_by_rule      ON alerts (rule, opened_at);
  CREATE INDEX alerts_by_agent     ON alerts (agent_id, opened_at);
  -- For prune: only resolved alerts are ever deleted, so only they are indexed.
  CREATE INDEX alerts_resolved_by_resolved_at ON alerts (resolved_at) WHERE status = 'resolved';
  `,
  // 2 — who and what an event is about, so an agent's day can be read back (agent panel).
  `
  ALTER TABLE event_log ADD COLUMN agent_id TEXT;
  ALTER TABLE event_log ADD COLUMN call_id  TEXT;
  ALTER TABLE event_log ADD COLUMN ts       INTEGER;
  UPDATE event_log SET
    agent_id = json_extract(payload, '$.event.agentId'),
    call_id  = json_extract(payload, '$.event.callId'),
    ts       = json_extract(payload, '$.event.ts')
  WHERE kind = 'event';
  CREATE INDEX event_log_by_agent ON event_log (agent_id, ts) WHERE agent_id IS NOT NULL;
  CREATE INDEX event_log_by_call  ON event_log (call_id) WHERE call_id IS NOT NULL;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to SCHEMA_VERSION in one IMMEDIATE transaction: two processes
 * opening the same new file cannot both migrate it, and a failed migration leaves the
 * file as it was.
 */
export function applyMigrations(db: Database.Database): void {
  const migrate = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `database schema is version ${current}, newer than this build of Floorwatch knows ` +
        `(${SCHEMA_VERSION}); upgrade Floorwatch or use another database file`);
    }
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]);
    if (current !== SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  migrate.immediate();
}
