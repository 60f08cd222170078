/**
 * The storage contract against PostgreSQL, each test on a schema of its own; then what
 * only a networked, shared database adds: the append-only rules hold for every connection,
 * two processes appending at once share one gap-free seq, migrations record their version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStorage, STORAGE_SCHEMA_VERSION } from '../../../server/storage/postgres/index.js';
import { PgConnection } from '../../../server/storage/postgres/connection.js';
import { schemaVersion } from '../../../server/storage/postgres/migrate.js';
import { PointsLedgerConflictError } from '../../../server/storage/points-rules.js';
import type { Storage } from '../../../server/storage/types.js';
import { runStorageContract } from './contract.js';
import { pointsEntry, reversalOf } from './contract-points.js';
import { eventEntry, ids, makeAlert, seqs } from './fixtures.js';
import { POSTGRES_URL, SKIP_POSTGRES, connectTo, requirePostgres, testSchemas } from './postgres-test-db.js';

const schemas = testSchemas('fw_storage');
const open = (schema = schemas.next()): Promise<Storage> =>
  createPostgresStorage({ url: POSTGRES_URL, schema, maxConnections: 3 });

describe.skipIf(SKIP_POSTGRES)('postgres storage', () => {
  beforeAll(requirePostgres);
  afterAll(() => schemas.dropAll());

  runStorageContract('postgres', () => open());

  it('keeps everything across close and reopen, and carries on numbering', async () => {
    const schema = schemas.next();
    const first = await open(schema);
    await first.log.append([eventEntry('a'), eventEntry('b'), eventEntry('c')]);
    await first.log.prune(Infinity, 3);
    await first.snapshots.save({ seq: 3, takenAt: 5_000, state: '{"agents":{}}' });
    await first.alerts.upsert([makeAlert('open-1')]);
    await first.points.record([pointsEntry('p1', 1_000)]);
    await first.close();

    const reopened = await open(schema);
    try {
      expect(await reopened.log.lastSeq()).toBe(3);
      expect(seqs((await reopened.log.append([eventEntry('d')])).appended)).toEqual([4]);
      expect(await reopened.snapshots.latest()).toEqual({ seq: 3, takenAt: 5_000, state: '{"agents":{}}' });
      expect(await reopened.alerts.get('open-1')).toEqual(makeAlert('open-1'));
      expect(ids(await reopened.points.list({}))).toEqual(['p1']);
    } finally {
      await reopened.close();
    }
  });

  it('gives two stores appending at once (two processes) dense seqs and one copy of each id', async () => {
    const schema = schemas.next();
    const [a, b] = [await open(schema), await open(schema)];
    try {
      const batch = (who: string, round: number) =>
        [eventEntry(`${who}-${round}`), eventEntry(`shared-${round}`), eventEntry(`${who}-${round}-x`)];
      const results = await Promise.all(Array.from({ length: 10 }, (_, round) => [
        a.log.append(batch('a', round)), b.log.append(batch('b', round)),
      ]).flat());
      const appended = results.flatMap((r) => r.appended);
      // Each round's shared id went in once, by whichever store came first.
      expect(appended).toHaveLength(10 * 5);
      expect(results.flatMap((r) => r.duplicateIds).sort()).toEqual(Array.from({ length: 10 }, (_, r) => `shared-${r}`).sort());
      expect(seqs(appended).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(seqs(await a.log.read(0, Infinity))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stores ids holding NUL and backslashes, which PostgreSQL text cannot hold as they are', async () => {
    const storage = await open();
    try {
      const odd = ['nul\0id', 'back\\slash', 'back\\0slash', '\\\\'];
      const entries = odd.map((id) => ({
        ...eventEntry(id), payload: { kind: 'event' as const, event: { id, ts: 1_000, type: 'agent.state' as const, agentId: id, state: 'available' as const } },
      }));
      const result = await storage.log.append(entries);
      expect(ids(result.appended)).toEqual(odd);
      expect(ids(await storage.log.read(0, 10))).toEqual(odd);
      expect((await storage.log.append([eventEntry('nul\0id')])).duplicateIds).toEqual(['nul\0id']);
      expect(ids(await storage.log.eventsAbout({ agentId: 'nul\0id', from: 0, to: 2_000 }))).toEqual(['nul\0id']);
      await storage.alerts.upsert([makeAlert('alert\0x', { agentId: 'a\0b' })]);
      expect(ids(await storage.alerts.list({ agentId: 'a\0b' }))).toEqual(['alert\0x']);
      const entry = pointsEntry('pt\0', 1_000, { agentId: 'a\0b' });
      await storage.points.record([entry, reversalOf(entry, 'rev\\0')]);
      expect(await storage.points.get('pt\0')).toEqual({ ...entry, reversedBy: 'rev\\0' });
    } finally {
      await storage.close();
    }
  });

  it('rolls back the whole batch when the database refuses one entry', async () => {
    const storage = await open();
    try {
      const unbindable = { ...eventEntry('bad'), receivedAt: {} as unknown as number };
      await expect(storage.log.append([eventEntry('ok-1'), eventEntry('ok-2'), unbindable])).rejects.toThrow();
      expect(await storage.log.read(0, 10)).toEqual([]);
      expect(await storage.log.lastSeq()).toBe(0);
      // No seq was burnt by the failed transaction.
      expect(seqs((await storage.log.append([eventEntry('ok-1')])).appended)).toEqual([1]);
    } finally {
      await storage.close();
    }
  });

  it('appends 10,000 entries in one call quickly (one statement in one transaction)', async () => {
    const storage = await open();
    try {
      const entries = Array.from({ length: 10_000 }, (_, index) => eventEntry(`bulk-${index}`, index));
      const started = performance.now();
      const result = await storage.log.append(entries);
      const elapsedMs = performance.now() - started;
      expect(result.appended.at(-1)?.seq).toBe(10_000);
      // About 150-300 ms here; one round trip per entry would take several seconds.
      expect(elapsedMs).toBeLessThan(2_000);
    } finally {
      await storage.close();
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the points ledger from another connection', async () => {
    const schema = schemas.next();
    const storage = await open(schema);
    const entry = pointsEntry('p1', 1_000);
    await storage.points.record([entry, pointsEntry('p2', 2_000)]);
    const other = await connectTo(schema);
    try {
      for (const sql of [
        "UPDATE points_ledger SET agent_id = 'agent-9' WHERE id = 'p1'",
        "UPDATE points_ledger SET json = '{}'",
        "DELETE FROM points_ledger WHERE id = 'p1'",
        'DELETE FROM points_ledger',
        'TRUNCATE points_ledger',
      ]) {
        await expect(other.query(sql), sql).rejects.toThrow(/append-only/);
      }
      // Choosing a seq (to take an entry's place) is refused by the identity column.
      await expect(other.query("INSERT INTO points_ledger (seq, id, agent_id, at, json) VALUES (1, 'p9', 'a', 5, '{}')"))
        .rejects.toThrow(/non-DEFAULT value into column "seq"/);
      // An insert or an upsert of an id already held is skipped, never an overwrite.
      const skipped = await other.query("INSERT INTO points_ledger (id, agent_id, at, json) VALUES ('p1', 'agent-9', 5, '{}')");
      expect(skipped.rowCount).toBe(0);
      const upserted = await other.query(`INSERT INTO points_ledger (id, agent_id, at, json) VALUES ('p1', 'agent-9', 5, '{}')
        ON CONFLICT (id) DO UPDATE SET json = excluded.json`);
      expect(upserted.rowCount).toBe(0);
      await storage.points.record([reversalOf(entry)]);
      await expect(other.query("INSERT INTO points_ledger (id, agent_id, at, reverses, json) VALUES ('rev-2', 'agent-7', 1000, 'p1', '{}')"))
        .rejects.toThrow(/already reversed/);
      // The same holds under another search_path: the trigger functions pin theirs.
      await other.query('SET search_path = public');
      await expect(other.query(`DELETE FROM ${schema}.points_ledger`)).rejects.toThrow(/append-only/);
      await expect(other.query(`INSERT INTO ${schema}.points_ledger (id, agent_id, at, reverses, json) VALUES ('rev-3', 'a', 1, 'p1', '{}')`))
        .rejects.toThrow(/already reversed/);
    } finally {
      await other.end();
    }
    expect(await storage.points.get('p1')).toEqual({ ...entry, reversedBy: 'rev-p1' });
    expect(ids(await storage.points.list({}))).toEqual(['p1', 'rev-p1', 'p2']);
    await storage.close();
  });

  it('refuses a second reversal made at the same moment by two stores', async () => {
    const schema = schemas.next();
    const [a, b] = [await open(schema), await open(schema)];
    try {
      const entry = pointsEntry('p1', 1_000);
      await a.points.record([entry]);
      const outcomes = await Promise.allSettled([
        a.points.record([reversalOf(entry, 'rev-a')]), b.points.record([reversalOf(entry, 'rev-b')]),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(refused?.reason).toBeInstanceOf(PointsLedgerConflictError);
      expect((refused?.reason as PointsLedgerConflictError).entryId).toBe('p1');
      expect(await a.points.list({})).toHaveLength(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('records its schema version, and refuses a schema newer than this build', async () => {
    const schema = schemas.next();
    await (await open(schema)).close();
    const connection = new PgConnection({ url: POSTGRES_URL, schema }, 1);
    try {
      expect(await schemaVersion(connection, 'storage')).toBe(STORAGE_SCHEMA_VERSION);
      await connection.query("INSERT INTO floorwatch_migrations (component, version) VALUES ('storage', $1)", [STORAGE_SCHEMA_VERSION + 1]);
    } finally {
      await connection.close();
    }
    await expect(open(schema)).rejects.toThrow(/newer than this build/);
  });

  it('lets several stores migrate a new schema at once: one migrates, the others wait and find it done', async () => {
    const schema = schemas.next();
    const stores = await Promise.all([open(schema), open(schema), open(schema)]);
    try {
      await stores[0].log.append([eventEntry('a')]);
      expect(await stores[2].log.lastSeq()).toBe(1);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("says so when the URL's search_path names no schema that exists", async () => {
    const url = `${POSTGRES_URL}?options=${encodeURIComponent('-c search_path=fw_no_such_schema')}`;
    await expect(createPostgresStorage({ url })).rejects.toThrow(/no schema of the search_path exists/);
  });

  it('says clearly when the server cannot be reached', async () => {
    await expect(createPostgresStorage({ url: 'postgres://postgres@127.0.0.1:1/test' })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses a schema name it would have to quote', () => {
    expect(() => createPostgresStorage({ url: POSTGRES_URL, schema: 'x; DROP TABLE alerts' })).rejects.toThrow(/lower-case name/);
  });
});
