/** Storage writes for /ready: failing from a failed append (full, I/O, read-only) until one succeeds or the probe does. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createReadiness } from '../../../server/ops/readiness.js';
import { NO_PROBE_HOLD_MS, watchStorageWrites } from '../../../server/ops/storage-writes.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { NewLogEntry } from '../../../server/storage/types.js';

const entry = (id: string): NewLogEntry => ({ id, receivedAt: 1, payload: { kind: 'tick' } as never });

describe('watchStorageWrites', () => {
  it('fails with a failed append, recovers with a successful one, and passes everything else through', async () => {
    const inner = createMemoryStorage();
    let failure: Error | undefined;
    const append = inner.log.append.bind(inner.log);
    inner.log.append = async (entries) => {
      if (failure) throw failure;
      return append(entries);
    };
    const logged: string[] = [];
    const logger = { error: (_o: unknown, msg: string) => logged.push(`error ${msg}`), info: (_o: unknown, msg: string) => logged.push(`info ${msg}`) } as never;
    // A still clock: without a probe, a failure would otherwise lapse NO_PROBE_HOLD_MS after the last.
    const writes = watchStorageWrites({ logger, now: () => 1000 });
    const storage = writes.watch(inner);
    expect(storage.snapshots).toBe(inner.snapshots);
    expect(storage.alerts).toBe(inner.alerts);

    await storage.log.append([entry('a')]);
    expect(await writes.failing()).toBeUndefined();

    failure = new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    await expect(storage.log.append([entry('b')])).rejects.toBe(failure);
    expect(await writes.failing()).toBe('disk full');
    await expect(storage.log.append([entry('b')])).rejects.toBe(failure);
    expect(logged).toEqual([expect.stringMatching(/^error storage: writes failing \(disk full\)/)]);

    // A bug is not a storage failure: it changes nothing here.
    failure = new Error('a bug');
    await expect(storage.log.append([entry('b')])).rejects.toThrow('a bug');
    expect(await writes.failing()).toBe('disk full');

    failure = undefined;
    expect((await storage.log.append([entry('b')])).appended.map((e) => e.id)).toEqual(['b']);
    expect(await writes.failing()).toBeUndefined();
    expect(logged.at(-1)).toBe('info storage: writes succeed again');
    expect(await storage.log.lastSeq()).toBe(2);
    expect((await storage.log.read(0, 10)).map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('without a probe (PostgreSQL), a failure lapses NO_PROBE_HOLD_MS after the last failed append', async () => {
    let t = 0;
    const writes = watchStorageWrites({ now: () => t });
    writes.failed(Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' }));
    t = NO_PROBE_HOLD_MS;
    expect(await writes.failing()).toBe('disk full');
    writes.failed(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    t = 2 * NO_PROBE_HOLD_MS;
    expect(await writes.failing()).toBe('database unreachable');
    t = 2 * NO_PROBE_HOLD_MS + 1;
    expect(await writes.failing()).toBeUndefined();
  });

  it('while failing, asks the probe: failing as long as it throws, well once it does not', async () => {
    let probeError: Error | undefined = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    let probes = 0;
    const writes = watchStorageWrites({
      probe: () => {
        probes += 1;
        if (probeError) throw probeError;
      },
    });
    expect(await writes.failing()).toBeUndefined();
    expect(probes).toBe(0); // not failing: no probe
    writes.failed(new Database.SqliteError('attempt to write a readonly database', 'SQLITE_READONLY'));
    expect(await writes.failing()).toBe('read-only');
    probeError = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    expect(await writes.failing()).toBe('disk full');
    probeError = undefined;
    expect(await writes.failing()).toBeUndefined();
    expect(probes).toBe(3);
  });
});

describe('readiness with storage writes', () => {
  it('is not ready while writes fail, with the reason in public words, although the storage answers', async () => {
    let failing: string | undefined = 'disk full';
    const readiness = createReadiness({ pingStorage: async () => 0, storageWrites: async () => failing });
    readiness.attachFloor('default', { read: () => ({ engineLagMs: 0 }) });
    expect(await readiness.check()).toEqual({
      ready: false, reasons: ['storage writes failing: disk full'],
      checks: { shuttingDown: false, storage: 'failing', floors: [{ floor: 'default', engineLagSeconds: 0 }] },
    });
    failing = undefined;
    expect(await readiness.check()).toMatchObject({ ready: true, reasons: [], checks: { storage: 'ok' } });
  });

  it('an unreachable storage stays unreachable', async () => {
    const readiness = createReadiness({ pingStorage: async () => { throw new Error('down'); }, storageWrites: async () => 'I/O error' });
    readiness.attachFloor('default', { read: () => ({ engineLagMs: 0 }) });
    expect(await readiness.check()).toMatchObject({
      ready: false, reasons: ['storage unreachable', 'storage writes failing: I/O error'], checks: { storage: 'unreachable' },
    });
  });
});
