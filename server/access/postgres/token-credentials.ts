/**
 * Paired TV displays and feed tokens in PostgreSQL: the same kind of record (see
 * CredentialRow in ../rows.ts), so one implementation; only the table and the "last used"
 * column differ.
 */
import type { PgConnection } from '../../storage/postgres/connection.js';
import {
  CREDENTIAL_FIELDS, credentialColumns, fromCredentialRow, toCredentialRow, valuesOf,
  type CredentialBase, type CredentialRow, type CredentialStore, type CredentialTable,
} from '../rows.js';
import type { DeviceRecord, FeedTokenRecord } from '../types.js';
import { unlessDuplicate } from './rows.js';

function createCredentials<R extends CredentialBase>(connection: PgConnection, spec: CredentialTable<R>): CredentialStore<R> {
  const { table, lastColumn, lastField, label } = spec;
  const columns = credentialColumns(lastColumn);
  const toValues = (r: R): unknown[] => valuesOf(toCredentialRow(r, lastField), CREDENTIAL_FIELDS);
  const fromRow = (row: CredentialRow | undefined) => fromCredentialRow<R>(row, lastField);

  return {
    async create(record) {
      connection.assertOpen();
      await unlessDuplicate(label, () => connection.query(
        `INSERT INTO ${table} (id, name, token_hash, created_at, created_by, ${lastColumn}, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`, toValues(record)));
    },
    async get(id) {
      connection.assertOpen();
      const { rows } = await connection.query<CredentialRow>(`SELECT ${columns} FROM ${table} WHERE id = $1`, [id]);
      return fromRow(rows[0]);
    },
    async byTokenHash(tokenHash) {
      connection.assertOpen();
      const { rows } = await connection.query<CredentialRow>(`SELECT ${columns} FROM ${table} WHERE token_hash = $1`, [tokenHash]);
      return fromRow(rows[0]);
    },
    async list() {
      connection.assertOpen();
      const { rows } = await connection.query<CredentialRow>(`SELECT ${columns} FROM ${table} ORDER BY created_at, id`);
      return rows.map((row) => fromRow(row) as R);
    },
    async update(record) {
      connection.assertOpen();
      await unlessDuplicate(label, () => connection.query(
        `UPDATE ${table} SET name = $2, token_hash = $3, created_at = $4, created_by = $5, ${lastColumn} = $6,
           revoked_at = $7 WHERE id = $1`, toValues(record)));
    },
  };
}

export function createPostgresDevices(connection: PgConnection): CredentialStore<DeviceRecord> {
  return createCredentials<DeviceRecord>(connection, { table: 'access_devices', lastColumn: 'last_seen_at', lastField: 'lastSeenAt', label: 'device' });
}

export function createPostgresFeedTokens(connection: PgConnection): CredentialStore<FeedTokenRecord> {
  return createCredentials<FeedTokenRecord>(connection, { table: 'access_feed_tokens', lastColumn: 'last_used_at', lastField: 'lastUsedAt', label: 'feed token' });
}
