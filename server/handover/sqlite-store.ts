/**
 * Handovers in SQLite, in the floor's database file (table `handovers`, migration 3 of
 * server/storage/sqlite/schema.ts), on a connection of its own as the access store has.
 * The table's triggers keep a confirmed handover from being changed or any being deleted.
 */
import type { Handover } from '../../shared/handover.js';
import { SqliteConnection, sqlLimit } from '../storage/sqlite/connection.js';
import { openDatabase, type SharedFileOptions } from '../storage/sqlite/open.js';
import {
  checkedBounds, handoverLimit, saveRefusal, searchText, teamKey,
  type HandoverQuery, type HandoverStore,
} from './store.js';

type RowValues = [id: string, shiftChangeAt: number, teamKey: string, teamIds: string, status: string, searchText: string, json: string];

/** Opens (creating and migrating if needed) the database at `path`; `:memory:` for a private one. */
export function createSqliteHandoverStore(path: string, options: SharedFileOptions = {}): HandoverStore {
  const connection = new SqliteConnection(openDatabase(path, options));
  const db = connection.db;
  const upsert = db.prepare<RowValues>(
    `INSERT INTO handovers (id, shift_change_at, team_key, team_ids, status, search_text, json)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET
       shift_change_at = excluded.shift_change_at, team_key = excluded.team_key, team_ids = excluded.team_ids,
       status = excluded.status, search_text = excluded.search_text, json = excluded.json`);
  const selectById = db.prepare<[string], string>('SELECT json FROM handovers WHERE id = ?').pluck();
  const listStatements = new Map<string, ReturnType<typeof prepareList>>();
  const prepareList = (sql: string) => db.prepare<unknown[], string>(sql).pluck();

  return {
    async save(handover) {
      connection.assertOpen();
      try {
        upsert.run(handover.id, handover.shiftChangeAt, teamKey(handover.teamIds), JSON.stringify(handover.teamIds),
          handover.status, searchText(handover), JSON.stringify(handover));
      } catch (error) {
        throw saveRefusal(error, (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE');
      }
    },

    async get(id) {
      connection.assertOpen();
      const json = selectById.get(id);
      return json === undefined ? undefined : (JSON.parse(json) as Handover);
    },

    async search(query: HandoverQuery) {
      connection.assertOpen();
      const limit = handoverLimit(query.limit);
      if (query.status !== undefined && query.status.length === 0) return [];
      const { from, to } = checkedBounds(query);
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (query.status !== undefined) {
        conditions.push(`status IN (${query.status.map(() => '?').join(', ')})`);
        params.push(...query.status);
      }
      if (from !== undefined) {
        conditions.push('shift_change_at >= ?');
        params.push(from);
      }
      if (to !== undefined) {
        conditions.push('shift_change_at < ?');
        params.push(to);
      }
      if (query.teamId !== undefined) {
        conditions.push('EXISTS (SELECT 1 FROM json_each(handovers.team_ids) WHERE value = ?)');
        params.push(query.teamId);
      }
      if (query.q !== undefined) {
        // instr, not LIKE: the text is matched literally, % and _ included.
        conditions.push('instr(search_text, ?) > 0');
        params.push(query.q.toLowerCase());
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const sql = `SELECT json FROM handovers ${where} ORDER BY shift_change_at DESC, id ASC LIMIT ?`;
      params.push(sqlLimit(limit));
      let statement = listStatements.get(sql);
      if (statement === undefined) {
        statement = prepareList(sql);
        listStatements.set(sql, statement);
      }
      return statement.all(...params).map((json) => JSON.parse(json) as Handover);
    },

    async close() {
      connection.close();
    },
  };
}

/**
 * Every handover in the SQLite file at `path`, oldest shift change first: what a server
 * that moved to PostgreSQL kept here before (copy-to-postgres.ts).
 */
export function readSqliteHandovers(path: string, options: SharedFileOptions = {}): Handover[] {
  const connection = new SqliteConnection(openDatabase(path, options));
  try {
    return connection.db.prepare<[], string>('SELECT json FROM handovers ORDER BY shift_change_at, id').pluck().all()
      .map((json) => JSON.parse(json) as Handover);
  } finally {
    connection.close();
  }
}
