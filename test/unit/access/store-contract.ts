/**
 * The access-store contract: what every backend (memory, SQLite, any later one) must do.
 * A backend's test file calls runAccessStoreContract with a factory; each test gets a
 * fresh, empty store. A file-backed SQLite run also passes the path of the file behind the
 * store just made, and the suite then checks the audit log is append-only in SQL itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccessStore } from '../../../server/access/types.js';
import { StorageClosedError } from '../../../server/storage/errors.js';
import { describeAccountsContract, describeSessionsContract } from './store-contract-accounts.js';
import { describeAuditContract, describeAuditImmutableInSql } from './store-contract-audit.js';
import {
  describeDevicesContract, describeFeedTokensContract, describePairRequestsContract,
} from './store-contract-devices.js';
import { makeAccount, makeDevice, makeFeedToken, makePairRequest, makeSession } from './store-fixtures.js';

export interface AccessStoreContractOptions {
  /** The SQLite file behind the store `make` last returned. */
  sqliteFile?: () => string;
}

export function runAccessStoreContract(
  name: string,
  make: () => Promise<AccessStore> | AccessStore,
  options: AccessStoreContractOptions = {},
): void {
  describe(`${name}: access store contract`, () => {
    let current: AccessStore;
    beforeEach(async () => {
      current = await make();
    });
    // close() twice must be harmless (the close tests already closed theirs).
    afterEach(async () => {
      await current.close();
    });
    const store = (): AccessStore => current;

    describeAccountsContract(store);
    describeSessionsContract(store);
    describeDevicesContract(store);
    describePairRequestsContract(store);
    describeFeedTokensContract(store);
    describeAuditContract(store);
    if (options.sqliteFile) describeAuditImmutableInSql(store, options.sqliteFile);
    describeCloseContract(store);
  });
}

function describeCloseContract(store: () => AccessStore): void {
  describe('close', () => {
    it('makes every method reject with StorageClosedError', async () => {
      const closing = store();
      const { accounts, sessions, devices, pairRequests, feedTokens, audit } = closing;
      await accounts.create(makeAccount('acc_1'));
      await closing.close();
      const calls: [string, () => Promise<unknown>][] = [
        ['accounts.count', () => accounts.count()],
        ['accounts.create', () => accounts.create(makeAccount('acc_2'))],
        ['accounts.get', () => accounts.get('acc_1')],
        ['accounts.byUsername', () => accounts.byUsername('user-acc_1')],
        ['accounts.list', () => accounts.list()],
        ['accounts.update', () => accounts.update(makeAccount('acc_1'))],
        ['sessions.create', () => sessions.create(makeSession('s1', 'acc_1'))],
        ['sessions.get', () => sessions.get('s1')],
        ['sessions.update', () => sessions.update(makeSession('s1', 'acc_1'))],
        ['sessions.delete', () => sessions.delete('s1')],
        ['sessions.deleteForAccount', () => sessions.deleteForAccount('acc_1')],
        ['sessions.prune', () => sessions.prune(1)],
        ['devices.create', () => devices.create(makeDevice('dev_1'))],
        ['devices.get', () => devices.get('dev_1')],
        ['devices.byTokenHash', () => devices.byTokenHash('hash-dev_1')],
        ['devices.list', () => devices.list()],
        ['devices.update', () => devices.update(makeDevice('dev_1'))],
        ['pairRequests.create', () => pairRequests.create(makePairRequest('pair_1', 'ABC234'))],
        ['pairRequests.get', () => pairRequests.get('pair_1')],
        ['pairRequests.byCode', () => pairRequests.byCode('ABC234', 1)],
        ['pairRequests.update', () => pairRequests.update(makePairRequest('pair_1', 'ABC234'))],
        ['pairRequests.prune', () => pairRequests.prune(1)],
        ['feedTokens.create', () => feedTokens.create(makeFeedToken('feed_1'))],
        ['feedTokens.get', () => feedTokens.get('feed_1')],
        ['feedTokens.byTokenHash', () => feedTokens.byTokenHash('hash-feed_1')],
        ['feedTokens.list', () => feedTokens.list()],
        ['feedTokens.update', () => feedTokens.update(makeFeedToken('feed_1'))],
        ['audit.append', () => audit.append({ at: 1, actor: 'system', action: 'test' })],
        ['audit.list', () => audit.list({})],
      ];
      for (const [method, call] of calls) {
        await expect(call(), method).rejects.toThrow(StorageClosedError);
      }
    });

    it('can be called twice', async () => {
      await store().close();
      await expect(store().close()).resolves.toBeUndefined();
    });
  });
}
