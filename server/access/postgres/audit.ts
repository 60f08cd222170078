/**
 * The audit log in PostgreSQL. Only INSERT and SELECT are ever issued here; the table's
 * triggers (schema.ts) refuse UPDATE, DELETE and TRUNCATE from any connection.
 */
import type { AuditEntry } from '../../../shared/access.js';
import type { PgConnection } from '../../storage/postgres/connection.js';
import { toBound } from '../../storage/limits.js';
import { auditListLimit } from '../store-rules.js';
import type { AccessStore, AuditQuery } from '../types.js';
import { compact, orNull, orUndefined } from './rows.js';

interface AuditRow {
  seq: string;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
}

export function createPostgresAudit(connection: PgConnection): AccessStore['audit'] {
  return {
    async append(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry> {
      connection.assertOpen();
      // The JSON round trip is what the other stores do: what comes back is what a later
      // list() returns (undefined fields gone), not the caller's object.
      const stored = JSON.parse(JSON.stringify(entry)) as Omit<AuditEntry, 'seq'>;
      const { rows } = await connection.query<{ seq: string }>(
        `INSERT INTO access_audit (at, actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
        [toBound('at', stored.at), stored.actor, stored.action, orNull(stored.target), orNull(stored.ip),
          stored.detail === undefined ? null : JSON.stringify(stored.detail)]);
      return { ...stored, seq: Number(rows[0].seq) };
    },

    async list(query: AuditQuery): Promise<AuditEntry[]> {
      connection.assertOpen();
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.from !== undefined) conditions.push(`at >= ${param(toBound('from', query.from))}`);
      if (query.to !== undefined) conditions.push(`at < ${param(toBound('to', query.to))}`);
      if (query.actor !== undefined) conditions.push(`actor = ${param(query.actor)}`);
      if (query.action !== undefined) conditions.push(`action = ${param(query.action)}`);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      // Oldest (lowest seq) first: the order entries were appended in.
      const { rows } = await connection.query<AuditRow>(
        `SELECT seq, at, actor, action, target, ip, detail FROM access_audit ${where} ORDER BY seq LIMIT ${param(auditListLimit(query.limit))}`,
        params);
      return rows.map(fromRow);
    },
  };
}

function fromRow(row: AuditRow): AuditEntry {
  return compact({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: orUndefined(row.target),
    ip: orUndefined(row.ip),
    detail: row.detail === null ? undefined : (JSON.parse(row.detail) as Record<string, unknown>),
  });
}
