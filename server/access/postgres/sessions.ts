/** Sign-in sessions in PostgreSQL, keyed by the SHA-256 of the cookie's token. */
import type { PgConnection } from '../../storage/postgres/connection.js';
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
      return fromRow(rows[0]);
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
  return [session.id, session.accountId, session.csrfToken, session.createdAt, session.lastSeenAt, session.expiresAt, orNull(session.ip)];
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
