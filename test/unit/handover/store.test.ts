/** The handover store contract against memory and SQLite, and the SQLite table's own guards. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { createSqliteHandoverStore } from '../../../server/handover/sqlite-store.js';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { makeHandover } from './fixtures.js';
import { runHandoverStoreContract } from './store-contract.js';
import { tempDbFiles } from '../../helpers/temp-db.js';

const tempFile = tempDbFiles('handover');

runHandoverStoreContract('memory', () => createMemoryHandoverStore());
runHandoverStoreContract('sqlite :memory:', () => createSqliteHandoverStore(':memory:'));
runHandoverStoreContract('sqlite file (WAL)', () => createSqliteHandoverStore(tempFile()));

describe('handovers in SQLite', () => {
  const NOON = Date.parse('2026-11-28T12:00:00+08:00');

  it('shares the floor database file and keeps handovers across reopen', async () => {
    const file = tempFile();
    const storage = createSqliteStorage(file);
    const first = createSqliteHandoverStore(file);
    const h = makeHandover(NOON, ['T1']);
    await first.save(h);
    await first.close();
    await storage.close();
    const reopened = createSqliteHandoverStore(file);
    try {
      expect(await reopened.get(h.id)).toEqual(h);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a direct UPDATE of a confirmed handover and any DELETE, from another connection', async () => {
    const file = tempFile();
    const store = createSqliteHandoverStore(file);
    const confirmed = makeHandover(NOON, ['T1'], { status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: NOON });
    const submitted = makeHandover(NOON, ['T2']);
    await store.save(confirmed);
    await store.save(submitted);
    const other = new Database(file);
    try {
      expect(() => other.prepare("UPDATE handovers SET json = '{}' WHERE id = ?").run(confirmed.id)).toThrow(/cannot be changed/);
      expect(() => other.prepare('DELETE FROM handovers WHERE id = ?').run(submitted.id)).toThrow(/never deleted/);
      // A submitted one may still be amended.
      expect(other.prepare("UPDATE handovers SET search_text = 'x' WHERE id = ?").run(submitted.id).changes).toBe(1);
    } finally {
      other.close();
    }
    expect(await store.get(confirmed.id)).toEqual(confirmed);
    await store.close();
  });
});
