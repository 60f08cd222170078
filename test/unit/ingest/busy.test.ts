/**
 * When ingest counts as busy: too many events waiting for the floor, or an event loop
 * running late (requests queued before any handler). vitest's fake timers drive the lag
 * watcher; nothing sleeps.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIngestService } from '../../../server/ingest/ingest-service.js';
import { watchLoopLag } from '../../../server/ingest/loop-lag.js';
import { FakeFloor } from '../../integration/fake-floor.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('ingest busy', () => {
  it('is busy while the event loop lags past the bound, and not before', () => {
    let lag = 0;
    const ingest = createIngestService(new FakeFloor(), undefined, { loopLag: { current: () => lag }, maxLoopLagMs: 300 });
    expect(ingest.busy?.()).toBe(false);
    lag = 300;
    expect(ingest.busy?.()).toBe(false);
    lag = 301;
    expect(ingest.busy?.()).toBe(true);
  });

  it('counts a loop that stays late more than one pause', () => {
    vi.useFakeTimers();
    let clock = 0;
    const watch = watchLoopLag(50, () => clock, 3);
    const tick = (late: number): void => {
      clock += 50 + late;
      vi.advanceTimersByTime(50);
    };
    tick(0);
    tick(0);
    tick(0);
    expect(watch.current()).toBe(0);
    // One pause of 300 ms (a garbage collection) weighs a third: 100 ms.
    tick(300);
    expect(watch.current()).toBe(100);
    tick(0);
    tick(0);
    tick(0);
    expect(watch.current()).toBe(0);
    // Late three times running: the loop is behind by their mean.
    tick(350);
    tick(500);
    tick(410);
    expect(watch.current()).toBe(420);
    watch.stop();
  });
});
