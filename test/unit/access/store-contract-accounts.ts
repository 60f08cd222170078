/** The accounts and sessions parts of the access-store contract (see store-contract.ts). */
import { describe, expect, it } from 'vitest';
import { DuplicateRecordError } from '../../../server/access/store-rules.js';
import type { AccessStore } from '../../../server/access/types.js';
import { makeAccount, makeFullAccount, makeSession } from './store-fixtures.js';

export function describeAccountsContract(store: () => AccessStore): void {
  describe('accounts', () => {
    it('counts, creates and gets accounts', async () => {
      const { accounts } = store();
      expect(await accounts.count()).toBe(0);
      expect(await accounts.get('acc_1')).toBeNull();
      await accounts.create(makeAccount('acc_1'));
      await accounts.create(makeFullAccount('acc_2'));
      expect(await accounts.count()).toBe(2);
      expect(await accounts.get('acc_1')).toStrictEqual(makeAccount('acc_1'));
      expect(await accounts.get('acc_2')).toStrictEqual(makeFullAccount('acc_2'));
    });

    it('hands back copies: changing one does not change the store', async () => {
      const { accounts } = store();
      await accounts.create(makeFullAccount('acc_1'));
      const got = await accounts.get('acc_1');
      got!.teams.push('team-east');
      got!.disabled = false;
      expect(await accounts.get('acc_1')).toStrictEqual(makeFullAccount('acc_1'));
    });

    it('stores usernames lower-case and finds them whatever the case', async () => {
      const { accounts } = store();
      await accounts.create(makeAccount('acc_1', { username: 'Carla.Mendes' }));
      expect((await accounts.get('acc_1'))?.username).toBe('carla.mendes');
      for (const asked of ['carla.mendes', 'CARLA.MENDES', 'Carla.Mendes']) {
        expect((await accounts.byUsername(asked))?.id, asked).toBe('acc_1');
      }
      expect(await accounts.byUsername('carla')).toBeNull();
    });

    it('refuses a username already taken in any case, and a repeated id', async () => {
      const { accounts } = store();
      await accounts.create(makeAccount('acc_1', { username: 'carla' }));
      await expect(accounts.create(makeAccount('acc_2', { username: 'CARLA' }))).rejects.toThrow(DuplicateRecordError);
      await expect(accounts.create(makeAccount('acc_2', { username: 'Carla' }))).rejects.toThrow(/username already exists/);
      await expect(accounts.create(makeAccount('acc_1', { username: 'other' }))).rejects.toThrow(/id already exists/);
      expect(await accounts.count()).toBe(1);
    });

    it('lists accounts by username', async () => {
      const { accounts } = store();
      await accounts.create(makeAccount('acc_1', { username: 'mia' }));
      await accounts.create(makeAccount('acc_2', { username: 'Ahmed' }));
      await accounts.create(makeAccount('acc_3', { username: 'zoe' }));
      expect((await accounts.list()).map((account) => account.username)).toEqual(['ahmed', 'mia', 'zoe']);
    });

    it('updates by replacing the whole record, optional fields included', async () => {
      const { accounts } = store();
      await accounts.create(makeFullAccount('acc_1'));
      const replacement = makeAccount('acc_1', { username: 'Renamed', name: 'New Name', failedSignIns: 0 });
      await accounts.update(replacement);
      // lockedUntil, lastSignInAt ... were set and are now gone.
      expect(await accounts.get('acc_1')).toStrictEqual({ ...replacement, username: 'renamed' });
      expect((await accounts.byUsername('RENAMED'))?.id).toBe('acc_1');
      expect(await accounts.byUsername('user-acc_1')).toBeNull();
    });

    it('refuses an update to a username another account has, leaving both as they were', async () => {
      const { accounts } = store();
      await accounts.create(makeAccount('acc_1', { username: 'carla' }));
      await accounts.create(makeAccount('acc_2', { username: 'mia' }));
      await expect(accounts.update(makeAccount('acc_2', { username: 'Carla' }))).rejects.toThrow(DuplicateRecordError);
      expect((await accounts.get('acc_2'))?.username).toBe('mia');
      // Its own username in another case is not a clash.
      await accounts.update(makeAccount('acc_1', { username: 'CARLA', name: 'Carla M' }));
      expect((await accounts.get('acc_1'))?.name).toBe('Carla M');
    });

    // Not (yet) a declared AccountRecord field: the access service stores it on the record
    // (service/views.ts AccountWithHistory) and needs it back to refuse password reuse.
    it('keeps the earlier password hashes the service stores on an account', async () => {
      const { accounts } = store();
      const withHistory = { ...makeAccount('acc_1'), previousPasswordHashes: ['scrypt$old1', 'scrypt$old2'] };
      await accounts.create(withHistory);
      expect(await accounts.get('acc_1')).toStrictEqual(withHistory);
      const longer = { ...withHistory, previousPasswordHashes: ['scrypt$old0', 'scrypt$old1', 'scrypt$old2'] };
      await accounts.update(longer);
      expect(await accounts.byUsername('user-acc_1')).toStrictEqual(longer);
      await accounts.update(makeAccount('acc_1'));
      expect(await accounts.get('acc_1')).toStrictEqual(makeAccount('acc_1'));
    });

    it('does not create an account by updating one that does not exist', async () => {
      const { accounts } = store();
      await accounts.update(makeAccount('acc_missing'));
      expect(await accounts.get('acc_missing')).toBeNull();
      expect(await accounts.count()).toBe(0);
    });
  });
}

export function describeSessionsContract(store: () => AccessStore): void {
  describe('sessions', () => {
    it('creates, gets, updates and deletes a session', async () => {
      const { sessions } = store();
      expect(await sessions.get('s1')).toBeNull();
      await sessions.create(makeSession('s1', 'acc_1'));
      await sessions.create(makeSession('s2', 'acc_1', { ip: '10.0.0.7' }));
      expect(await sessions.get('s1')).toStrictEqual(makeSession('s1', 'acc_1'));
      expect(await sessions.get('s2')).toStrictEqual(makeSession('s2', 'acc_1', { ip: '10.0.0.7' }));

      await sessions.update(makeSession('s2', 'acc_1', { lastSeenAt: 3_000, expiresAt: 20_000 }));
      expect(await sessions.get('s2')).toStrictEqual(makeSession('s2', 'acc_1', { lastSeenAt: 3_000, expiresAt: 20_000 }));

      await sessions.delete('s1');
      expect(await sessions.get('s1')).toBeNull();
      await expect(sessions.delete('s1')).resolves.toBeUndefined();
      expect(await sessions.get('s2')).not.toBeNull();
    });

    it('refuses a repeated session id', async () => {
      const { sessions } = store();
      await sessions.create(makeSession('s1', 'acc_1'));
      await expect(sessions.create(makeSession('s1', 'acc_2'))).rejects.toThrow(DuplicateRecordError);
      expect((await sessions.get('s1'))?.accountId).toBe('acc_1');
    });

    it('does not bring back a deleted session by updating it', async () => {
      const { sessions } = store();
      await sessions.create(makeSession('s1', 'acc_1'));
      await sessions.delete('s1');
      await sessions.update(makeSession('s1', 'acc_1', { lastSeenAt: 2_000 }));
      expect(await sessions.get('s1')).toBeNull();
    });

    it("deletes all of one account's sessions and says how many", async () => {
      const { sessions } = store();
      await sessions.create(makeSession('s1', 'acc_1'));
      await sessions.create(makeSession('s2', 'acc_1'));
      await sessions.create(makeSession('s3', 'acc_2'));
      expect(await sessions.deleteForAccount('acc_1')).toBe(2);
      expect(await sessions.get('s1')).toBeNull();
      expect(await sessions.get('s2')).toBeNull();
      expect(await sessions.get('s3')).not.toBeNull();
      expect(await sessions.deleteForAccount('acc_1')).toBe(0);
    });

    it('prunes sessions expired by now (expiresAt <= now), keeping live ones', async () => {
      const { sessions } = store();
      await sessions.create(makeSession('s1', 'acc_1', { expiresAt: 1_000 }));
      await sessions.create(makeSession('s2', 'acc_1', { expiresAt: 2_000 }));
      await sessions.create(makeSession('s3', 'acc_1', { expiresAt: 2_001 }));
      expect(await sessions.prune(2_000)).toBe(2);
      expect(await sessions.get('s1')).toBeNull();
      expect(await sessions.get('s2')).toBeNull();
      expect(await sessions.get('s3')).not.toBeNull();
      expect(await sessions.prune(2_000)).toBe(0);
      await expect(sessions.prune(Number.NaN)).rejects.toThrow(RangeError);
    });
  });
}
