/**
 * The audit log in PostgreSQL. Only INSERT and SELECT are ever issued here; the table's
 * triggers (schema.ts) refuse UPDATE, DELETE and TRUNCATE from any connection.
 */
import type { AuditEntry } from '../../../shared/access.js';
import type { PgConnection } from '../../storage/postgres/connection.js';
import { AUDIT_APPEND_COLUMNS, auditListQuery, fromAuditRow, storedAuditEntry, toAuditRow, valuesOf, type AuditRow } from '../rows.js';
import { auditListLimit } from '../store-rules.js';
import type { AccessStore, AuditQuery } from '../types.js';

export function createPostgresAudit(connection: PgConnection): AccessStore['audit'] {
  return {
    async append(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry> {
      connection.assertOpen();
      const stored = storedAuditEntry(entry);
      const { rows } = await connection.query<{ seq: string }>(
        `INSERT INTO access_audit (at, actor, action, target, ip, detail) VALUES ($1, $2, $3, $4, $5, $6) RETURNING seq`,
        valuesOf(toAuditRow(stored), AUDIT_APPEND_COLUMNS));
      return { ...stored, seq: Number(rows[0].seq) };
    },

    async list(query: AuditQuery): Promise<AuditEntry[]> {
      connection.assertOpen();
      const { sql, params } = auditListQuery(query, auditListLimit(query.limit), (n) => `$${n}`);
      const { rows } = await connection.query<AuditRow>(sql, params);
      return rows.map(fromAuditRow);
    },
  };
}
