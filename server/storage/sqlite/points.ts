/**
 * The points ledger in SQLite. Only INSERT and SELECT are ever issued here; the table's
 * triggers (schema.ts, migration 3) refuse UPDATE and DELETE from any connection, skip an
 * id already held, and refuse a second reversal of an entry.
 */
import type { PointsEntry } from '../../../shared/points.js';
import {
  ALREADY_REVERSED, NOT_REVERSIBLE, PointsLedgerConflictError, assertStorableEntry, pointsListBounds, storedForm,
  type PointsListQuery,
} from '../points-rules.js';
import type { PointsLedger } from '../types.js';
import { sqlLimit, type SqliteConnection } from './connection.js';

type EntryRowValues = [id: string, agentId: string, at: number, reverses: string | null, json: string];

interface EntryRow {
  json: string;
  reversed_by: string | null;
}

/** Every read fills `reversedBy` from the reversal that names the entry, if any. */
const SELECT = `SELECT p.json, r.id AS reversed_by FROM points_ledger p
  LEFT JOIN points_ledger r ON r.reverses = p.id`;

export function createSqlitePointsLedger(connection: SqliteConnection): PointsLedger {
  const db = connection.db;
  const insert = db.prepare<EntryRowValues>(
    'INSERT INTO points_ledger (id, agent_id, at, reverses, json) VALUES (?, ?, ?, ?, ?)');
  const insertAll = db.transaction((rows: EntryRowValues[]) => {
    for (const row of rows) {
      try {
        insert.run(...row);
      } catch (error) {
        // Thrown out of the transaction function, so the whole batch rolls back.
        throw conflictFrom(error, row) ?? error;
      }
    }
  });
  const selectById = db.prepare<[string], EntryRow>(`${SELECT} WHERE p.id = ?`);
  const selectReversalOf = db.prepare<[string], EntryRow>(`${SELECT} WHERE p.reverses = ?`);

  // list() builds its SQL from which filters are present; each shape is prepared once.
  const listStatements = new Map<string, ReturnType<typeof prepareList>>();
  const prepareList = (sql: string) => db.prepare<unknown[], EntryRow>(sql);

  return {
    async record(entries: PointsEntry[]): Promise<void> {
      connection.assertOpen();
      if (entries.length === 0) return;
      const rows = entries.map((entry): EntryRowValues => {
        assertStorableEntry(entry);
        return [entry.id, entry.agentId, entry.at, entry.reverses ?? null, storedForm(entry)];
      });
      insertAll.immediate(rows);
    },

    async list(query: PointsListQuery): Promise<PointsEntry[]> {
      connection.assertOpen();
      const bounds = pointsListBounds(query);
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (query.agentId !== undefined) {
        conditions.push('p.agent_id = ?');
        params.push(query.agentId);
      }
      if (bounds.from !== undefined) {
        conditions.push('p.at >= ?');
        params.push(bounds.from);
      }
      if (bounds.to !== undefined) {
        conditions.push('p.at < ?');
        params.push(bounds.to);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const sql = `${SELECT} ${where} ORDER BY p.at, p.seq LIMIT ?`;
      params.push(sqlLimit(bounds.limit));
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = prepareList(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params).map(fromRow);
    },

    async get(id: string): Promise<PointsEntry | undefined> {
      connection.assertOpen();
      const row = selectById.get(id);
      return row === undefined ? undefined : fromRow(row);
    },

    async reversalOf(id: string): Promise<PointsEntry | undefined> {
      connection.assertOpen();
      const row = selectReversalOf.get(id);
      return row === undefined ? undefined : fromRow(row);
    },
  };
}

function fromRow(row: EntryRow): PointsEntry {
  const entry = JSON.parse(row.json) as PointsEntry;
  return row.reversed_by === null ? entry : { ...entry, reversedBy: row.reversed_by };
}

/** The trigger's RAISE(ABORT) message on this row, as the error the memory ledger raises. */
function conflictFrom(error: unknown, row: EntryRowValues): PointsLedgerConflictError | undefined {
  const message = error instanceof Error ? error.message : '';
  const reason = message.includes(ALREADY_REVERSED) ? 'already-reversed' : message.includes(NOT_REVERSIBLE) ? 'not-reversible' : undefined;
  return reason === undefined || row[3] === null ? undefined : new PointsLedgerConflictError(row[3], reason, { cause: error });
}
