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
  // 3 — the points ledger (articles 104-105) and the seat handover log (articles 80-82).
  `
  -- Append-only, enforced by the database whoever connects (see server/storage/sqlite/points.ts).
  -- The full entry is the json column; the others are copies for filtering and ordering.
  CREATE TABLE points_ledger (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    id       TEXT    NOT NULL UNIQUE,
    agent_id TEXT    NOT NULL,
    at       INTEGER NOT NULL,
    reverses TEXT,
    json     TEXT    NOT NULL
  );
  CREATE INDEX points_ledger_by_at    ON points_ledger (at, seq);
  CREATE INDEX points_ledger_by_agent ON points_ledger (agent_id, at, seq);
  -- An entry is reversed at most once.
  CREATE UNIQUE INDEX points_ledger_by_reverses ON points_ledger (reverses) WHERE reverses IS NOT NULL;
  CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
  BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;
  CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
  BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;
  -- One trigger, so the checks run in this order. An id already held is skipped (a rebuild
  -- re-emits automatic entries), which also makes INSERT OR REPLACE unable to overwrite
  -- one (REPLACE deletes without firing the delete trigger). A reversal must name an entry
  -- that exists, is not a reversal, and is not reversed yet.
  CREATE TRIGGER points_ledger_insert BEFORE INSERT ON points_ledger
  BEGIN
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM points_ledger WHERE id = NEW.id) THEN RAISE(IGNORE)
      WHEN EXISTS (SELECT 1 FROM points_ledger WHERE seq = NEW.seq) THEN RAISE(ABORT, 'the points ledger is append-only')
      WHEN NEW.reverses IS NOT NULL AND EXISTS (SELECT 1 FROM points_ledger WHERE reverses = NEW.reverses)
        THEN RAISE(ABORT, 'points entry already reversed')
      WHEN NEW.reverses IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_ledger WHERE id = NEW.reverses AND reverses IS NULL)
        THEN RAISE(ABORT, 'a reversal must name an entry that is not itself a reversal')
    END;
  END;

  -- Submitted and confirmed handovers (drafts are computed, never stored). One per shift
  -- change and set of teams (team_key: the sorted team ids, one per line).
  CREATE TABLE handovers (
    id              TEXT    PRIMARY KEY,
    shift_change_at INTEGER NOT NULL,
    team_key        TEXT    NOT NULL,
    team_ids        TEXT    NOT NULL,  -- JSON array
    status          TEXT    NOT NULL CHECK (status IN ('submitted', 'confirmed')),
    search_text     TEXT    NOT NULL,  -- the text fields and names, lower-cased, for ?q=
    json            TEXT    NOT NULL,
    UNIQUE (shift_change_at, team_key)
  );
  CREATE INDEX handovers_by_time   ON handovers (shift_change_at);
  CREATE INDEX handovers_by_status ON handovers (status, shift_change_at);
  -- A confirmed handover is history (article 82 moved the alerts on it): never changed or deleted.
  CREATE TRIGGER handovers_confirmed_final BEFORE UPDATE ON handovers WHEN OLD.status = 'confirmed'
  BEGIN SELECT RAISE(ABORT, 'a confirmed handover cannot be changed'); END;
  CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
  BEGIN SELECT RAISE(ABORT, 'handovers are never deleted'); END;
  `,
  // 4 — ingest speed: the per-agent and per-call indexes of the log cost more than the
  // rest of an append together (random inserts into two more B-trees per event). The log
  // keeps the columns; the lookups move to index tables filled in sorted bulk, behind the
  // appends (server/storage/sqlite/event-index.ts), through \`event_index_through\`.
  `
  DROP INDEX event_log_by_agent;
  DROP INDEX event_log_by_call;
  CREATE TABLE event_index_agent (
    agent_id TEXT    NOT NULL,
    ts       INTEGER NOT NULL,
    seq      INTEGER NOT NULL,
    PRIMARY KEY (agent_id, ts, seq)
  ) WITHOUT ROWID;
  CREATE TABLE event_index_call (
    call_id TEXT    NOT NULL,
    seq     INTEGER NOT NULL,
    PRIMARY KEY (call_id, seq)
  ) WITHOUT ROWID;
  -- The highest log seq whose rows are in the index tables.
  CREATE TABLE event_index_through (
    one  INTEGER PRIMARY KEY CHECK (one = 1),
    seq  INTEGER NOT NULL
  );
  INSERT INTO event_index_agent SELECT agent_id, ts, seq FROM event_log WHERE agent_id IS NOT NULL AND ts IS NOT NULL;
  INSERT INTO event_index_call SELECT call_id, seq FROM event_log WHERE call_id IS NOT NULL;
  INSERT INTO event_index_through VALUES (1, COALESCE((SELECT MAX(seq) FROM event_log), 0));
  `,
  // A snapshot's text in parts of its own (snapshots.ts): writing a big floor's snapshot in
  // one statement held the write lock for most of a second, and every log append waited.
  // A snapshot row names its parts once they are all written; older rows keep their text.
  `
  ALTER TABLE snapshots ADD COLUMN parts_id TEXT;
  CREATE TABLE snapshot_parts (
    parts_id TEXT    NOT NULL,
    part     INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    PRIMARY KEY (parts_id, part)
  ) WITHOUT ROWID;
  `,
  // 6 — ingest speed with ids in no order: a repeat is the same event time and id
  // (repeatTimeOf in server/storage/types.ts), indexed time first, so each new key lands
  // near the last. The id's own UNIQUE took UUID-named events all over its index. A
  // column's UNIQUE cannot be dropped, so the table is copied; its seq high-water mark
  // (sqlite_sequence, which may be above every seq left after a prune) goes with it.
  `
  CREATE TABLE event_log_next (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    payload     TEXT    NOT NULL,
    agent_id    TEXT,
    call_id     TEXT,
    ts          INTEGER
  );
  INSERT INTO event_log_next (seq, id, received_at, kind, payload, agent_id, call_id, ts)
    SELECT seq, id, received_at, kind, payload, agent_id, call_id, ts FROM event_log ORDER BY seq;
  UPDATE sqlite_sequence SET seq = MAX(seq, COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'event_log'), 0))
    WHERE name = 'event_log_next';
  INSERT INTO sqlite_sequence (name, seq)
    SELECT 'event_log_next', seq FROM sqlite_sequence WHERE name = 'event_log'
    AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'event_log_next');
  DROP TABLE event_log;
  ALTER TABLE event_log_next RENAME TO event_log;
  CREATE UNIQUE INDEX event_log_repeats ON event_log (COALESCE(ts, 0), id);
  `,
  // 7 — the lookup tables move to a file of their own, caught up off the floor's thread
  // (lookups.ts). The log gets a key, so a lookups file can tell whose log it was made
  // from; the tables kept here until now are moved there, then dropped, when the event
  // storage first opens the file (they cannot be moved by a migration: the lookups file is
  // not attached to every connection that migrates).
  `
  CREATE TABLE log_identity (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    key TEXT    NOT NULL
  );
  INSERT INTO log_identity VALUES (1, lower(hex(randomblob(16))));
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
