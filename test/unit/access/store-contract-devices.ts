/** The devices, pair requests and feed tokens parts of the access-store contract. */
import { describe, expect, it } from 'vitest';
import { DuplicateRecordError } from '../../../server/access/store-rules.js';
import type { AccessStore } from '../../../server/access/types.js';
import { makeDevice, makeFeedToken, makePairRequest } from './store-fixtures.js';

export function describeDevicesContract(store: () => AccessStore): void {
  describe('devices', () => {
    it('creates, gets and finds a device by its token hash', async () => {
      const { devices } = store();
      expect(await devices.get('dev_1')).toBeNull();
      expect(await devices.byTokenHash('hash-dev_1')).toBeNull();
      await devices.create(makeDevice('dev_1'));
      await devices.create(makeDevice('dev_2', { lastSeenAt: 3_000, revokedAt: 4_000 }));
      expect(await devices.get('dev_1')).toStrictEqual(makeDevice('dev_1'));
      expect(await devices.byTokenHash('hash-dev_2')).toStrictEqual(makeDevice('dev_2', { lastSeenAt: 3_000, revokedAt: 4_000 }));
      expect(await devices.byTokenHash('hash-unknown')).toBeNull();
    });

    it('lists devices oldest first, ties by id', async () => {
      const { devices } = store();
      await devices.create(makeDevice('dev_c', { createdAt: 2_000 }));
      await devices.create(makeDevice('dev_b', { createdAt: 1_000 }));
      await devices.create(makeDevice('dev_a', { createdAt: 2_000 }));
      expect((await devices.list()).map((device) => device.id)).toEqual(['dev_b', 'dev_a', 'dev_c']);
    });

    it('updates a device (revoking it) and forgets a replaced token hash', async () => {
      const { devices } = store();
      await devices.create(makeDevice('dev_1', { lastSeenAt: 2_000 }));
      await devices.update(makeDevice('dev_1', { tokenHash: 'hash-new', revokedAt: 5_000 }));
      expect(await devices.get('dev_1')).toStrictEqual(makeDevice('dev_1', { tokenHash: 'hash-new', revokedAt: 5_000 }));
      expect(await devices.byTokenHash('hash-dev_1')).toBeNull();
      await devices.update(makeDevice('dev_missing'));
      expect(await devices.get('dev_missing')).toBeNull();
    });

    it('refuses a token hash or an id already in use', async () => {
      const { devices } = store();
      await devices.create(makeDevice('dev_1'));
      await devices.create(makeDevice('dev_2'));
      await expect(devices.create(makeDevice('dev_3', { tokenHash: 'hash-dev_1' }))).rejects.toThrow(/token hash already exists/);
      await expect(devices.create(makeDevice('dev_1', { tokenHash: 'hash-other' }))).rejects.toThrow(DuplicateRecordError);
      await expect(devices.update(makeDevice('dev_2', { tokenHash: 'hash-dev_1' }))).rejects.toThrow(DuplicateRecordError);
      expect((await devices.get('dev_2'))?.tokenHash).toBe('hash-dev_2');
    });
  });
}

export function describePairRequestsContract(store: () => AccessStore): void {
  describe('pair requests', () => {
    it('creates and gets a request', async () => {
      const { pairRequests } = store();
      expect(await pairRequests.get('pair_1')).toBeNull();
      await pairRequests.create(makePairRequest('pair_1', 'ABC234', { ip: '10.0.0.9' }));
      expect(await pairRequests.get('pair_1')).toStrictEqual(makePairRequest('pair_1', 'ABC234', { ip: '10.0.0.9' }));
      await expect(pairRequests.create(makePairRequest('pair_1', 'XYZ789'))).rejects.toThrow(DuplicateRecordError);
    });

    it('finds a request by its code only while it is unexpired (now < expiresAt)', async () => {
      const { pairRequests } = store();
      await pairRequests.create(makePairRequest('pair_1', 'ABC234', { expiresAt: 2_000 }));
      expect((await pairRequests.byCode('ABC234', 1_000))?.id).toBe('pair_1');
      expect((await pairRequests.byCode('ABC234', 1_999))?.id).toBe('pair_1');
      expect(await pairRequests.byCode('ABC234', 2_000)).toBeNull();
      expect(await pairRequests.byCode('ABC234', 5_000)).toBeNull();
      expect(await pairRequests.byCode('ZZZ999', 1_000)).toBeNull();
      // Still there by id after expiry, until pruned.
      expect(await pairRequests.get('pair_1')).not.toBeNull();
    });

    it('finds the newest live request when an old one showed the same code', async () => {
      const { pairRequests } = store();
      await pairRequests.create(makePairRequest('pair_old', 'ABC234', { createdAt: 1_000, expiresAt: 1_500 }));
      await pairRequests.create(makePairRequest('pair_live', 'ABC234', { createdAt: 1_200, expiresAt: 3_000 }));
      await pairRequests.create(makePairRequest('pair_newer', 'ABC234', { createdAt: 1_400, expiresAt: 3_000 }));
      expect((await pairRequests.byCode('ABC234', 1_100))?.id).toBe('pair_newer');
      expect((await pairRequests.byCode('ABC234', 2_000))?.id).toBe('pair_newer');
    });

    it('updates a request: approved with a device token, then the token cleared once collected', async () => {
      const { pairRequests } = store();
      await pairRequests.create(makePairRequest('pair_1', 'ABC234'));
      const approved = makePairRequest('pair_1', 'ABC234', { deviceId: 'dev_1', deviceToken: 'secret-token' });
      await pairRequests.update(approved);
      expect(await pairRequests.get('pair_1')).toStrictEqual(approved);
      expect(await pairRequests.byCode('ABC234', 1_500)).toStrictEqual(approved);
      await pairRequests.update(makePairRequest('pair_1', 'ABC234', { deviceId: 'dev_1' }));
      expect(await pairRequests.get('pair_1')).toStrictEqual(makePairRequest('pair_1', 'ABC234', { deviceId: 'dev_1' }));
      await pairRequests.update(makePairRequest('pair_missing', 'QQQ222'));
      expect(await pairRequests.get('pair_missing')).toBeNull();
    });

    it('prunes requests expired by now, and says how many', async () => {
      const { pairRequests } = store();
      await pairRequests.create(makePairRequest('pair_1', 'AAA222', { expiresAt: 1_500 }));
      await pairRequests.create(makePairRequest('pair_2', 'BBB333', { expiresAt: 2_000 }));
      await pairRequests.create(makePairRequest('pair_3', 'CCC444', { expiresAt: 2_001 }));
      expect(await pairRequests.prune(2_000)).toBe(2);
      expect(await pairRequests.get('pair_1')).toBeNull();
      expect(await pairRequests.get('pair_2')).toBeNull();
      expect(await pairRequests.get('pair_3')).not.toBeNull();
      expect(await pairRequests.prune(2_000)).toBe(0);
      await expect(pairRequests.byCode('CCC444', Number.NaN)).rejects.toThrow(RangeError);
    });
  });
}

export function describeFeedTokensContract(store: () => AccessStore): void {
  describe('feed tokens', () => {
    it('creates, gets, finds by token hash, lists oldest first and updates', async () => {
      const { feedTokens } = store();
      expect(await feedTokens.get('feed_1')).toBeNull();
      await feedTokens.create(makeFeedToken('feed_2', { createdAt: 2_000 }));
      await feedTokens.create(makeFeedToken('feed_1', { createdAt: 1_000, lastUsedAt: 1_500 }));
      expect(await feedTokens.get('feed_1')).toStrictEqual(makeFeedToken('feed_1', { createdAt: 1_000, lastUsedAt: 1_500 }));
      expect((await feedTokens.byTokenHash('hash-feed_2'))?.id).toBe('feed_2');
      expect(await feedTokens.byTokenHash('hash-unknown')).toBeNull();
      expect((await feedTokens.list()).map((token) => token.id)).toEqual(['feed_1', 'feed_2']);

      const revoked = makeFeedToken('feed_2', { createdAt: 2_000, lastUsedAt: 3_000, revokedAt: 4_000 });
      await feedTokens.update(revoked);
      expect(await feedTokens.byTokenHash('hash-feed_2')).toStrictEqual(revoked);
      await feedTokens.update(makeFeedToken('feed_missing'));
      expect(await feedTokens.get('feed_missing')).toBeNull();
    });

    it('refuses a token hash or an id already in use', async () => {
      const { feedTokens } = store();
      await feedTokens.create(makeFeedToken('feed_1'));
      await expect(feedTokens.create(makeFeedToken('feed_2', { tokenHash: 'hash-feed_1' }))).rejects.toThrow(DuplicateRecordError);
      await expect(feedTokens.create(makeFeedToken('feed_1', { tokenHash: 'other' }))).rejects.toThrow(/already exists/);
      expect(await feedTokens.list()).toHaveLength(1);
    });
  });
}
