/**
 * TV pairing requests in SQLite: the code a TV shows until an admin approves it, and the
 * device token waiting for that TV to collect it.
 */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { toBound } from '../../storage/limits.js';
import { fromPairRequestRow, PAIR_REQUEST_COLUMNS, toPairRequestRow, type PairRequestRow } from '../rows.js';
import type { AccessStore } from '../types.js';
import { unlessDuplicate } from './rows.js';

const COLUMNS = PAIR_REQUEST_COLUMNS.join(', ');

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
      const row = toPairRequestRow(request);
      unlessDuplicate('pair request', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromPairRequestRow(selectById.get(id));
    },
    async byCode(code, now) {
      connection.assertOpen();
      return fromPairRequestRow(selectLiveByCode.get(code, toBound('now', now)));
    },
    async update(request) {
      connection.assertOpen();
      update.run(toPairRequestRow(request));
    },
    async prune(now) {
      connection.assertOpen();
      return deleteExpired.run(toBound('now', now)).changes;
    },
  };
}
