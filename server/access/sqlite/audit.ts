/**
 * The audit log in SQLite. Only INSERT and SELECT are ever issued here; the table's
 * triggers (schema.ts) refuse UPDATE and DELETE from any connection.
 */
import type { AuditEntry } from '../../../shared/access.js';
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { auditListQuery, fromAuditRow, storedAuditEntry, toAuditRow, type AuditRow } from '../rows.js';
import { auditListLimit } from '../store-rules.js';
import type { AccessStore, AuditQuery } from '../types.js';

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
      const stored = storedAuditEntry(entry);
      const { lastInsertRowid } = insert.run(toAuditRow(stored));
      return { ...stored, seq: Number(lastInsertRowid) };
    },

    async list(query: AuditQuery): Promise<AuditEntry[]> {
      connection.assertOpen();
      const { sql, params } = auditListQuery(query, auditListLimit(query.limit), () => '?');
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = prepareList(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params).map(fromAuditRow);
    },
  };
}
