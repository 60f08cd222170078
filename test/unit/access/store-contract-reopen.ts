/**
 * What a durable access-store backend (a SQLite file, a PostgreSQL schema) keeps across a
 * reopen: its records, and the audit sequence, which goes on counting rather than starting
 * again (a repeated seq would make two audit entries one).
 */
import { expect, it } from 'vitest';
import type { AccessStore } from '../../../server/access/types.js';
import { makeAccount } from './store-fixtures.js';

/** `place()` picks a fresh place to store in, and answers how to open a store there. */
export function itKeepsWhatItStoredAcrossReopen(place: () => () => Promise<AccessStore> | AccessStore): void {
  it('keeps what it stored across a reopen, and the audit seq keeps counting', async () => {
    const open = place();
    const first = await open();
    await first.accounts.create(makeAccount('acc_1', { username: 'Carla' }));
    const appended = await first.audit.append({ at: 1, actor: 'system', action: 'account.create', target: 'acc_1' });
    await first.close();

    const second = await open();
    try {
      expect(await second.accounts.byUsername('carla')).toStrictEqual(makeAccount('acc_1', { username: 'carla' }));
      expect(await second.audit.list({})).toStrictEqual([appended]);
      expect((await second.audit.append({ at: 2, actor: 'system', action: 'x' })).seq).toBeGreaterThan(appended.seq);
    } finally {
      await second.close();
    }
  });
}
