/** The event log in PostgreSQL: one row per accepted input, seqs from a transactional counter. */
import { toBound, toCount } from '../limits.js';
import { repeatKey, repeatTimeOf, type AppendResult, type EventLog, type LogEntry, type NewLogEntry } from '../types.js';
import { fromKey, pgLimit, seqBound, toKey, type PgConnection } from './connection.js';

interface LogRow {
  seq: string;
  id: string;
  received_at: number;
  payload: string;
}

const COLUMNS = 'seq, id, received_at, payload';

export function createPostgresEventLog(connection: PgConnection): EventLog {
  return {
    async append(entries: NewLogEntry[]): Promise<AppendResult> {
      connection.assertOpen();
      if (entries.length === 0) return { appended: [], duplicateIds: [] };
      // Serialised before the transaction: an entry that has no JSON form (a BigInt) fails
      // the whole call before anything is written.
      const payloads = entries.map((entry) => entry.payloadText ?? JSON.stringify(entry.payload));
      return connection.transaction(async (client) => {
        // The counter row's lock makes appends from every process take turns, so the id
        // check below cannot race another appender, and seqs stay dense and in order.
        const counter = await client.query<{ last_seq: string }>('SELECT last_seq FROM event_log_counter FOR UPDATE');
        let lastSeq = Number(counter.rows[0].last_seq);
        // Repeats are the same time and id (repeatTimeOf): looked up by the unique index on
        // both, one probe per key. (As a plain join, a batch of thousands was planned as a
        // hash join over a scan of the whole log: 233 ms at 500,000 entries, against 10.)
        // LIMIT 1 keeps the planner from flattening the probe into such a join.
        const existing = await client.query<{ id: string; time: number }>(
          `SELECT x.id, x.time FROM unnest($1::float8[], $2::text[]) AS k(time, id)
           CROSS JOIN LATERAL (SELECT l.id, COALESCE(l.ts, 0) AS time FROM event_log l
             WHERE COALESCE(l.ts, 0) = k.time AND l.id = k.id LIMIT 1) x`,
          [entries.map(repeatTimeOf), entries.map((e) => toKey(e.id))]);
        const taken = new Set(existing.rows.map((row) => repeatKey(row.time, fromKey(row.id))));

        const appended: LogEntry[] = [];
        const duplicateIds: string[] = [];
        const rows = { seq: [] as number[], id: [] as string[], receivedAt: [] as number[], kind: [] as string[],
          payload: [] as string[], agentId: [] as (string | null)[], callId: [] as (string | null)[], ts: [] as (number | null)[] };
        entries.forEach((entry, index) => {
          const key = repeatKey(repeatTimeOf(entry), entry.id);
          if (taken.has(key)) {
            duplicateIds.push(entry.id);
            return;
          }
          taken.add(key);
          const seq = ++lastSeq;
          const event = entry.payload.kind === 'event' ? entry.payload.event : undefined;
          rows.seq.push(seq);
          rows.id.push(toKey(entry.id));
          rows.receivedAt.push(entry.receivedAt);
          rows.kind.push(entry.payload.kind);
          rows.payload.push(payloads[index]);
          rows.agentId.push(toKey(event && 'agentId' in event && typeof event.agentId === 'string' ? event.agentId : null));
          rows.callId.push(toKey(event && 'callId' in event && typeof event.callId === 'string' ? event.callId : null));
          rows.ts.push(event ? event.ts : null);
          appended.push({ seq, id: entry.id, receivedAt: entry.receivedAt, payload: entry.payload });
        });
        if (appended.length > 0) {
          // One statement for the whole batch: 10,000 entries are one round trip, not 10,000.
          await client.query(
            `INSERT INTO event_log (seq, id, received_at, kind, payload, agent_id, call_id, ts)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[])`,
            [rows.seq, rows.id, rows.receivedAt, rows.kind, rows.payload, rows.agentId, rows.callId, rows.ts]);
          await client.query('UPDATE event_log_counter SET last_seq = $1', [lastSeq]);
        }
        return { appended, duplicateIds };
      });
    },

    async read(afterSeq: number, limit: number): Promise<LogEntry[]> {
      connection.assertOpen();
      const after = toBound('afterSeq', afterSeq);
      const count = toCount('limit', limit);
      if (count === 0 || after === Infinity) return [];
      const { rows } = await connection.query<LogRow>(
        `SELECT ${COLUMNS} FROM event_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [seqBound(after), pgLimit(count)]);
      return rows.map(fromRow);
    },

    async eventsAbout(filter): Promise<LogEntry[]> {
      connection.assertOpen();
      const from = toBound('from', filter.from);
      const to = toBound('to', filter.to);
      const callIds = [...new Set(filter.callIds ?? [])].map((id) => toKey(id));
      if (filter.agentId === undefined && callIds.length === 0) return [];
      // Two indexed lookups, UNION dropping an event found by both; seq order overall.
      const { rows } = await connection.query<LogRow>(
        `SELECT ${COLUMNS} FROM event_log WHERE agent_id = $1 AND ts >= $3 AND ts < $4
         UNION
         SELECT ${COLUMNS} FROM event_log WHERE call_id = ANY($2::text[]) AND ts >= $3 AND ts < $4
         ORDER BY seq`,
        [toKey(filter.agentId ?? null), callIds, from, to]);
      return rows.map(fromRow);
    },

    async lastSeq(): Promise<number> {
      connection.assertOpen();
      const { rows } = await connection.query<{ last_seq: string }>('SELECT last_seq FROM event_log_counter');
      return Number(rows[0].last_seq);
    },

    async prune(before: number, uptoSeq: number): Promise<number> {
      connection.assertOpen();
      const { rowCount } = await connection.query(
        'DELETE FROM event_log WHERE seq <= $1 AND received_at < $2',
        [seqBound(toBound('uptoSeq', uptoSeq)), toBound('before', before)]);
      return rowCount ?? 0;
    },
  };
}

function fromRow(row: LogRow): LogEntry {
  return { seq: Number(row.seq), id: fromKey(row.id), receivedAt: row.received_at, payload: JSON.parse(row.payload) };
}
