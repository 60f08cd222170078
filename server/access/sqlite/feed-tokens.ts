/** Feed tokens (for the systems that post events) in SQLite, kept only as SHA-256 hashes. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import type { AccessStore, FeedTokenRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

interface FeedTokenRow {
  id: string;
  name: string;
  token_hash: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

const COLUMNS = 'id, name, token_hash, created_at, created_by, last_used_at, revoked_at';

export function createSqliteFeedTokens(connection: SqliteConnection): AccessStore['feedTokens'] {
  const db = connection.db;
  const insert = db.prepare<[FeedTokenRow]>(
    `INSERT INTO access_feed_tokens (${COLUMNS})
     VALUES (@id, @name, @token_hash, @created_at, @created_by, @last_used_at, @revoked_at)`);
  const selectById = db.prepare<[string], FeedTokenRow>(`SELECT ${COLUMNS} FROM access_feed_tokens WHERE id = ?`);
  const selectByTokenHash = db.prepare<[string], FeedTokenRow>(`SELECT ${COLUMNS} FROM access_feed_tokens WHERE token_hash = ?`);
  const selectAll = db.prepare<[], FeedTokenRow>(`SELECT ${COLUMNS} FROM access_feed_tokens ORDER BY created_at, id`);
  const update = db.prepare<[FeedTokenRow]>(
    `UPDATE access_feed_tokens SET name = @name, token_hash = @token_hash, created_at = @created_at,
       created_by = @created_by, last_used_at = @last_used_at, revoked_at = @revoked_at
     WHERE id = @id`);

  return {
    async create(token) {
      connection.assertOpen();
      const row = toRow(token);
      unlessDuplicate('feed token', () => insert.run(row));
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
      return selectAll.all().map((row) => fromRow(row) as FeedTokenRecord);
    },
    async update(token) {
      connection.assertOpen();
      const row = toRow(token);
      unlessDuplicate('feed token', () => update.run(row));
    },
  };
}

function toRow(token: FeedTokenRecord): FeedTokenRow {
  return {
    id: token.id,
    name: token.name,
    token_hash: token.tokenHash,
    created_at: token.createdAt,
    created_by: token.createdBy,
    last_used_at: orNull(token.lastUsedAt),
    revoked_at: orNull(token.revokedAt),
  };
}

function fromRow(row: FeedTokenRow | undefined): FeedTokenRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: orUndefined(row.last_used_at),
    revokedAt: orUndefined(row.revoked_at),
  });
}
