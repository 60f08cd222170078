/** Alerts in PostgreSQL: the full record as JSON, plus indexed copies of the fields queried. */
import type { Alert } from '../../../shared/alerts.js';
import { alertListLimit, toBound } from '../limits.js';
import type { AlertQuery, AlertStore } from '../types.js';
import { toKey, type PgConnection } from './connection.js';

export function createPostgresAlertStore(connection: PgConnection): AlertStore {
  return {
    async upsert(alerts: Alert[]): Promise<void> {
      connection.assertOpen();
      if (alerts.length === 0) return;
      // One statement may not touch a row twice (ON CONFLICT would refuse the batch), and
      // the last of a repeated id is the one to keep: so keep only the last of each id.
      const last = new Map<string, Alert>();
      for (const alert of alerts) {
        last.delete(alert.id);
        last.set(alert.id, alert);
      }
      const batch = [...last.values()];
      // One statement is atomic on its own: no explicit transaction needed.
      await connection.query(
        `INSERT INTO alerts (id, status, rule, agent_id, opened_at, resolved_at, json)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::text[])
         ON CONFLICT (id) DO UPDATE SET
           status = excluded.status, rule = excluded.rule, agent_id = excluded.agent_id,
           opened_at = excluded.opened_at, resolved_at = excluded.resolved_at, json = excluded.json`,
        [
          batch.map((a) => toKey(a.id)), batch.map((a) => a.status), batch.map((a) => toKey(a.rule)),
          batch.map((a) => toKey(a.agentId ?? null)), batch.map((a) => a.openedAt),
          batch.map((a) => a.resolvedAt ?? null), batch.map((a) => JSON.stringify(a)),
        ]);
    },

    async get(id: string): Promise<Alert | null> {
      connection.assertOpen();
      const { rows } = await connection.query<{ json: string }>('SELECT json FROM alerts WHERE id = $1', [toKey(id)]);
      return rows[0] === undefined ? null : (JSON.parse(rows[0].json) as Alert);
    },

    async list(query: AlertQuery): Promise<Alert[]> {
      connection.assertOpen();
      const limit = alertListLimit(query.limit);
      // An explicit empty status list asks for alerts in no status: nothing matches.
      if (query.status !== undefined && query.status.length === 0) return [];
      const { sql, params } = buildListQuery(query, limit);
      const { rows } = await connection.query<{ json: string }>(sql, params);
      return rows.map((row) => JSON.parse(row.json) as Alert);
    },

    async prune(before: number): Promise<number> {
      connection.assertOpen();
      const { rowCount } = await connection.query(
        "DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < $1", [toBound('before', before)]);
      return rowCount ?? 0;
    },
  };
}

/**
 * Only the filters present become conditions, so each shape of query can use its index.
 * Ties on opened_at are broken by id (byte order) so paging is stable.
 */
function buildListQuery(query: AlertQuery, limit: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status !== undefined) conditions.push(`status = ANY(${param(query.status)}::text[])`);
  if (query.rule !== undefined) conditions.push(`rule = ${param(toKey(query.rule))}`);
  if (query.agentId !== undefined) conditions.push(`agent_id = ${param(toKey(query.agentId))}`);
  if (query.from !== undefined) conditions.push(`opened_at >= ${param(toBound('from', query.from))}`);
  if (query.to !== undefined) conditions.push(`opened_at < ${param(toBound('to', query.to))}`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return { sql: `SELECT json FROM alerts ${where} ORDER BY opened_at DESC, id ASC LIMIT ${param(limit)}`, params };
}
