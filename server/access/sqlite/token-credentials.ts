/**
 * Paired TV displays and feed tokens in SQLite: the same kind of record (see
 * CredentialRow in ../rows.ts), so one implementation; only the table and the name of the
 * "last used" column differ.
 */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import {
  credentialColumns, fromCredentialRow, toCredentialRow,
  type CredentialBase, type CredentialRow, type CredentialStore, type CredentialTable,
} from '../rows.js';
import type { DeviceRecord, FeedTokenRecord } from '../types.js';
import { unlessDuplicate } from './rows.js';

function createCredentials<R extends CredentialBase>(connection: SqliteConnection, spec: CredentialTable<R>): CredentialStore<R> {
  const db = connection.db;
  const { table, lastColumn, lastField, label } = spec;
  const columns = credentialColumns(lastColumn);
  const insert = db.prepare<[CredentialRow]>(
    `INSERT INTO ${table} (id, name, token_hash, created_at, created_by, ${lastColumn}, revoked_at)
     VALUES (@id, @name, @token_hash, @created_at, @created_by, @last_at, @revoked_at)`);
  const selectById = db.prepare<[string], CredentialRow>(`SELECT ${columns} FROM ${table} WHERE id = ?`);
  const selectByTokenHash = db.prepare<[string], CredentialRow>(`SELECT ${columns} FROM ${table} WHERE token_hash = ?`);
  const selectAll = db.prepare<[], CredentialRow>(`SELECT ${columns} FROM ${table} ORDER BY created_at, id`);
  const update = db.prepare<[CredentialRow]>(
    `UPDATE ${table} SET name = @name, token_hash = @token_hash, created_at = @created_at,
       created_by = @created_by, ${lastColumn} = @last_at, revoked_at = @revoked_at
     WHERE id = @id`);
  const fromRow = (row: CredentialRow | undefined) => fromCredentialRow<R>(row, lastField);

  return {
    async create(record) {
      connection.assertOpen();
      const row = toCredentialRow(record, lastField);
      unlessDuplicate(label, () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromRow(selectById.get(id));
    },
    async byTokenHash(tokenHash) {
      connection.assertOpen();
      return fromRow(selectByTokenHash.get(tokenHash));
    },
    async list() {
      connection.assertOpen();
      return selectAll.all().map((row) => fromRow(row) as R);
    },
    async update(record) {
      connection.assertOpen();
      const row = toCredentialRow(record, lastField);
      unlessDuplicate(label, () => update.run(row));
    },
  };
}

export function createSqliteDevices(connection: SqliteConnection): CredentialStore<DeviceRecord> {
  return createCredentials<DeviceRecord>(connection, { table: 'access_devices', lastColumn: 'last_seen_at', lastField: 'lastSeenAt', label: 'device' });
}

export function createSqliteFeedTokens(connection: SqliteConnection): CredentialStore<FeedTokenRecord> {
  return createCredentials<FeedTokenRecord>(connection, { table: 'access_feed_tokens', lastColumn: 'last_used_at', lastField: 'lastUsedAt', label: 'feed token' });
}
