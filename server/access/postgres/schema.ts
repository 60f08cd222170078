/**
 * The PostgreSQL schema of the access store, as ordered migrations (component `access` in
 * floorwatch_migrations, see server/storage/postgres/migrate.ts). It mirrors the SQLite
 * one (server/access/sqlite/schema.ts): tables prefixed `access_`, so they can share a
 * database and schema with the event storage. Times are double precision (JavaScript ms),
 * text that is sorted or unique compares byte-wise (COLLATE "C") as in SQLite.
 */

const AUDIT_APPEND_ONLY = 'audit log is append-only';

export const ACCESS_MIGRATIONS: readonly string[] = [
  // 1 — the first schema.
  `
  -- Usernames are stored lower-case (CHECK: even a hand-written INSERT cannot put "Admin"
  -- beside "admin"), so the unique constraint makes them unique ignoring case.
  CREATE TABLE access_accounts (
    id                   text COLLATE "C" PRIMARY KEY,
    username             text COLLATE "C" NOT NULL CHECK (username = lower(username)),
    name                 text             NOT NULL,
    role                 text             NOT NULL,
    teams                text             NOT NULL,  -- JSON array of team names
    password_hash        text             NOT NULL,
    password_changed_at  double precision NOT NULL,
    must_change_password boolean          NOT NULL,
    disabled             boolean          NOT NULL,
    created_at           double precision NOT NULL,
    last_sign_in_at      double precision,
    failed_sign_ins      integer          NOT NULL,
    locked_until         double precision,
    sessions_valid_after double precision,
    -- JSON array of earlier password hashes, to refuse reuse (see sqlite/accounts.ts).
    previous_password_hashes text,
    CONSTRAINT access_accounts_username_unique UNIQUE (username)
  );

  CREATE TABLE access_sessions (
    id           text COLLATE "C" PRIMARY KEY,  -- SHA-256 of the cookie's token
    account_id   text COLLATE "C" NOT NULL,
    csrf_token   text             NOT NULL,
    created_at   double precision NOT NULL,
    last_seen_at double precision NOT NULL,
    expires_at   double precision NOT NULL,
    ip           text
  );
  CREATE INDEX access_sessions_by_account ON access_sessions (account_id);
  CREATE INDEX access_sessions_by_expiry  ON access_sessions (expires_at);

  CREATE TABLE access_devices (
    id           text COLLATE "C" PRIMARY KEY,
    name         text             NOT NULL,
    token_hash   text COLLATE "C" NOT NULL UNIQUE,
    created_at   double precision NOT NULL,
    created_by   text             NOT NULL,
    last_seen_at double precision,
    revoked_at   double precision
  );

  CREATE TABLE access_pair_requests (
    id              text COLLATE "C" PRIMARY KEY,
    code            text COLLATE "C" NOT NULL,
    poll_token_hash text             NOT NULL,
    created_at      double precision NOT NULL,
    expires_at      double precision NOT NULL,
    ip              text,
    device_id       text,
    device_token    text  -- held only until the TV collects it
  );
  CREATE INDEX access_pair_requests_by_code   ON access_pair_requests (code, expires_at);
  CREATE INDEX access_pair_requests_by_expiry ON access_pair_requests (expires_at);

  CREATE TABLE access_feed_tokens (
    id           text COLLATE "C" PRIMARY KEY,
    name         text             NOT NULL,
    token_hash   text COLLATE "C" NOT NULL UNIQUE,
    created_at   double precision NOT NULL,
    created_by   text             NOT NULL,
    last_used_at double precision,
    revoked_at   double precision
  );

  -- GENERATED ALWAYS: nobody picks a seq, so a forged entry cannot take a real one's place.
  CREATE TABLE access_audit (
    seq    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at     double precision NOT NULL,
    actor  text COLLATE "C" NOT NULL,
    action text COLLATE "C" NOT NULL,
    target text,
    ip     text,
    detail text  -- JSON object
  );
  CREATE INDEX access_audit_by_at     ON access_audit (at);
  CREATE INDEX access_audit_by_actor  ON access_audit (actor, seq);
  CREATE INDEX access_audit_by_action ON access_audit (action, seq);

  -- Append-only, enforced by the database itself, whoever connects to it (an upsert
  -- becomes an UPDATE and is refused too).
  CREATE FUNCTION access_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $fn$
  BEGIN
    RAISE EXCEPTION '${AUDIT_APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation';
  END
  $fn$;
  CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_refuse_change();
  CREATE TRIGGER access_audit_no_truncate BEFORE TRUNCATE ON access_audit
    FOR EACH STATEMENT EXECUTE FUNCTION access_audit_refuse_change();
  `,
];

export const ACCESS_SCHEMA_VERSION = ACCESS_MIGRATIONS.length;
export const ACCESS_COMPONENT = 'access';
