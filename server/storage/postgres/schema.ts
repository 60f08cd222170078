/**
 * The PostgreSQL schema of the event storage, as ordered migrations (see migrate.ts). It
 * mirrors the SQLite one (server/storage/sqlite/schema.ts) table for table, with these
 * choices:
 *
 * - Times are `double precision`: they are JavaScript numbers (ms), which a float8 holds
 *   exactly, and pg hands them back as numbers. Seqs are `bigint` (whole, unbounded).
 * - Records are JSON in `text`, not `jsonb`: what is read back is byte for byte what was
 *   written, and jsonb would refuse a string holding \u0000, which an event may carry.
 * - Ids sort and compare byte-wise (COLLATE "C"), as SQLite and the memory store do,
 *   whatever the database's locale.
 * - The log's seqs come from a one-row counter updated in the appending transaction, not
 *   from a sequence: a sequence is not transactional, so a rolled-back append would burn
 *   seqs and leave gaps. The row lock also serialises appends from several processes.
 * - Append-only rules are triggers, so they hold for every connection, not only ours.
 *   Trigger functions pin their search_path, so another session's path cannot fool them.
 */
import { ALREADY_REVERSED, NOT_REVERSIBLE } from '../points-rules.js';

const POINTS_APPEND_ONLY = 'the points ledger is append-only';

export const STORAGE_MIGRATIONS: readonly string[] = [
  // 1 — the event log, snapshots, alerts and the points ledger.
  `
  CREATE TABLE event_log_counter (
    single   boolean PRIMARY KEY DEFAULT true CHECK (single),
    last_seq bigint  NOT NULL
  );
  INSERT INTO event_log_counter (single, last_seq) VALUES (true, 0);

  CREATE TABLE event_log (
    seq         bigint           PRIMARY KEY,
    id          text COLLATE "C" NOT NULL UNIQUE,
    received_at double precision NOT NULL,
    kind        text             NOT NULL,
    payload     text             NOT NULL,
    -- Copies of who and what an event is about, for an agent's day (eventsAbout).
    agent_id    text COLLATE "C",
    call_id     text COLLATE "C",
    ts          double precision
  );
  CREATE INDEX event_log_by_agent ON event_log (agent_id, ts) WHERE agent_id IS NOT NULL;
  CREATE INDEX event_log_by_call  ON event_log (call_id, ts)  WHERE call_id IS NOT NULL;

  -- One snapshot per seq: a later save at the same seq replaces the earlier one.
  CREATE TABLE snapshots (
    seq      bigint           PRIMARY KEY,
    taken_at double precision NOT NULL,
    state    text             NOT NULL
  );

  -- The full alert is the json column; the others are copies for filtering and ordering.
  CREATE TABLE alerts (
    id          text COLLATE "C" PRIMARY KEY,
    status      text             NOT NULL,
    rule        text             NOT NULL,
    agent_id    text COLLATE "C",
    opened_at   double precision NOT NULL,
    resolved_at double precision,
    json        text             NOT NULL
  );
  CREATE INDEX alerts_by_opened_at ON alerts (opened_at);
  CREATE INDEX alerts_by_status    ON alerts (status, opened_at);
  CREATE INDEX alerts_by_rule      ON alerts (rule, opened_at);
  CREATE INDEX alerts_by_agent     ON alerts (agent_id, opened_at);
  CREATE INDEX alerts_resolved_by_resolved_at ON alerts (resolved_at) WHERE status = 'resolved';

  -- The points ledger (articles 104-105): append-only (see postgres/points.ts).
  CREATE TABLE points_ledger (
    -- GENERATED ALWAYS: nobody picks a seq, so nobody can take an existing one's place.
    seq      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id       text COLLATE "C" NOT NULL UNIQUE,
    agent_id text COLLATE "C" NOT NULL,
    at       double precision NOT NULL,
    reverses text COLLATE "C",
    json     text             NOT NULL
  );
  CREATE INDEX points_ledger_by_at    ON points_ledger (at, seq);
  CREATE INDEX points_ledger_by_agent ON points_ledger (agent_id, at, seq);
  -- An entry is reversed at most once (also under concurrent writers).
  CREATE UNIQUE INDEX points_ledger_by_reverses ON points_ledger (reverses) WHERE reverses IS NOT NULL;

  CREATE FUNCTION points_ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $fn$
  BEGIN
    RAISE EXCEPTION '${POINTS_APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation';
  END
  $fn$;
  CREATE TRIGGER points_ledger_no_update BEFORE UPDATE OR DELETE ON points_ledger
    FOR EACH ROW EXECUTE FUNCTION points_ledger_refuse_change();
  CREATE TRIGGER points_ledger_no_truncate BEFORE TRUNCATE ON points_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION points_ledger_refuse_change();

  -- An id already held is skipped (a rebuild re-emits automatic entries). A reversal must
  -- name an entry that exists, is not a reversal, and is not reversed yet. A row-level
  -- BEFORE trigger sees the rows its statement inserted before it, so a batch holding an
  -- entry and its reversal works, and a batch reversing one entry twice does not.
  CREATE FUNCTION points_ledger_check_insert() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $fn$
  BEGIN
    IF EXISTS (SELECT 1 FROM points_ledger WHERE id = NEW.id) THEN
      RETURN NULL;
    END IF;
    IF NEW.reverses IS NOT NULL THEN
      IF EXISTS (SELECT 1 FROM points_ledger WHERE reverses = NEW.reverses) THEN
        RAISE EXCEPTION '${ALREADY_REVERSED}' USING ERRCODE = 'integrity_constraint_violation', DETAIL = NEW.reverses;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM points_ledger WHERE id = NEW.reverses AND reverses IS NULL) THEN
        RAISE EXCEPTION '${NOT_REVERSIBLE}' USING ERRCODE = 'integrity_constraint_violation', DETAIL = NEW.reverses;
      END IF;
    END IF;
    RETURN NEW;
  END
  $fn$;
  CREATE TRIGGER points_ledger_insert BEFORE INSERT ON points_ledger
    FOR EACH ROW EXECUTE FUNCTION points_ledger_check_insert();
  `,
  // 2 — a repeat is the same event time and id (repeatTimeOf in server/storage/types.ts),
  // as in SQLite: keyed time first, each new key lands near the last, where ids alone
  // (UUID-named events) were inserted all over the index.
  `
  ALTER TABLE event_log DROP CONSTRAINT event_log_id_key;
  CREATE UNIQUE INDEX event_log_repeats ON event_log ((COALESCE(ts, 0)), id);
  `,
];

export const STORAGE_SCHEMA_VERSION = STORAGE_MIGRATIONS.length;
export const STORAGE_COMPONENT = 'storage';
