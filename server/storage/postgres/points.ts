/**
 * The points ledger in PostgreSQL. Only INSERT and SELECT are ever issued here; the
 * table's triggers (schema.ts) refuse UPDATE, DELETE and TRUNCATE from any connection,
 * skip an id already held, and refuse a second reversal of an entry.
 */
import type { PointsEntry } from '../../../shared/points.js';
import {
  ALREADY_REVERSED, NOT_REVERSIBLE, PointsLedgerConflictError, assertStorableEntry, pointsListBounds, storedForm,
  type PointsListQuery,
} from '../points-rules.js';
import type { PointsLedger } from '../types.js';
import { fromKey, pgLimit, toKey, type PgConnection } from './connection.js';

interface EntryRow {
  json: string;
  reversed_by: string | null;
}

/** Every read fills `reversedBy` from the reversal that names the entry, if any. */
const SELECT = `SELECT p.json, r.id AS reversed_by FROM points_ledger p
  LEFT JOIN points_ledger r ON r.reverses = p.id`;

export function createPostgresPointsLedger(connection: PgConnection): PointsLedger {
  return {
    async record(entries: PointsEntry[]): Promise<void> {
      connection.assertOpen();
      if (entries.length === 0) return;
      for (const entry of entries) assertStorableEntry(entry);
      try {
        // One statement, rows in the batch's order (ORDER BY the position), so the seqs
        // that order ties follow the batch, and the trigger checks each row against the
        // ones before it. One statement is all-or-nothing on its own.
        await connection.query(
          `INSERT INTO points_ledger (id, agent_id, at, reverses, json)
           SELECT id, agent_id, at, reverses, json
           FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[], $5::text[])
             WITH ORDINALITY AS batch (id, agent_id, at, reverses, json, position)
           ORDER BY position
           ON CONFLICT (id) DO NOTHING`,
          [
            entries.map((e) => toKey(e.id)), entries.map((e) => toKey(e.agentId)), entries.map((e) => e.at),
            entries.map((e) => toKey(e.reverses ?? null)), entries.map(storedForm),
          ]);
      } catch (error) {
        throw conflictFrom(error) ?? error;
      }
    },

    async list(query: PointsListQuery): Promise<PointsEntry[]> {
      connection.assertOpen();
      const bounds = pointsListBounds(query);
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.agentId !== undefined) conditions.push(`p.agent_id = ${param(toKey(query.agentId))}`);
      if (bounds.from !== undefined) conditions.push(`p.at >= ${param(bounds.from)}`);
      if (bounds.to !== undefined) conditions.push(`p.at < ${param(bounds.to)}`);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const { rows } = await connection.query<EntryRow>(
        `${SELECT} ${where} ORDER BY p.at, p.seq LIMIT ${param(pgLimit(bounds.limit))}`, params);
      return rows.map(fromRow);
    },

    async get(id: string): Promise<PointsEntry | undefined> {
      connection.assertOpen();
      const { rows } = await connection.query<EntryRow>(`${SELECT} WHERE p.id = $1`, [toKey(id)]);
      return rows[0] === undefined ? undefined : fromRow(rows[0]);
    },

    async reversalOf(id: string): Promise<PointsEntry | undefined> {
      connection.assertOpen();
      const { rows } = await connection.query<EntryRow>(`${SELECT} WHERE p.reverses = $1`, [toKey(id)]);
      return rows[0] === undefined ? undefined : fromRow(rows[0]);
    },
  };
}

function fromRow(row: EntryRow): PointsEntry {
  const entry = JSON.parse(row.json) as PointsEntry;
  return row.reversed_by === null ? entry : { ...entry, reversedBy: fromKey(row.reversed_by) };
}

/**
 * The trigger's exception (its DETAIL names the entry), or the unique index on `reverses`
 * catching two writers reversing the same entry at once, as the memory ledger's error.
 */
function conflictFrom(error: unknown): PointsLedgerConflictError | undefined {
  const { message, detail, constraint } = error as { message?: string; detail?: string; constraint?: string };
  if (typeof message !== 'string') return undefined;
  if (message.includes(ALREADY_REVERSED) || message.includes(NOT_REVERSIBLE)) {
    const reason = message.includes(ALREADY_REVERSED) ? 'already-reversed' : 'not-reversible';
    return new PointsLedgerConflictError(fromKey(detail ?? ''), reason, { cause: error });
  }
  if (constraint === 'points_ledger_by_reverses') {
    const entryId = /^Key \(reverses\)=\((.*)\) already exists\.$/s.exec(detail ?? '')?.[1] ?? '';
    return new PointsLedgerConflictError(fromKey(entryId), 'already-reversed', { cause: error });
  }
  return undefined;
}
