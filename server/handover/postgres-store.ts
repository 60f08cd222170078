/**
 * Handovers in PostgreSQL, for a floor served from PostgreSQL (`--postgres`, and every
 * process of a cluster): the lead who submits on one process and the lead who confirms on
 * another see the same handover. The same contract as memory and SQLite
 * (test/unit/handover/store-postgres.test.ts), and the same guards in the database itself:
 * a confirmed handover is never changed, none is ever deleted, whoever connects.
 *
 * Its own migration component (`handover`), so it shares a database and schema with the
 * event storage and the access store, each versioned on its own. Also holds the key that
 * seals handover drafts (seal.ts), one for every process, made by the first to start.
 */
import { randomBytes } from 'node:crypto';
import type { Handover } from '../../shared/handover.js';
import { PgConnection, pgLimit, toKey, type PostgresOptions } from '../storage/postgres/connection.js';
import { applyMigrations } from '../storage/postgres/migrate.js';
import {
  CONFIRMED_IS_FINAL, checkedBounds, handoverLimit, saveRefusal, searchText, teamKey,
  type HandoverQuery, type HandoverStore,
} from './store.js';

const NEVER_DELETED = 'handovers are never deleted';

export const HANDOVER_COMPONENT = 'handover';
export const HANDOVER_MIGRATIONS: readonly string[] = [
  // 1 — the table (as SQLite's migration 3), and the seal key.
  `
  CREATE TABLE handovers (
    id              text   PRIMARY KEY,
    shift_change_at bigint NOT NULL,
    team_key        text   NOT NULL,
    team_ids        text[] NOT NULL,
    status          text   NOT NULL CHECK (status IN ('submitted', 'confirmed')),
    search_text     text   NOT NULL,  -- the text fields and names, lower-cased, for ?q=
    json            text   NOT NULL,  -- text, not jsonb: jsonb cannot hold \\u0000
    UNIQUE (shift_change_at, team_key)
  );
  CREATE INDEX handovers_by_time   ON handovers (shift_change_at);
  CREATE INDEX handovers_by_status ON handovers (status, shift_change_at);

  -- A confirmed handover is history (article 82 moved the alerts on it): never changed,
  -- and no handover is deleted, by whoever connects (an upsert's UPDATE included).
  CREATE FUNCTION handovers_refuse_change() RETURNS trigger LANGUAGE plpgsql
  SET search_path FROM CURRENT AS $fn$
  BEGIN
    IF TG_OP = 'UPDATE' THEN
      RAISE EXCEPTION '${CONFIRMED_IS_FINAL}' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RAISE EXCEPTION '${NEVER_DELETED}' USING ERRCODE = 'integrity_constraint_violation';
  END
  $fn$;
  CREATE TRIGGER handovers_confirmed_final BEFORE UPDATE ON handovers
    FOR EACH ROW WHEN (OLD.status = 'confirmed') EXECUTE FUNCTION handovers_refuse_change();
  CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
    FOR EACH ROW EXECUTE FUNCTION handovers_refuse_change();
  CREATE TRIGGER handovers_no_truncate BEFORE TRUNCATE ON handovers
    FOR EACH STATEMENT EXECUTE FUNCTION handovers_refuse_change();

  CREATE TABLE handover_seal_key (
    one integer PRIMARY KEY CHECK (one = 1),
    key text    NOT NULL
  );
  `,
];

/** Saves and searches are a lead's clicks: two connections are plenty. */
const DEFAULT_MAX_CONNECTIONS = 2;

export interface PostgresHandovers {
  store: HandoverStore;
  /** The key every process seals handover drafts with (made once, kept). */
  sealKey: string;
}

/** Connects, brings the tables up to date and reads the seal key; rejects (closing what it opened) on failure. */
export async function openPostgresHandovers(options: PostgresOptions): Promise<PostgresHandovers> {
  const connection = new PgConnection(options, DEFAULT_MAX_CONNECTIONS);
  try {
    await applyMigrations(connection, HANDOVER_COMPONENT, HANDOVER_MIGRATIONS);
    // The first process to start makes it; the others, at once or later, read that one.
    await connection.query('INSERT INTO handover_seal_key (one, key) VALUES (1, $1) ON CONFLICT (one) DO NOTHING', [randomBytes(32).toString('hex')]);
    const { rows } = await connection.query<{ key: string }>('SELECT key FROM handover_seal_key WHERE one = 1');
    return { store: createStore(connection), sealKey: rows[0].key };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

function createStore(connection: PgConnection): HandoverStore {
  return {
    async save(handover) {
      connection.assertOpen();
      try {
        await connection.query(
          `INSERT INTO handovers (id, shift_change_at, team_key, team_ids, status, search_text, json)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET
             shift_change_at = excluded.shift_change_at, team_key = excluded.team_key, team_ids = excluded.team_ids,
             status = excluded.status, search_text = excluded.search_text, json = excluded.json`,
          [toKey(handover.id), handover.shiftChangeAt, toKey(teamKey(handover.teamIds)), handover.teamIds.map((t) => toKey(t)),
            handover.status, toKey(searchText(handover)), JSON.stringify(handover)]);
      } catch (error) {
        throw saveRefusal(error, (error as { code?: unknown }).code === '23505');
      }
    },

    async get(id) {
      connection.assertOpen();
      const { rows } = await connection.query<{ json: string }>('SELECT json FROM handovers WHERE id = $1', [toKey(id)]);
      return rows.length === 0 ? undefined : (JSON.parse(rows[0].json) as Handover);
    },

    async search(query: HandoverQuery) {
      connection.assertOpen();
      const limit = handoverLimit(query.limit);
      if (query.status !== undefined && query.status.length === 0) return [];
      const { from, to } = checkedBounds(query);
      const conditions: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown): string => {
        params.push(value);
        return `$${params.length}`;
      };
      if (query.status !== undefined) conditions.push(`status = ANY(${param(query.status)})`);
      if (from !== undefined) conditions.push(`shift_change_at >= ${param(Math.ceil(Math.max(from, Number.MIN_SAFE_INTEGER)))}`);
      if (to !== undefined) conditions.push(`shift_change_at < ${param(Math.ceil(Math.min(to, Number.MAX_SAFE_INTEGER)))}`);
      if (query.teamId !== undefined) conditions.push(`${param(toKey(query.teamId))} = ANY(team_ids)`);
      // strpos, not LIKE: the text is matched literally, % and _ included.
      if (query.q !== undefined) conditions.push(`strpos(search_text, ${param(toKey(query.q.toLowerCase()))}) > 0`);
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      // COLLATE "C": ties by id in byte order, as SQLite's BINARY and the memory store.
      const { rows } = await connection.query<{ json: string }>(
        `SELECT json FROM handovers ${where} ORDER BY shift_change_at DESC, id COLLATE "C" ASC LIMIT ${param(pgLimit(limit))}`, params);
      return rows.map((row) => JSON.parse(row.json) as Handover);
    },

    async close() {
      await connection.close();
    },
  };
}
