/**
 * The handover store contract against PostgreSQL (a schema per test), what the database
 * itself guarantees there (a confirmed handover never changes, none is deleted, from any
 * connection), and what several processes share: each other's handovers and one seal key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresHandovers } from '../../../server/handover/postgres-store.js';
import { createPostgresStorage } from '../../../server/storage/postgres/index.js';
import { POSTGRES_URL, SKIP_POSTGRES, connectTo, requirePostgres, testSchemas } from '../storage/postgres-test-db.js';
import { makeHandover } from './fixtures.js';
import { runHandoverStoreContract } from './store-contract.js';

const schemas = testSchemas('fw_handover');
const open = (schema = schemas.next()) => openPostgresHandovers({ url: POSTGRES_URL, schema, maxConnections: 2 });
const NOON = Date.parse('2026-11-28T12:00:00+08:00');

describe.skipIf(SKIP_POSTGRES)('postgres handover store', () => {
  beforeAll(requirePostgres);
  afterAll(() => schemas.dropAll());

  runHandoverStoreContract('postgres', async () => (await open()).store);

  it('refuses changing a confirmed handover, and any DELETE or TRUNCATE, from another connection', async () => {
    const schema = schemas.next();
    const { store } = await open(schema);
    const confirmed = makeHandover(NOON, ['T1'], { status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: NOON });
    const submitted = makeHandover(NOON, ['T2']);
    await store.save(confirmed);
    await store.save(submitted);
    const other = await connectTo(schema);
    try {
      await expect(other.query("UPDATE handovers SET json = '{}' WHERE id = $1", [confirmed.id])).rejects.toThrow(/cannot be changed/);
      await expect(other.query('DELETE FROM handovers WHERE id = $1', [submitted.id])).rejects.toThrow(/never deleted/);
      await expect(other.query('TRUNCATE handovers')).rejects.toThrow(/never deleted/);
      // A submitted one may still be amended.
      expect((await other.query("UPDATE handovers SET search_text = 'x' WHERE id = $1", [submitted.id])).rowCount).toBe(1);
    } finally {
      await other.end();
    }
    expect(await store.get(confirmed.id)).toEqual(confirmed);
    await store.close();
  });

  it('two processes on one database see each other\'s handovers and seal with the same key', async () => {
    const schema = schemas.next();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    try {
      expect(a.sealKey).toMatch(/^[0-9a-f]{64}$/);
      expect(b.sealKey).toBe(a.sealKey);
      const h = makeHandover(NOON, ['T1']);
      await a.store.save(h);
      expect(await b.store.get(h.id)).toEqual(h);
      // The incoming lead confirms on the other process; the first one sees it final.
      const confirmed = { ...h, status: 'confirmed' as const, confirmedBy: 'lead.li', confirmedAt: NOON + 60_000 };
      await b.store.save(confirmed);
      await expect(a.store.save({ ...h, fields: { ...h.fields, notices: 'too late' } })).rejects.toThrow(/cannot be changed/);
    } finally {
      await a.store.close();
      await b.store.close();
    }
    // A later start keeps the key.
    const again = await open(schema);
    expect(again.sealKey).toBe(b.sealKey);
    await again.store.close();
  });

  it('shares a schema with the event storage, each versioned on its own', async () => {
    const schema = schemas.next();
    const storage = await createPostgresStorage({ url: POSTGRES_URL, schema, maxConnections: 2 });
    const { store } = await open(schema);
    const other = await connectTo(schema);
    try {
      const { rows } = await other.query<{ component: string; v: number }>(
        'SELECT component, max(version) AS v FROM floorwatch_migrations GROUP BY component ORDER BY component');
      expect(rows.map((r) => r.component)).toEqual(['handover', 'storage']);
    } finally {
      await other.end();
      await store.close();
      await storage.close();
    }
  });

  it('stores text PostgreSQL cannot hold as is (NUL) and finds it', async () => {
    const { store } = await open();
    const h = makeHandover(NOON, ['T\0x'], { fields: { ...makeHandover(NOON, []).fields, notices: 'a\0b \\ c' } });
    await store.save(h);
    expect(await store.get(h.id)).toEqual(h);
    expect((await store.search({ teamId: 'T\0x' })).map((x) => x.id)).toEqual([h.id]);
    expect((await store.search({ q: 'a\0b \\' })).map((x) => x.id)).toEqual([h.id]);
    await store.close();
  });
});
