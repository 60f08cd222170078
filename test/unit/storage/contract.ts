/**
 * The storage contract: what every backend (memory, SQLite, and any later PostgreSQL or
 * Redis one) must do. A backend's test file calls runStorageContract with a factory;
 * each test gets a fresh, empty storage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageClosedError } from '../../../server/storage/errors.js';
import type { Storage } from '../../../server/storage/types.js';
import { describeAlertContract } from './contract-alerts.js';
import { describeEventLogContract } from './contract-event-log.js';
import { describePointsContract } from './contract-points.js';
import { describeSnapshotContract } from './contract-snapshots.js';
import { eventEntry, makeAlert } from './fixtures.js';

export function runStorageContract(name: string, make: () => Promise<Storage> | Storage): void {
  describe(`${name}: storage contract`, () => {
    let current: Storage;
    beforeEach(async () => {
      current = await make();
    });
    // close() twice must be harmless (the close tests already closed theirs).
    afterEach(async () => {
      await current.close();
    });
    const storage = (): Storage => current;

    describeEventLogContract(storage);
    describeSnapshotContract(storage);
    describeAlertContract(storage);
    describePointsContract(storage);
    describeCloseContract(storage);
  });
}

function describeCloseContract(storage: () => Storage): void {
  describe('close', () => {
    it('makes every method reject with StorageClosedError', async () => {
      const closing = storage();
      const { log, snapshots, alerts } = closing;
      await log.append([eventEntry('a')]);
      await closing.close();
      const calls: [string, () => Promise<unknown>][] = [
        ['log.append', () => log.append([eventEntry('b')])],
        ['log.read', () => log.read(0, 10)],
        ['log.lastSeq', () => log.lastSeq()],
        ['log.prune', () => log.prune(Infinity, Infinity)],
        ['snapshots.save', () => snapshots.save({ seq: 1, takenAt: 1, state: '{}' })],
        ['snapshots.latest', () => snapshots.latest()],
        ['snapshots.prune', () => snapshots.prune(1)],
        ['alerts.upsert', () => alerts.upsert([makeAlert('x')])],
        ['alerts.get', () => alerts.get('x')],
        ['alerts.list', () => alerts.list({})],
        ['alerts.prune', () => alerts.prune(Infinity)],
      ];
      for (const [method, call] of calls) {
        await expect(call(), method).rejects.toThrow(StorageClosedError);
        await expect(call(), method).rejects.toThrow(/closed/);
      }
    });

    it('can be called twice', async () => {
      await storage().close();
      await expect(storage().close()).resolves.toBeUndefined();
    });
  });
}
