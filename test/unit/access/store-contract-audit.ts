/** The audit-log part of the access-store contract (see store-contract.ts). */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_LIST_LIMIT, MAX_AUDIT_LIST_LIMIT, auditListLimit } from '../../../server/access/store-rules.js';
import type { AccessStore } from '../../../server/access/types.js';
import type { AuditEntry } from '../../../shared/access.js';

type NewEntry = Omit<AuditEntry, 'seq'>;
const entry = (at: number, actor = 'acc_admin', action = 'account.create', extra: Partial<NewEntry> = {}): NewEntry =>
  ({ at, actor, action, ...extra });

export function describeAuditContract(store: () => AccessStore): void {
  describe('audit', () => {
    it('appends entries with increasing seqs and lists them back, oldest first', async () => {
      const { audit } = store();
      expect(await audit.list({})).toEqual([]);
      const first = await audit.append(entry(1_000));
      const second = await audit.append(entry(2_000, 'system', 'alert.resolve', {
        target: 'al-1', ip: '10.0.0.7', detail: { note: 'on it', nested: { teams: ['north'], count: 2 } },
      }));
      expect(first).toStrictEqual({ seq: first.seq, at: 1_000, actor: 'acc_admin', action: 'account.create' });
      expect(second.seq).toBeGreaterThan(first.seq);
      expect(second.detail).toEqual({ note: 'on it', nested: { teams: ['north'], count: 2 } });
      expect(await audit.list({})).toStrictEqual([first, second]);
    });

    it('orders by when entries were appended, even if their clocks disagree', async () => {
      const { audit } = store();
      await audit.append(entry(3_000, 'a'));
      await audit.append(entry(1_000, 'b'));
      await audit.append(entry(2_000, 'c'));
      expect((await audit.list({})).map((e) => e.actor)).toEqual(['a', 'b', 'c']);
    });

    it('filters by time (from inclusive, to exclusive), actor and action, together', async () => {
      const { audit } = store();
      await audit.append(entry(1_000, 'acc_1', 'signin'));
      await audit.append(entry(2_000, 'acc_2', 'signin'));
      await audit.append(entry(3_000, 'acc_1', 'signout'));
      await audit.append(entry(4_000, 'acc_1', 'signin'));
      const ats = async (query: Parameters<AccessStore['audit']['list']>[0]) => (await audit.list(query)).map((e) => e.at);
      expect(await ats({ from: 2_000 })).toEqual([2_000, 3_000, 4_000]);
      expect(await ats({ to: 3_000 })).toEqual([1_000, 2_000]);
      expect(await ats({ from: 2_000, to: 4_000 })).toEqual([2_000, 3_000]);
      expect(await ats({ actor: 'acc_1' })).toEqual([1_000, 3_000, 4_000]);
      expect(await ats({ action: 'signin' })).toEqual([1_000, 2_000, 4_000]);
      expect(await ats({ actor: 'acc_1', action: 'signin', from: 2_000 })).toEqual([4_000]);
      expect(await ats({ actor: 'nobody' })).toEqual([]);
    });

    it('returns at most `limit` entries, the oldest', async () => {
      const { audit } = store();
      for (let at = 1; at <= 5; at++) await audit.append(entry(at));
      expect((await audit.list({ limit: 2 })).map((e) => e.at)).toEqual([1, 2]);
      expect((await audit.list({ limit: 2, from: 3 })).map((e) => e.at)).toEqual([3, 4]);
      expect(await audit.list({ limit: 0 })).toEqual([]);
      expect(await audit.list({ limit: Infinity })).toHaveLength(5);
      await expect(audit.list({ limit: -1 })).rejects.toThrow(RangeError);
      await expect(audit.list({ from: Number.NaN })).rejects.toThrow(RangeError);
    });

    it(`returns ${DEFAULT_AUDIT_LIST_LIMIT} entries when no limit is given`, async () => {
      const { audit } = store();
      for (let at = 1; at <= DEFAULT_AUDIT_LIST_LIMIT + 5; at++) await audit.append(entry(at));
      const listed = await audit.list({});
      expect(listed).toHaveLength(DEFAULT_AUDIT_LIST_LIMIT);
      expect(listed[0].at).toBe(1);
      expect(await audit.list({ limit: DEFAULT_AUDIT_LIST_LIMIT + 100 })).toHaveLength(DEFAULT_AUDIT_LIST_LIMIT + 5);
      // The cap itself, without appending 100,001 entries.
      expect(auditListLimit(10 ** 9)).toBe(MAX_AUDIT_LIST_LIMIT);
      expect(auditListLimit(Infinity)).toBe(MAX_AUDIT_LIST_LIMIT);
    });

    it("keeps entries as appended: neither the caller's object nor a listed copy can change them", async () => {
      const { audit } = store();
      const detail = { role: 'lead' };
      const appended = await audit.append(entry(1_000, 'acc_1', 'account.update', { detail }));
      detail.role = 'admin';
      appended.detail!.role = 'manager';
      const [listed] = await audit.list({});
      listed.actor = 'someone-else';
      expect(await audit.list({})).toStrictEqual([
        { seq: appended.seq, at: 1_000, actor: 'acc_1', action: 'account.update', detail: { role: 'lead' } },
      ]);
    });
  });
}

/**
 * SQLite only: the log is append-only in the file itself, not just in our code, so
 * another program with the file open cannot rewrite or remove what was recorded.
 */
export function describeAuditImmutableInSql(store: () => AccessStore, databasePath: () => string): void {
  describe('audit (SQL level)', () => {
    it('refuses UPDATE, DELETE and INSERT OR REPLACE from another connection', async () => {
      const { audit } = store();
      const first = await audit.append(entry(1_000, 'acc_1', 'signin'));
      await audit.append(entry(2_000, 'acc_1', 'signout'));
      const before = await audit.list({});

      const other = new Database(databasePath(), { timeout: 5_000 });
      try {
        const attempts = [
          "UPDATE access_audit SET actor = 'intruder'",
          `UPDATE access_audit SET detail = '{}' WHERE seq = ${first.seq}`,
          'DELETE FROM access_audit',
          `DELETE FROM access_audit WHERE seq = ${first.seq}`,
          `INSERT OR REPLACE INTO access_audit (seq, at, actor, action) VALUES (${first.seq}, 1, 'intruder', 'forged')`,
          `REPLACE INTO access_audit (seq, at, actor, action) VALUES (${first.seq}, 1, 'intruder', 'forged')`,
          `INSERT INTO access_audit (seq, at, actor, action) VALUES (${first.seq}, 1, 'intruder', 'forged')
             ON CONFLICT (seq) DO UPDATE SET actor = excluded.actor`,
        ];
        for (const sql of attempts) expect(() => other.exec(sql), sql).toThrow(/audit log is append-only/);
        // Appending is still allowed, from anywhere.
        other.prepare("INSERT INTO access_audit (at, actor, action) VALUES (3000, 'system', 'check')").run();
      } finally {
        other.close();
      }
      const after = await audit.list({});
      expect(after.slice(0, 2)).toStrictEqual(before);
      expect(after.map((e) => e.action)).toEqual(['signin', 'signout', 'check']);
    });
  });
}
