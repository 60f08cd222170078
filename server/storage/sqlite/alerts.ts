/** Alerts in SQLite: the full record as JSON, plus indexed copies of the fields queried. */
import type { Alert } from '../../../shared/alerts.js';
import { alertListLimit, toBound } from '../limits.js';
import type { AlertQuery, AlertStore } from '../types.js';
import type { SqliteConnection } from './connection.js';

type AlertRowValues = [id: string, status: string, rule: string, agentId: string | null,
  openedAt: number, resolvedAt: number | null, json: string];

export function createSqliteAlertStore(connection: SqliteConnection): AlertStore {
  const db = connection.db;
  const upsertAlert = db.prepare<AlertRowValues>(
    `INSERT INTO alerts (id, status, rule, agent_id, opened_at, resolved_at, json)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET
       status = excluded.status, rule = excluded.rule, agent_id = excluded.agent_id,
       opened_at = excluded.opened_at, resolved_at = excluded.resolved_at, json = excluded.json`);
  const selectJsonById = db.prepare<[string], string>('SELECT json FROM alerts WHERE id = ?').pluck();
  // The literal status = 'resolved' lets SQLite use the partial index on resolved alerts.
  const deleteResolvedBefore = db.prepare<[number]>(
    "DELETE FROM alerts WHERE status = 'resolved' AND resolved_at < ?");
  const upsertAll = db.transaction((rows: AlertRowValues[]) => {
    for (const row of rows) upsertAlert.run(...row);
  });

  // list() builds its SQL from which filters are present; each shape is prepared once.
  const listStatements = new Map<string, ReturnType<typeof prepareList>>();
  const prepareList = (sql: string) => db.prepare<unknown[], string>(sql).pluck();

  return {
    async upsert(alerts: Alert[]): Promise<void> {
      connection.assertOpen();
      if (alerts.length === 0) return;
      upsertAll.immediate(alerts.map(toRowValues));
    },

    async get(id: string): Promise<Alert | null> {
      connection.assertOpen();
      const json = selectJsonById.get(id);
      return json === undefined ? null : (JSON.parse(json) as Alert);
    },

    async list(query: AlertQuery): Promise<Alert[]> {
      connection.assertOpen();
      const limit = alertListLimit(query.limit);
      // An explicit empty status list asks for alerts in no status: nothing matches.
      if (query.status !== undefined && query.status.length === 0) return [];
      const { sql, params } = buildListQuery(query, limit);
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = prepareList(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params).map((json) => JSON.parse(json) as Alert);
    },

    async prune(before: number): Promise<number> {
      connection.assertOpen();
      return deleteResolvedBefore.run(toBound('before', before)).changes;
    },
  };
}

function toRowValues(alert: Alert): AlertRowValues {
  return [alert.id, alert.status, alert.rule, alert.agentId ?? null, alert.openedAt,
    alert.resolvedAt ?? null, JSON.stringify(alert)];
}

/**
 * Only the filters present become conditions, so each shape of query can use its index.
 * Ties on opened_at are broken by id so paging is stable.
 */
function buildListQuery(query: AlertQuery, limit: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.status !== undefined) {
    conditions.push(`status IN (${query.status.map(() => '?').join(', ')})`);
    params.push(...query.status);
  }
  if (query.rule !== undefined) {
    conditions.push('rule = ?');
    params.push(query.rule);
  }
  if (query.agentId !== undefined) {
    conditions.push('agent_id = ?');
    params.push(query.agentId);
  }
  if (query.from !== undefined) {
    conditions.push('opened_at >= ?');
    params.push(toBound('from', query.from));
  }
  if (query.to !== undefined) {
    conditions.push('opened_at < ?');
    params.push(toBound('to', query.to));
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  params.push(limit);
  return { sql: `SELECT json FROM alerts ${where} ORDER BY opened_at DESC, id ASC LIMIT ?`, params };
}
