/**
 * The notification tables, as ordered migrations. They share the database file with the
 * event storage (which owns `PRAGMA user_version`) and the access tables, so, like those,
 * they count their own version in `notify_meta` and every object is prefixed `notify_`.
 * Never edit a shipped migration: append a new one.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

export const NOTIFY_MIGRATIONS: readonly string[] = [
  // 1 — the first schema.
  `
  -- Channels, recipients and routes: the config JSON as validated by shared/notify.ts.
  -- source: 'file' (the configuration file provides it, and wins at the next start) or 'ui'.
  CREATE TABLE notify_channels (
    id         TEXT    PRIMARY KEY,
    config     TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('file', 'ui')),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE notify_recipients (
    id         TEXT    PRIMARY KEY,
    config     TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('file', 'ui')),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE notify_routes (
    id         TEXT    PRIMARY KEY,
    config     TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('file', 'ui')),
    updated_at INTEGER NOT NULL
  );

  -- The outbox: one row per notification decided, written before anything is sent, so a
  -- decision survives a crash. The id is deterministic (alert:level:recipient:channel):
  -- deciding again after a restart inserts nothing new.
  CREATE TABLE notify_outbox (
    id              TEXT    PRIMARY KEY,
    type            TEXT    NOT NULL,
    alert_id        TEXT    NOT NULL,
    rule            TEXT    NOT NULL,
    severity        TEXT    NOT NULL,
    level           TEXT    NOT NULL,
    recipient_id    TEXT    NOT NULL,
    channel_id      TEXT    NOT NULL,
    recipient_to    TEXT,
    dedupe_key      TEXT    NOT NULL,
    message         TEXT    NOT NULL,  -- NotificationMessage JSON: no customer data
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    last_error      TEXT
  );
  CREATE INDEX notify_outbox_due    ON notify_outbox (status, next_attempt_at);
  CREATE INDEX notify_outbox_dedupe ON notify_outbox (dedupe_key, created_at);
  CREATE INDEX notify_outbox_alert  ON notify_outbox (alert_id);
  CREATE INDEX notify_outbox_recent ON notify_outbox (updated_at);

  -- Acknowledge links: bound to one delivery (so to one recipient and one alert), expiring,
  -- and single use: used_at is set once, by a conditional UPDATE.
  CREATE TABLE notify_ack_tokens (
    id         TEXT    PRIMARY KEY,  -- the delivery id
    alert_id   TEXT    NOT NULL,
    account    TEXT    NOT NULL,     -- the recipient's account (username)
    language   TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    used_ip    TEXT
  );

  -- Per-channel health and counters.
  CREATE TABLE notify_health (
    channel_id           TEXT    PRIMARY KEY,
    sent                 INTEGER NOT NULL DEFAULT 0,
    failed               INTEGER NOT NULL DEFAULT 0,
    retried              INTEGER NOT NULL DEFAULT 0,
    dead                 INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_success_at      INTEGER,
    last_failure_at      INTEGER,
    last_error           TEXT
  );
  `,
];

export const NOTIFY_SCHEMA_VERSION = NOTIFY_MIGRATIONS.length;

const VERSION_KEY = 'schema_version';
/** The key that signs acknowledge links: made once per database, so links survive a restart. */
export const ACK_KEY = 'ack_key';

/** Brings the notify tables up to date in one IMMEDIATE transaction (see access/sqlite/schema.ts). */
export function applyNotifyMigrations(db: Database.Database): void {
  const migrate = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS notify_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    const stored = db.prepare<[string], string>('SELECT value FROM notify_meta WHERE key = ?').pluck().get(VERSION_KEY);
    const current = stored === undefined ? 0 : Number(stored);
    if (!Number.isInteger(current) || current < 0) throw new Error(`notify_meta.${VERSION_KEY} is ${JSON.stringify(stored)}, not a schema version`);
    if (current > NOTIFY_SCHEMA_VERSION) {
      throw new Error(`notification schema is version ${current}, newer than this build of Floorwatch knows (${NOTIFY_SCHEMA_VERSION}); upgrade Floorwatch or use another database file`);
    }
    for (let version = current; version < NOTIFY_SCHEMA_VERSION; version++) db.exec(NOTIFY_MIGRATIONS[version]);
    const upsert = db.prepare('INSERT INTO notify_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    if (current !== NOTIFY_SCHEMA_VERSION) upsert.run(VERSION_KEY, String(NOTIFY_SCHEMA_VERSION));
    const key = db.prepare<[string], string>('SELECT value FROM notify_meta WHERE key = ?').pluck().get(ACK_KEY);
    if (key === undefined) db.prepare('INSERT INTO notify_meta (key, value) VALUES (?, ?)').run(ACK_KEY, randomBytes(32).toString('hex'));
  });
  migrate.immediate();
}

export function ackKeyOf(db: Database.Database): string {
  return db.prepare<[string], string>('SELECT value FROM notify_meta WHERE key = ?').pluck().get(ACK_KEY)!;
}
