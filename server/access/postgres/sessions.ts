/** Sign-in sessions in PostgreSQL, keyed by the SHA-256 of the cookie's token. */
import type { PgConnection } from '../../storage/postgres/connection.js';
import { toBound } from '../../storage/limits.js';
import { fromSessionRow, SESSION_COLUMNS, toSessionRow, valuesOf, type SessionRow } from '../rows.js';
import type { AccessStore, SessionRecord } from '../types.js';
import { unlessDuplicate } from './rows.js';

const COLUMNS = SESSION_COLUMNS.join(', ');

export function createPostgresSessions(connection: PgConnection): AccessStore['sessions'] {
  return {
    async create(session) {
      connection.assertOpen();
      await unlessDuplicate('session', () => connection.query(
        `INSERT INTO access_sessions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, toValues(session)));
    },
    async get(id) {
      connection.assertOpen();
      const { rows } = await connection.query<SessionRow>(`SELECT ${COLUMNS} FROM access_sessions WHERE id = $1`, [id]);
      return fromSessionRow(rows[0]);
    },
    async update(session) {
      connection.assertOpen();
      await connection.query(
        `UPDATE access_sessions SET account_id = $2, csrf_token = $3, created_at = $4, last_seen_at = $5,
           expires_at = $6, ip = $7 WHERE id = $1`, toValues(session));
    },
    async delete(id) {
      connection.assertOpen();
      await connection.query('DELETE FROM access_sessions WHERE id = $1', [id]);
    },
    async deleteForAccount(accountId) {
      connection.assertOpen();
      const { rowCount } = await connection.query('DELETE FROM access_sessions WHERE account_id = $1', [accountId]);
      return rowCount ?? 0;
    },
    async prune(now) {
      connection.assertOpen();
      // Expired from its expiry instant on (store-rules.ts isUnexpired).
      const { rowCount } = await connection.query('DELETE FROM access_sessions WHERE expires_at <= $1', [toBound('now', now)]);
      return rowCount ?? 0;
    },
  };
}

function toValues(session: SessionRecord): unknown[] {
  return valuesOf(toSessionRow(session), SESSION_COLUMNS);
}
