/**
 * The notification tables in SQLite: they share a file with the floor's storage and the
 * access store (each its own schema version), decisions are stored once however often
 * they are made, and an acknowledge link can be used up once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteAccessStore } from '../../../server/access/sqlite/index.js';
import { openNotifyDatabase } from '../../../server/notify/store/open.js';
import { createOutbox, type NewOutboxRow } from '../../../server/notify/store/outbox.js';
import { ackKeyOf, NOTIFY_SCHEMA_VERSION } from '../../../server/notify/store/schema.js';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-notify-'));
  dirs.push(dir);
  return path.join(dir, 'floor.db');
};

function row(id: string, fields: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return {
    id, type: 'alert.opened', alertId: 'al-1', rule: 'forbidden-phrases', severity: 'critical', level: 'lead', recipientId: 'lead-a',
    channelId: 'hook', dedupeKey: 'forbidden-phrases|call:c1|lead-a', createdAt: 1000, nextAttemptAt: 1000,
    message: { id, type: 'alert.opened', language: 'en', recipient: { id: 'lead-a', name: 'A' }, alert: {
      id: 'al-1', rule: 'forbidden-phrases', article: '68', severity: 'critical', level: 'lead', subject: { kind: 'call' }, openedAt: 900, url: 'http://x/alerts',
    } },
    ...fields,
  };
}

describe('the notification tables', () => {
  it('share a file with the event storage and the access store, versioned in notify_meta, with a lasting link key', async () => {
    const file = tempDb();
    const storage = createSqliteStorage(file);
    const access = createSqliteAccessStore(file);
    const db = openNotifyDatabase(file);
    const key = ackKeyOf(db);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(db.prepare("SELECT value FROM notify_meta WHERE key = 'schema_version'").pluck().get()).toBe(String(NOTIFY_SCHEMA_VERSION));
    db.close();
    const again = openNotifyDatabase(file);
    expect(ackKeyOf(again)).toBe(key);
    const tables = again.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['notify_outbox', 'access_accounts', 'notify_meta', 'access_meta']));
    again.close();
    await access.close();
    await storage.close();
  });

  it('refuses a file from a newer Floorwatch', () => {
    const file = tempDb();
    const db = openNotifyDatabase(file);
    db.prepare("UPDATE notify_meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => openNotifyDatabase(file)).toThrow(/version 99, newer than this build/);
  });

  it('stores a decision once, however often it is made, and keeps its first link', () => {
    const db = openNotifyDatabase(tempDb());
    const outbox = createOutbox(db);
    const token = { id: 'd1', alertId: 'al-1', account: 'lead-a', language: 'en' as const, expiresAt: 5000 };
    expect(outbox.insert([row('d1')], [token])).toEqual(['d1']);
    expect(outbox.insert([row('d1', { createdAt: 2000 }), row('d2')], [{ ...token, expiresAt: 9999 }])).toEqual(['d2']);
    expect(outbox.get('d1')).toMatchObject({ status: 'pending', attempts: 0, createdAt: 1000, nextAttemptAt: 1000 });
    expect(outbox.ackToken('d1')?.expiresAt).toBe(5000);
    expect(outbox.list({ limit: 10 }).map((r) => r.id).sort()).toEqual(['d1', 'd2']);
    db.close();
  });

  it('knows when someone was last told about another alert with the same rule and subject', () => {
    const db = openNotifyDatabase(tempDb());
    const outbox = createOutbox(db);
    outbox.insert([row('a1', { alertId: 'al-1', createdAt: 1000 }), row('a2', { alertId: 'al-2', createdAt: 3000 })], []);
    expect(outbox.lastNotifiedAt('forbidden-phrases|call:c1|lead-a', 'al-3')).toBe(3000);
    expect(outbox.lastNotifiedAt('forbidden-phrases|call:c1|lead-a', 'al-2')).toBe(1000);
    expect(outbox.lastNotifiedAt('forbidden-phrases|call:c9|lead-a', 'al-3')).toBeUndefined();
    db.close();
  });

  it('uses an acknowledge link up once, and never after it expires', () => {
    const db = openNotifyDatabase(tempDb());
    const outbox = createOutbox(db);
    outbox.insert([row('d1'), row('d2')], [
      { id: 'd1', alertId: 'al-1', account: 'lead-a', language: 'en', expiresAt: 5000 },
      { id: 'd2', alertId: 'al-1', account: 'lead-a', language: 'en', expiresAt: 5000 },
    ]);
    expect(outbox.consumeAckToken('d1', 4000, '10.0.0.1')).toBe(true);
    expect(outbox.consumeAckToken('d1', 4001, '10.0.0.1')).toBe(false);
    expect(outbox.ackToken('d1')?.usedAt).toBe(4000);
    expect(outbox.consumeAckToken('d2', 5000, undefined)).toBe(false);
    expect(outbox.consumeAckToken('nope', 1, undefined)).toBe(false);
    db.close();
  });

  it('moves a row through retry, dead and resend', () => {
    const db = openNotifyDatabase(tempDb());
    const outbox = createOutbox(db);
    outbox.insert([row('d1')], []);
    expect(outbox.due(999, 10)).toEqual([]);
    expect(outbox.due(1000, 10).map((r) => r.id)).toEqual(['d1']);
    outbox.markRetry('d1', 1, 3000, 'answered 500', 1000);
    expect(outbox.due(2999, 10)).toEqual([]);
    expect(outbox.nextDueAt()).toBe(3000);
    expect(outbox.resend('d1', 3000)).toBe(false);
    outbox.markDead('d1', 2, 'answered 500', 3000);
    expect(outbox.list({ status: 'dead', limit: 10 }).map((r) => [r.id, r.attempts, r.lastError])).toEqual([['d1', 2, 'answered 500']]);
    expect(outbox.resend('d1', 4000)).toBe(true);
    expect(outbox.get('d1')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: 4000 });
    outbox.markSent('d1', 1, 4100);
    expect(outbox.get('d1')).toMatchObject({ status: 'sent', sentAt: 4100 });
    expect(outbox.get('d1')?.lastError).toBeUndefined();
    db.close();
  });

  it('prunes old sent notifications and expired links, never what is still to deliver', () => {
    const db = openNotifyDatabase(tempDb());
    const outbox = createOutbox(db);
    outbox.insert([row('sent-old'), row('pending-old'), row('dead-old'), row('sent-new')], [
      { id: 'sent-old', alertId: 'al-1', account: 'lead-a', language: 'en', expiresAt: 2000 },
      { id: 'sent-new', alertId: 'al-1', account: 'lead-a', language: 'en', expiresAt: 9000 },
    ]);
    outbox.markSent('sent-old', 1, 1500);
    outbox.markDead('dead-old', 6, 'gone', 1500);
    outbox.markSent('sent-new', 1, 8000);
    expect(outbox.prune(5000)).toBe(1);
    expect(outbox.list({ limit: 10 }).map((r) => r.id).sort()).toEqual(['dead-old', 'pending-old', 'sent-new']);
    expect(outbox.ackToken('sent-old')).toBeUndefined();
    expect(outbox.ackToken('sent-new')).toBeDefined();
    db.close();
  });
});
