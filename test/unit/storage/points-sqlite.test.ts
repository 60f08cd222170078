/**
 * The points ledger's append-only promise is the database's, not only the code's: another
 * connection to the same file (a DBA's sqlite3 shell, a script) cannot change or delete an
 * entry either. Also: a version-2 database gains the new tables when opened.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../server/storage/sqlite/schema.js';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { pointsEntry, reversalOf } from './contract-points.js';
import { tempDbFiles } from '../../helpers/temp-db.js';

const tempFile = tempDbFiles('points');

describe('points ledger in SQLite', () => {
  it('refuses UPDATE, DELETE and INSERT OR REPLACE from another connection', async () => {
    const file = tempFile();
    const storage = createSqliteStorage(file);
    const entry = pointsEntry('p1', 1_000);
    await storage.points.record([entry, pointsEntry('p2', 2_000)]);
    const other = new Database(file);
    try {
      expect(() => other.prepare('UPDATE points_ledger SET agent_id = ? WHERE id = ?').run('agent-9', 'p1')).toThrow(/append-only/);
      expect(() => other.prepare("UPDATE points_ledger SET json = '{}'").run()).toThrow(/append-only/);
      expect(() => other.prepare('DELETE FROM points_ledger WHERE id = ?').run('p1')).toThrow(/append-only/);
      // REPLACE would delete the old row without firing the delete trigger; the insert trigger skips it instead.
      const replaced = other.prepare('INSERT OR REPLACE INTO points_ledger (id, agent_id, at, reverses, json) VALUES (?, ?, ?, NULL, ?)')
        .run('p1', 'agent-9', 5, '{"id":"p1"}');
      expect(replaced.changes).toBe(0);
      const bySeq = other.prepare('INSERT OR REPLACE INTO points_ledger (seq, id, agent_id, at, reverses, json) VALUES (1, ?, ?, ?, NULL, ?)');
      expect(() => bySeq.run('p9', 'agent-9', 5, '{"id":"p9"}')).toThrow(/append-only/);
      // A second reversal through SQL is refused just the same.
      await storage.points.record([reversalOf(entry)]);
      const secondReversal = other.prepare('INSERT INTO points_ledger (id, agent_id, at, reverses, json) VALUES (?, ?, ?, ?, ?)');
      expect(() => secondReversal.run('rev-2', 'agent-7', 1_000, 'p1', '{}')).toThrow(/already reversed/);
    } finally {
      other.close();
    }
    expect(await storage.points.get('p1')).toEqual({ ...entry, reversedBy: 'rev-p1' });
    expect((await storage.points.list({})).map((e) => e.id)).toEqual(['p1', 'rev-p1', 'p2']);
    await storage.close();
  });

  it('keeps the ledger across close and reopen', async () => {
    const file = tempFile();
    const first = createSqliteStorage(file);
    const entry = pointsEntry('p1', 1_000, { source: 'auto', author: 'system', item: 'absence', article: '105.1' });
    await first.points.record([entry, reversalOf(entry)]);
    await first.close();
    const reopened = createSqliteStorage(file);
    try {
      expect(await reopened.points.get('p1')).toEqual({ ...entry, reversedBy: 'rev-p1' });
      // The rebuild after a restart re-emits the automatic entry: still one.
      await reopened.points.record([entry]);
      expect(await reopened.points.list({ agentId: 'agent-7' })).toHaveLength(2);
    } finally {
      await reopened.close();
    }
  });

  it('adds the points and handover tables to a version-2 database, keeping its rows', async () => {
    const file = tempFile();
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.exec(MIGRATIONS[1]);
    old.pragma('user_version = 2');
    old.prepare('INSERT INTO alerts (id, status, rule, agent_id, opened_at, resolved_at, json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('a1', 'open', 'greeting', 'agent-7', 5, null, '{"id":"a1"}');
    old.close();
    const storage = createSqliteStorage(file);
    try {
      await storage.points.record([pointsEntry('p1', 1_000)]);
      expect((await storage.points.list({})).map((e) => e.id)).toEqual(['p1']);
      expect(await storage.alerts.get('a1')).toEqual({ id: 'a1' });
    } finally {
      await storage.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['points_ledger', 'handovers']));
    } finally {
      check.close();
    }
  });
});
