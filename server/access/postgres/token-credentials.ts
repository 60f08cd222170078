/**
 * Paired TV displays and feed tokens in PostgreSQL: the same kind of record (a named,
 * revocable credential kept only as the SHA-256 of its token, with when it was last
 * used), so one implementation; only the table and the "last used" column differ.
 */
import type { PgConnection } from '../../storage/postgres/connection.js';
import type { CredentialStore } from '../sqlite/token-credentials.js';
import type { DeviceRecord, FeedTokenRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

interface CredentialRow {
  id: string;
  name: string;
  token_hash: string;
  created_at: number;
  created_by: string;
  last_at: number | null;
  revoked_at: number | null;
}

type Base = Omit<DeviceRecord, 'lastSeenAt'>;

interface CredentialTable<R extends Base> {
  table: 'access_devices' | 'access_feed_tokens';
  /** The column and record field holding the last use. */
  lastColumn: 'last_seen_at' | 'last_used_at';
  lastField: keyof R & string;
  /** For duplicate-key errors. */
  label: string;
}

function createCredentials<R extends Base>(connection: PgConnection, spec: CredentialTable<R>): CredentialStore<R> {
  const { table, lastColumn, lastField, label } = spec;
  const columns = `id, name, token_hash, created_at, created_by, ${lastColumn} AS last_at, revoked_at`;
  const toValues = (r: R): unknown[] =>
    [r.id, r.name, r.tokenHash, r.createdAt, r.createdBy, orNull(r[lastField] as number | undefined), orNull(r.revokedAt)];
  const fromRow = (row: CredentialRow | undefined): R | null => {
    if (row === undefined) return null;
    return compact({
      id: row.id,
      name: row.name,
      tokenHash: row.token_hash,
      createdAt: row.created_at,
      createdBy: row.created_by,
      [lastField]: orUndefined(row.last_at),
      revokedAt: orUndefined(row.revoked_at),
    }) as unknown as R;
  };

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
