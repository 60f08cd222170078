/**
 * The access tables' schema as an ordered list of migrations. The access store may share
 * its file with the event storage, which owns `PRAGMA user_version`; so the access
 * migrations count themselves in their own `access_meta` table, and every object they
 * create is prefixed `access_`. Never edit a shipped migration: append a new one.
 */
import type Database from 'better-sqlite3';

const APPEND_ONLY = `SELECT RAISE(ABORT, 'audit log is append-only')`;

export const ACCESS_MIGRATIONS: readonly string[] = [
  // 1 — the first schema.
  `
  -- Usernames are stored lower-case (CHECK: even a hand-written INSERT cannot sneak in
  -- "Admin" beside "admin"), so the UNIQUE column makes them unique ignoring case.
  CREATE TABLE access_accounts (
    id                   TEXT    PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE CHECK (username = lower(username)),
    name                 TEXT    NOT NULL,
    role                 TEXT    NOT NULL,
    teams                TEXT    NOT NULL,  -- JSON array of team names
    password_hash        TEXT    NOT NULL,
    password_changed_at  INTEGER NOT NULL,
    must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
    disabled             INTEGER NOT NULL CHECK (disabled IN (0, 1)),
    created_at           INTEGER NOT NULL,
    last_sign_in_at      INTEGER,
    failed_sign_ins      INTEGER NOT NULL,
    locked_until         INTEGER,
    sessions_valid_after INTEGER,
    -- JSON array of earlier password hashes, to refuse reuse (see accounts.ts).
    previous_password_hashes TEXT
  );

  CREATE TABLE access_sessions (
    id           TEXT    PRIMARY KEY,  -- SHA-256 of the cookie's token
    account_id   TEXT    NOT NULL,
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    ip           TEXT
  );
  CREATE INDEX access_sessions_by_account ON access_sessions (account_id);
  CREATE INDEX access_sessions_by_expiry  ON access_sessions (expires_at);

  CREATE TABLE access_devices (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    created_by   TEXT    NOT NULL,
    last_seen_at INTEGER,
    revoked_at   INTEGER
  );

  CREATE TABLE access_pair_requests (
    id              TEXT    PRIMARY KEY,
    code            TEXT    NOT NULL,
    poll_token_hash TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    ip              TEXT,
    device_id       TEXT,
    device_token    TEXT    -- held only until the TV collects it
  );
  CREATE INDEX access_pair_requests_by_code   ON access_pair_requests (code, expires_at);
  CREATE INDEX access_pair_requests_by_expiry ON access_pair_requests (expires_at);

  CREATE TABLE access_feed_tokens (
    id           TEXT    PRIMARY KEY,
    name         TEXT    NOT NULL,
    token_hash   TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    created_by   TEXT    NOT NULL,
    last_used_at INTEGER,
    revoked_at   INTEGER
  );

  -- AUTOINCREMENT so a seq is never handed out twice.
  CREATE TABLE access_audit (
    seq    INTEGER PRIMARY KEY AUTOINCREMENT,
    at     INTEGER NOT NULL,
    actor  TEXT    NOT NULL,
    action TEXT    NOT NULL,
    target TEXT,
    ip     TEXT,
    detail TEXT  -- JSON object
  );
  CREATE INDEX access_audit_by_at     ON access_audit (at);
  CREATE INDEX access_audit_by_actor  ON access_audit (actor, seq);
  CREATE INDEX access_audit_by_action ON access_audit (action, seq);

  -- Append-only, enforced by the database itself, whoever connects to it.
  CREATE TRIGGER access_audit_no_update BEFORE UPDATE ON access_audit
  BEGIN ${APPEND_ONLY}; END;
  CREATE TRIGGER access_audit_no_delete BEFORE DELETE ON access_audit
  BEGIN ${APPEND_ONLY}; END;
  -- INSERT OR REPLACE with an existing seq deletes the old row without firing the delete
  -- trigger (SQLite fires it only with recursive_triggers on); refuse the insert instead.
  CREATE TRIGGER access_audit_no_replace BEFORE INSERT ON access_audit
  WHEN EXISTS (SELECT 1 FROM access_audit WHERE seq = NEW.seq)
  BEGIN ${APPEND_ONLY}; END;
  `,
];

export const ACCESS_SCHEMA_VERSION = ACCESS_MIGRATIONS.length;

const VERSION_KEY = 'schema_version';

/**
 * Brings the access tables up to ACCESS_SCHEMA_VERSION in one IMMEDIATE transaction: two
 * processes opening the same new file cannot both migrate it, and a failed migration
 * leaves the file as it was.
 */
export function applyAccessMigrations(db: Database.Database): void {
  const migrate = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS access_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const stored = db.prepare<[string], string>('SELECT value FROM access_meta WHERE key = ?').pluck().get(VERSION_KEY);
    const current = stored === undefined ? 0 : Number(stored);
    if (!Number.isInteger(current) || current < 0) {
      throw new Error(`access_meta.${VERSION_KEY} is ${JSON.stringify(stored)}, not a schema version`);
    }
    if (current > ACCESS_SCHEMA_VERSION) {
      throw new Error(
        `access schema is version ${current}, newer than this build of Floorwatch knows ` +
        `(${ACCESS_SCHEMA_VERSION}); upgrade Floorwatch or use another database file`);
    }
    for (let version = current; version < ACCESS_SCHEMA_VERSION; version++) db.exec(ACCESS_MIGRATIONS[version]);
    if (current !== ACCESS_SCHEMA_VERSION) {
      db.prepare('INSERT INTO access_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(VERSION_KEY, String(ACCESS_SCHEMA_VERSION));
    }
  });
  migrate.immediate();
}

/** The version recorded in the file (0 before the first migration). */
export function accessSchemaVersion(db: Database.Database): number {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'access_meta'").get();
  if (hasMeta === undefined) return 0;
  const stored = db.prepare<[string], string>('SELECT value FROM access_meta WHERE key = ?').pluck().get(VERSION_KEY);
  return stored === undefined ? 0 : Number(stored);
}
