/**
 * TV pairing requests in PostgreSQL: the code a TV shows until an admin approves it, and
 * the device token waiting for that TV to collect it.
 */
import type { PgConnection } from '../../storage/postgres/connection.js';
import { toBound } from '../../storage/limits.js';
import { fromPairRequestRow, PAIR_REQUEST_COLUMNS, toPairRequestRow, valuesOf, type PairRequestRow } from '../rows.js';
import type { AccessStore, PairRequestRecord } from '../types.js';
import { unlessDuplicate } from './rows.js';

const COLUMNS = PAIR_REQUEST_COLUMNS.join(', ');

export function createPostgresPairRequests(connection: PgConnection): AccessStore['pairRequests'] {
  return {
    async create(request) {
      connection.assertOpen();
      await unlessDuplicate('pair request', () => connection.query(
        `INSERT INTO access_pair_requests (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, toValues(request)));
    },
    async get(id) {
      connection.assertOpen();
      const { rows } = await connection.query<PairRequestRow>(`SELECT ${COLUMNS} FROM access_pair_requests WHERE id = $1`, [id]);
      return fromPairRequestRow(rows[0]);
    },
    async byCode(code, now) {
      connection.assertOpen();
      // Should two live requests ever show the same code, the newer one is the TV on screen now.
      const { rows } = await connection.query<PairRequestRow>(
        `SELECT ${COLUMNS} FROM access_pair_requests WHERE code = $1 AND expires_at > $2
         ORDER BY created_at DESC, id ASC LIMIT 1`, [code, toBound('now', now)]);
      return fromPairRequestRow(rows[0]);
    },
    async update(request) {
      connection.assertOpen();
      await connection.query(
        `UPDATE access_pair_requests SET code = $2, poll_token_hash = $3, created_at = $4, expires_at = $5,
           ip = $6, device_id = $7, device_token = $8 WHERE id = $1`, toValues(request));
    },
    async prune(now) {
      connection.assertOpen();
      // The complement of "live" above: expired from the expiry instant on.
      const { rowCount } = await connection.query('DELETE FROM access_pair_requests WHERE expires_at <= $1', [toBound('now', now)]);
      return rowCount ?? 0;
    },
  };
}

function toValues(request: PairRequestRecord): unknown[] {
  return valuesOf(toPairRequestRow(request), PAIR_REQUEST_COLUMNS);
}
