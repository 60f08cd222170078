/**
 * TV pairing requests in SQLite: the code a TV shows until an admin approves it, and the
 * device token waiting for that TV to collect it.
 */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { toBound } from '../../storage/limits.js';
import type { AccessStore, PairRequestRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

interface PairRequestRow {
  id: string;
  code: string;
  poll_token_hash: string;
  created_at: number;
  expires_at: number;
  ip: string | null;
  device_id: string | null;
  device_token: string | null;
}

const COLUMNS = 'id, code, poll_token_hash, created_at, expires_at, ip, device_id, device_token';

export function createSqlitePairRequests(connection: SqliteConnection): AccessStore['pairRequests'] {
  const db = connection.db;
  const insert = db.prepare<[PairRequestRow]>(
    `INSERT INTO access_pair_requests (${COLUMNS})
     VALUES (@id, @code, @poll_token_hash, @created_at, @expires_at, @ip, @device_id, @device_token)`);
  const selectById = db.prepare<[string], PairRequestRow>(`SELECT ${COLUMNS} FROM access_pair_requests WHERE id = ?`);
  // Should two live requests ever show the same code, the newer one is the TV on screen now.
  const selectLiveByCode = db.prepare<[string, number], PairRequestRow>(
    `SELECT ${COLUMNS} FROM access_pair_requests WHERE code = ? AND expires_at > ?
     ORDER BY created_at DESC, id ASC LIMIT 1`);
  const update = db.prepare<[PairRequestRow]>(
    `UPDATE access_pair_requests SET code = @code, poll_token_hash = @poll_token_hash,
       created_at = @created_at, expires_at = @expires_at, ip = @ip, device_id = @device_id,
       device_token = @device_token
     WHERE id = @id`);
  // The complement of "live" above: expired from the expiry instant on.
  const deleteExpired = db.prepare<[number]>('DELETE FROM access_pair_requests WHERE expires_at <= ?');

  return {
    async create(request) {
      connection.assertOpen();
      const row = toRow(request);
      unlessDuplicate('pair request', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromRow(selectById.get(id));
    },
    async byCode(code, now) {
      connection.assertOpen();
      return fromRow(selectLiveByCode.get(code, toBound('now', now)));
    },
    async update(request) {
      connection.assertOpen();
      update.run(toRow(request));
    },
    async prune(now) {
      connection.assertOpen();
      return deleteExpired.run(toBound('now', now)).changes;
    },
  };
}

function toRow(request: PairRequestRecord): PairRequestRow {
  return {
    id: request.id,
    code: request.code,
    poll_token_hash: request.pollTokenHash,
    created_at: request.createdAt,
    expires_at: request.expiresAt,
    ip: orNull(request.ip),
    device_id: orNull(request.deviceId),
    device_token: orNull(request.deviceToken),
  };
}

function fromRow(row: PairRequestRow | undefined): PairRequestRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    code: row.code,
    pollTokenHash: row.poll_token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ip: orUndefined(row.ip),
    deviceId: orUndefined(row.device_id),
    deviceToken: orUndefined(row.device_token),
  });
}
