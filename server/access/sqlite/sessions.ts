/** Sign-in sessions in SQLite, keyed by the SHA-256 of the cookie's token. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { toBound } from '../../storage/limits.js';
import { fromSessionRow, SESSION_COLUMNS, toSessionRow, type SessionRow } from '../rows.js';
import type { AccessStore } from '../types.js';
import { unlessDuplicate } from './rows.js';

const COLUMNS = SESSION_COLUMNS.join(', ');

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
      const row = toSessionRow(session);
      unlessDuplicate('session', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromSessionRow(selectById.get(id));
    },
    async update(session) {
      connection.assertOpen();
      update.run(toSessionRow(session));
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
