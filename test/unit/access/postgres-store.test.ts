/**
 * The access-store contract against PostgreSQL (a schema per test), and what the database
 * itself guarantees there: the audit log is append-only for every connection, usernames
 * are lower-case even in a hand-written INSERT, and it shares a schema with the event
 * storage, each versioned on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_SCHEMA_VERSION, createPostgresAccessStore } from '../../../server/access/postgres/index.js';
import { createPostgresStorage, STORAGE_SCHEMA_VERSION } from '../../../server/storage/postgres/index.js';
import { eventEntry } from '../storage/fixtures.js';
import { POSTGRES_URL, SKIP_POSTGRES, connectTo, requirePostgres, testSchemas } from '../storage/postgres-test-db.js';
import { itKeepsWhatItStoredAcrossReopen } from './store-contract-reopen.js';
import { runAccessStoreContract } from './store-contract.js';
import { makeAccount } from './store-fixtures.js';

const schemas = testSchemas('fw_access');
const open = (schema = schemas.next()) => createPostgresAccessStore({ url: POSTGRES_URL, schema, maxConnections: 2 });

describe.skipIf(SKIP_POSTGRES)('postgres access store', () => {
  beforeAll(requirePostgres);
  afterAll(() => schemas.dropAll());

  runAccessStoreContract('postgres', () => open());

  it('refuses UPDATE, DELETE, TRUNCATE and forged seqs on the audit log from another connection', async () => {
    const schema = schemas.next();
    const store = await open(schema);
    const first = await store.audit.append({ at: 1_000, actor: 'acc_1', action: 'signin' });
    await store.audit.append({ at: 2_000, actor: 'acc_1', action: 'signout' });
    const before = await store.audit.list({});
    const other = await connectTo(schema);
    try {
      for (const sql of [
        "UPDATE access_audit SET actor = 'intruder'",
        `UPDATE access_audit SET detail = '{}' WHERE seq = ${first.seq}`,
        'DELETE FROM access_audit',
        `DELETE FROM access_audit WHERE seq = ${first.seq}`,
        'TRUNCATE access_audit',
        `INSERT INTO access_audit (seq, at, actor, action) OVERRIDING SYSTEM VALUE VALUES (${first.seq}, 1, 'intruder', 'forged')
           ON CONFLICT (seq) DO UPDATE SET actor = excluded.actor`,
      ]) {
        await expect(other.query(sql), sql).rejects.toThrow(/audit log is append-only/);
      }
      await expect(other.query(`INSERT INTO access_audit (seq, at, actor, action) VALUES (${first.seq}, 1, 'intruder', 'forged')`))
        .rejects.toThrow(/non-DEFAULT value into column "seq"/);
      // Appending is still allowed, from anywhere.
      await other.query("INSERT INTO access_audit (at, actor, action) VALUES (3000, 'system', 'check')");
    } finally {
      await other.end();
    }
    const after = await store.audit.list({});
    expect(after.slice(0, 2)).toStrictEqual(before);
    expect(after.map((e) => e.action)).toEqual(['signin', 'signout', 'check']);
    await store.close();
  });

  it('stores usernames lower-case even against a hand-written INSERT', async () => {
    const schema = schemas.next();
    await (await open(schema)).close();
    const other = await connectTo(schema);
    try {
      await expect(other.query(`INSERT INTO access_accounts (id, username, name, role, teams, password_hash,
        password_changed_at, must_change_password, disabled, created_at, failed_sign_ins)
        VALUES ('acc_x', 'Admin', 'A', 'admin', '[]', 'h', 1, false, false, 1, 0)`)).rejects.toThrow(/check constraint/);
    } finally {
      await other.end();
    }
  });

  itKeepsWhatItStoredAcrossReopen(() => {
    const schema = schemas.next();
    return () => open(schema);
  });

  it('shares one schema with the event storage, each at its own version', async () => {
    const schema = schemas.next();
    const [events, access] = await Promise.all([
      createPostgresStorage({ url: POSTGRES_URL, schema, maxConnections: 2 }), open(schema),
    ]);
    try {
      await events.log.append([eventEntry('evt-1')]);
      await access.accounts.create(makeAccount('acc_1'));
      expect(await events.log.lastSeq()).toBe(1);
      expect(await access.accounts.count()).toBe(1);
    } finally {
      await events.close();
      await access.close();
    }
    const other = await connectTo(schema);
    try {
      const { rows } = await other.query('SELECT component, max(version) AS version FROM floorwatch_migrations GROUP BY component ORDER BY component');
      expect(rows).toEqual([{ component: 'access', version: ACCESS_SCHEMA_VERSION }, { component: 'storage', version: STORAGE_SCHEMA_VERSION }]);
    } finally {
      await other.end();
    }
  });
});
