import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCESS_SCHEMA_VERSION, createSqliteAccessStore } from '../../../server/access/sqlite/index.js';
import { accessSchemaVersion } from '../../../server/access/sqlite/schema.js';
import { createSqliteStorage, SCHEMA_VERSION } from '../../../server/storage/sqlite/index.js';
import { eventEntry } from '../storage/fixtures.js';
import { itKeepsWhatItStoredAcrossReopen } from './store-contract-reopen.js';
import { runAccessStoreContract } from './store-contract.js';
import { makeAccount } from './store-fixtures.js';

const tempDirs: string[] = [];
/** A fresh directory under the OS temp dir, removed after this file's tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'floorwatch-access-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

runAccessStoreContract('sqlite :memory:', () => createSqliteAccessStore(':memory:'));

// A real file too (WAL, as in production), and the path for the SQL-level audit checks.
let lastFile = '';
runAccessStoreContract('sqlite file (WAL)', () => {
  lastFile = join(tempDir(), 'access.db');
  return createSqliteAccessStore(lastFile);
}, { sqliteFile: () => lastFile });

/** Reads a file's settings over a separate connection. */
function inspect<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('sqlite access store', () => {
  it('creates missing directories, uses WAL, and records its version in access_meta, not user_version', async () => {
    const path = join(tempDir(), 'nested', 'dir', 'access.db');
    const store = createSqliteAccessStore(path);
    await store.close();
    inspect(path, (db) => {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(accessSchemaVersion(db)).toBe(ACCESS_SCHEMA_VERSION);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
    });
  });

  itKeepsWhatItStoredAcrossReopen(() => {
    const path = join(tempDir(), 'access.db');
    return () => createSqliteAccessStore(path);
  });

  for (const order of ['event storage first', 'access store first'] as const) {
    it(`shares one file with the event storage (${order})`, async () => {
      const path = join(tempDir(), 'floor.db');
      const openEvents = () => createSqliteStorage(path);
      const openAccess = () => createSqliteAccessStore(path);
      const [events, access] = order === 'event storage first'
        ? [openEvents(), openAccess()]
        : (() => { const a = openAccess(); return [openEvents(), a] as const; })();
      try {
        await events.log.append([eventEntry('evt-1')]);
        await access.accounts.create(makeAccount('acc_1'));
        await access.audit.append({ at: 1, actor: 'system', action: 'setup' });
        expect(await events.log.lastSeq()).toBe(1);
        expect(await access.accounts.count()).toBe(1);
      } finally {
        await events.close();
        await access.close();
      }
      inspect(path, (db) => {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(accessSchemaVersion(db)).toBe(ACCESS_SCHEMA_VERSION);
      });
      // And both open again cleanly over the shared file.
      const [events2, access2] = [createSqliteStorage(path), createSqliteAccessStore(path)];
      expect(await access2.accounts.count()).toBe(1);
      expect(await events2.log.lastSeq()).toBe(1);
      await events2.close();
      await access2.close();
    });
  }

  it('refuses a file whose access schema is newer than this build knows', async () => {
    const path = join(tempDir(), 'access.db');
    await createSqliteAccessStore(path).close();
    const db = new Database(path);
    db.prepare("UPDATE access_meta SET value = ? WHERE key = 'schema_version'").run(String(ACCESS_SCHEMA_VERSION + 1));
    db.close();
    expect(() => createSqliteAccessStore(path)).toThrow(/newer than this build/);
  });

  it('stores usernames lower-case even against a hand-written INSERT', async () => {
    const path = join(tempDir(), 'access.db');
    await createSqliteAccessStore(path).close();
    const db = new Database(path);
    try {
      expect(() => db.exec(`INSERT INTO access_accounts (id, username, name, role, teams, password_hash,
        password_changed_at, must_change_password, disabled, created_at, failed_sign_ins)
        VALUES ('acc_x', 'Admin', 'A', 'admin', '[]', 'h', 1, 0, 0, 1, 0)`)).toThrow(/CHECK constraint failed/);
    } finally {
      db.close();
    }
  });
});
