/**
 * The audit log in SQLite. Only INSERT and SELECT are ever issued here; the table's
 * triggers (schema.ts) refuse UPDATE and DELETE from any connection.
 */
import type { AuditEntry } from '../../../shared/access.js';
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { toBound } from '../../storage/limits.js';
import { auditListLimit } from '../store-rules.js';
import type { AccessStore, AuditQuery } from '../types.js';
import { compact, orNull, orUndefined } from './rows.js';

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
}

export function createSqliteAudit(connection: SqliteConnection): AccessStore['audit'] {
  const db = connection.db;
  const insert = db.prepare<[Omit<AuditRow, 'seq'>]>(
    `INSERT INTO access_audit (at, actor, action, target, ip, detail)
     VALUES (@at, @actor, @action, @target, @ip, @detail)`);

  // list() builds its SQL from which filters are present; each shape is prepared once.
  const listStatements = new Map<string, ReturnType<typeof prepareList>>();
  const prepareList = (sql: string) => db.prepare<unknown[], AuditRow>(sql);

  return {
    async append(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry> {
      connection.assertOpen();
      // The JSON round trip is what the memory store does: what comes back is what a later
      // list() will return (undefined fields gone, dates as strings), not the caller's object.
      const stored = JSON.parse(JSON.stringify(entry)) as Omit<AuditEntry, 'seq'>;
      const { lastInsertRowid } = insert.run({
        at: toBound('at', stored.at),
        actor: stored.actor,
        action: stored.action,
        target: orNull(stored.target),
        ip: orNull(stored.ip),
        detail: stored.detail === undefined ? null : JSON.stringify(stored.detail),
      });
      return { ...stored, seq: Number(lastInsertRowid) };
    },

    async list(query: AuditQuery): Promise<AuditEntry[]> {
      connection.assertOpen();
      const { sql, params } = buildListQuery(query, auditListLimit(query.limit));
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = prepareList(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params).map(fromRow);
    },
  };
}

/** Only the filters present become conditions, so each shape can use its index. Oldest (lowest seq) first. */
function buildListQuery(query: AuditQuery, limit: number): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.from !== undefined) {
    conditions.push('at >= ?');
    params.push(toBound('from', query.from));
  }
  if (query.to !== undefined) {
    conditions.push('at < ?');
    params.push(toBound('to', query.to));
  }
  if (query.actor !== undefined) {
    conditions.push('actor = ?');
    params.push(query.actor);
  }
  if (query.action !== undefined) {
    conditions.push('action = ?');
    params.push(query.action);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  params.push(limit);
  return {
    sql: `SELECT seq, at, actor, action, target, ip, detail FROM access_audit ${where} ORDER BY seq LIMIT ?`,
    params,
  };
}

function fromRow(row: AuditRow): AuditEntry {
  return compact({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: orUndefined(row.target),
    ip: orUndefined(row.ip),
    detail: row.detail === null ? undefined : (JSON.parse(row.detail) as Record<string, unknown>),
  });
}
