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

  it('measures how late its timer fires', () => {
    vi.useFakeTimers();
    let clock = 0;
    const watch = watchLoopLag(50, () => clock);
    clock = 50;
    vi.advanceTimersByTime(50);
    expect(watch.current()).toBe(0);
    // The loop was blocked: the next tick comes 400 ms late.
    clock = 500;
    vi.advanceTimersByTime(50);
    expect(watch.current()).toBe(400);
    clock = 550;
    vi.advanceTimersByTime(50);
    expect(watch.current()).toBe(0);
    watch.stop();
  });
});
