/** Readiness: what it takes to be sent traffic, and the reasons it gives when not. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createReadiness } from '../../../server/ops/readiness.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { FakeClock } from '../../helpers/fake-clock.js';

const lagOf = (ms: number) => ({ read: () => ({ engineLagMs: ms }) });

afterEach(() => {
  vi.useRealTimers();
});

describe('createReadiness', () => {
  it('is not ready before a floor is attached, ready once it is, not ready again when it is detached', async () => {
    const readiness = createReadiness({ pingStorage: async () => 0 });
    expect(await readiness.check()).toEqual({
      ready: false, reasons: ['floor not rebuilt yet'], checks: { shuttingDown: false, storage: 'ok', floors: [] },
    });
    const detach = readiness.attachFloor('default', lagOf(2_000));
    expect(await readiness.check()).toEqual({
      ready: true, reasons: [], checks: { shuttingDown: false, storage: 'ok', floors: [{ floor: 'default', engineLagSeconds: 2 }] },
    });
    detach();
    expect((await readiness.check()).reasons).toEqual(['floor not rebuilt yet']);
  });

  it("measures the engine's lag at the time of the check, against the bound", async () => {
    const clock = new FakeClock(100_000);
    const engineTime = 98_000;
    const readiness = createReadiness({ now: clock.now, maxEngineLagMs: 10_000 });
    readiness.attachFloor('default', { read: (now) => ({ engineLagMs: now - engineTime }) });
    expect((await readiness.check()).ready).toBe(true);
    clock.set(engineTime + 10_000);
    expect((await readiness.check()).ready).toBe(true);
    clock.set(engineTime + 10_001);
    expect(await readiness.check()).toMatchObject({
      ready: false, reasons: ['floor default: engine 10.0 s behind (more than 10 s)'],
    });
  });

  it('is not ready from the moment shutdown begins', async () => {
    const readiness = createReadiness();
    readiness.attachFloor('default', lagOf(0));
    expect((await readiness.check()).ready).toBe(true);
    readiness.beginShutdown();
    expect(readiness.shuttingDown).toBe(true);
    expect(await readiness.check()).toMatchObject({ ready: false, reasons: ['shutting down'], checks: { shuttingDown: true } });
  });

  it("is not ready when the storage fails, saying so without the error's own words (they go to the log)", async () => {
    const storage = createMemoryStorage();
    await storage.close();
    const warnings: unknown[] = [];
    const logger = { warn: (...args: unknown[]) => warnings.push(args) } as never;
    const readiness = createReadiness({ pingStorage: () => storage.log.lastSeq(), logger });
    readiness.attachFloor('default', lagOf(0));
    const report = await readiness.check();
    expect(report).toMatchObject({ ready: false, reasons: ['storage unreachable'], checks: { storage: 'unreachable' } });
    expect(JSON.stringify(report)).not.toMatch(/closed/);
    expect((warnings as Array<[{ err: Error }, string]>)[0][0].err.message).toMatch(/closed/);
  });

  it('counts a storage that does not answer in time as unreachable, and shares one ping between probes', async () => {
    vi.useFakeTimers();
    let pings = 0;
    let answer: (() => void) | undefined;
    const readiness = createReadiness({
      pingTimeoutMs: 2_000,
      pingStorage: () => {
        pings += 1;
        return new Promise<void>((resolve) => {
          answer = resolve;
        });
      },
    });
    readiness.attachFloor('default', lagOf(0));
    const probes = [readiness.check(), readiness.check(), readiness.check()];
    await vi.advanceTimersByTimeAsync(2_000);
    for (const report of await Promise.all(probes)) {
      expect(report).toMatchObject({ ready: false, reasons: ['storage did not answer within 2 s'], checks: { storage: 'timeout' } });
    }
    expect(pings).toBe(1);
    // The next probe pings again; a prompt answer makes it ready.
    const next = readiness.check();
    expect(pings).toBe(2);
    answer?.();
    expect(await next).toMatchObject({ ready: true, checks: { storage: 'ok' } });
  });

  it('lists every reason at once', async () => {
    const readiness = createReadiness({ pingStorage: () => Promise.reject(new Error('ECONNREFUSED')), maxEngineLagMs: 1_000 });
    readiness.attachFloor('site-a', lagOf(5_000));
    readiness.beginShutdown();
    expect((await readiness.check()).reasons).toEqual([
      'shutting down', 'storage unreachable', 'floor site-a: engine 5.0 s behind (more than 1 s)',
    ]);
  });
});
