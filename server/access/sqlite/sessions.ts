/** Sign-in sessions in SQLite, keyed by the SHA-256 of the cookie's token. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { toBound } from '../../storage/limits.js';
import type { AccessStore, SessionRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

interface SessionRow {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
}

const COLUMNS = 'id, account_id, csrf_token, created_at, last_seen_at, expires_at, ip';

export function createSqliteSessions(connection: SqliteConnection): AccessStore['sessions'] {
  const db = connection.db;
  const insert = db.prepare<[SessionRow]>(
    `INSERT INTO access_sessions (${COLUMNS})
     VALUES (@id, @account_id, @csrf_token, @created_at, @last_seen_at, @expires_at, @ip)`);
  const selectById = db.prepare<[string], SessionRow>(`SELECT ${COLUMNS} FROM access_sessions WHERE id = ?`);
  const update = db.prepare<[SessionRow]>(
    `UPDATE access_sessions SET account_id = @account_id, csrf_token = @csrf_token,
       created_at = @created_at, last_seen_at = @last_seen_at, expires_at = @expires_at, ip = @ip
     WHERE id = @id`);
  const deleteById = db.prepare<[string]>('DELETE FROM access_sessions WHERE id = ?');
  const deleteByAccount = db.prepare<[string]>('DELETE FROM access_sessions WHERE account_id = ?');
  // Expired from its expiry instant on (store-rules.ts isUnexpired).
  const deleteExpired = db.prepare<[number]>('DELETE FROM access_sessions WHERE expires_at <= ?');

  return {
    async create(session) {
      connection.assertOpen();
      const row = toRow(session);
      unlessDuplicate('session', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromRow(selectById.get(id));
    },
    async update(session) {
      connection.assertOpen();
      update.run(toRow(session));
    },
    async delete(id) {
      connection.assertOpen();
      deleteById.run(id);
    },
    async deleteForAccount(accountId) {
      connection.assertOpen();
      return deleteByAccount.run(accountId).changes;
    },
    async prune(now) {
      connection.assertOpen();
      return deleteExpired.run(toBound('now', now)).changes;
    },
  };
}

function toRow(session: SessionRecord): SessionRow {
  return {
    id: session.id,
    account_id: session.accountId,
    csrf_token: session.csrfToken,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    expires_at: session.expiresAt,
    ip: orNull(session.ip),
  };
}

function fromRow(row: SessionRow | undefined): SessionRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: orUndefined(row.ip),
  });
}
