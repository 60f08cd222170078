/**
 * Paired TV displays and feed tokens are the same kind of record in SQLite: a named,
 * revocable credential kept only as the SHA-256 of its token, with the time it was last
 * used. One table shape, one implementation; only the table and the name of the
 * "last used" column differ.
 */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
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

export interface CredentialStore<R> {
  create(record: R): Promise<void>;
  get(id: string): Promise<R | null>;
  byTokenHash(tokenHash: string): Promise<R | null>;
  list(): Promise<R[]>;
  update(record: R): Promise<void>;
}

function createCredentials<R extends Base>(connection: SqliteConnection, spec: CredentialTable<R>): CredentialStore<R> {
  const db = connection.db;
  const { table, lastColumn, lastField, label } = spec;
  const columns = `id, name, token_hash, created_at, created_by, ${lastColumn} AS last_at, revoked_at`;
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

  const toRow = (r: R): CredentialRow => ({
    id: r.id,
    name: r.name,
    token_hash: r.tokenHash,
    created_at: r.createdAt,
    created_by: r.createdBy,
    last_at: orNull(r[lastField] as number | undefined),
    revoked_at: orNull(r.revokedAt),
  });
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
      const row = toRow(record);
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
      const row = toRow(record);
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
