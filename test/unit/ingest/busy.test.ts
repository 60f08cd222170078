/**
 * When ingest counts as busy: too many events waiting for the floor, or an event loop
 * running late (requests queued before any handler). vitest's fake timers drive the lag
 * watcher; nothing sleeps.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIngestService } from '../../../server/ingest/ingest-service.js';
import { watchLoopLag } from '../../../server/ingest/loop-lag.js';
import { ServiceRate } from '../../../server/ingest/service-rate.js';
import type { FloorEvent } from '../../../shared/events.js';
import { FakeFloor } from '../../integration/fake-floor.js';

afterEach(() => {
  vi.useRealTimers();
});

const events = (n: number, tag: string): FloorEvent[] => Array.from({ length: n }, (_, i) => ({
  id: `${tag}-${i}`, type: 'agent.login', ts: 1_795_000_000_000, agentId: `a${i}`, stationId: 'S-1',
}) as FloorEvent);

describe('the floor\'s service rate', () => {
  it('counts a batch from when the one before it finished, not from when it was handed over', () => {
    let now = 0;
    const rate = new ServiceRate(() => now);
    expect(rate.eventsPerMs()).toBeUndefined();
    const a = rate.submitted();
    now = 20;
    const b = rate.submitted(); // handed over while the first is being applied
    now = 100;
    rate.completed(a, 1000);
    now = 150;
    rate.completed(b, 500); // 50 ms of service, not 130
    expect(rate.eventsPerMs()).toBe(10);
    now = 1000; // a quiet spell: the next batch is served from when it arrived
    const c = rate.submitted();
    now = 1010;
    rate.completed(c, 100);
    expect(rate.eventsPerMs()).toBe(1600 / 160);
  });
});

/** A fake floor that takes 0.1 ms of a fake clock per event (10 events per ms), and that clock. */
function floorAtTenEventsPerMs(): { floor: FakeFloor; now: () => number } {
  let clock = 0;
  const floor = new FakeFloor();
  const apply = floor.ingest.bind(floor);
  floor.ingest = async (batch) => {
    const outcome = await apply(batch);
    clock += batch.length * 0.1;
    return outcome;
  };
  return { floor, now: () => clock };
}

describe('ingest busy', () => {
  it('keeps the waiting events to maxQueueMs of work at the measured rate', async () => {
    const { floor, now } = floorAtTenEventsPerMs();
    const ingest = createIngestService(floor, undefined, { maxQueueMs: 250, maxPendingEvents: 20_000, now });
    await ingest.ingestBatch(events(3000, 'warm')); // measured: 10 events/ms, so 2,500 may wait
    let open!: () => void;
    floor.ingestGate = new Promise<void>((resolve) => { open = resolve; });
    const first = ingest.ingestBatch(events(2000, 'a'));
    await expect(ingest.ingestBatch(events(600, 'b'))).rejects.toThrow('busy: 2000 events are waiting to be applied (limit 2500)');
    const fits = ingest.ingestBatch(events(500, 'c'));
    expect(ingest.busy?.()).toBe(true);
    // At the bound, a small batch (an urgent event) still gets in: it is held to the cap only.
    expect(ingest.busy?.(2_000)).toBe(false);
    expect(ingest.busy?.(200_000)).toBe(true);
    const urgent = ingest.ingestBatch(events(1, 'urgent'));
    await expect(ingest.ingestBatch(events(101, 'not-small'))).rejects.toThrow('limit 2500');
    open();
    expect((await Promise.all([first, fits, urgent])).map((r) => r.accepted)).toEqual([2000, 500, 1]);
    expect(ingest.busy?.()).toBe(false);
  });

  it('refuses, before reading it, a body whose estimated events would be refused once parsed', async () => {
    const { floor, now } = floorAtTenEventsPerMs();
    const ingest = createIngestService(floor, undefined, { maxQueueMs: 2500, maxPendingEvents: 100_000, now });
    const ndjson = (list: FloorEvent[]): string => list.map((e) => JSON.stringify(e)).join('\n');
    const warm = ndjson(events(30_000, 'warm'));
    await ingest.ingestBatch(warm, 'application/x-ndjson'); // 25,000 may wait; the bytes per event are known
    const perEvent = Buffer.byteLength(warm) / 30_000;
    // Nothing waits: any body is let in, as ingestBatch would take it.
    expect(ingest.busy?.(Math.ceil(perEvent * 50_000))).toBe(false);
    let open!: () => void;
    floor.ingestGate = new Promise<void>((resolve) => { open = resolve; });
    const first = ingest.ingestBatch(ndjson(events(20_000, 'a')), 'application/x-ndjson');
    // 20,000 wait: a body of about 4,000 events fits, one of about 6,000 would be refused once parsed.
    expect(ingest.busy?.(Math.round(perEvent * 4000))).toBe(false);
    expect(ingest.busy?.(Math.round(perEvent * 6000))).toBe(true);
    await expect(ingest.ingestBatch(ndjson(events(6000, 'b')), 'application/x-ndjson')).rejects.toThrow('limit 25000');
    // Without a size (a transport that does not know it) only the waiting count decides.
    expect(ingest.busy?.()).toBe(false);
    open();
    expect((await first).accepted).toBe(20_000);
  });

  it('takes the fixed cap until a rate is measured, and a batch whenever nothing waits', async () => {
    const floor = new FakeFloor();
    const ingest = createIngestService(floor, undefined, { maxPendingEvents: 100, now: () => 0 });
    let open!: () => void;
    floor.ingestGate = new Promise<void>((resolve) => { open = resolve; });
    const big = ingest.ingestBatch(events(5000, 'big')); // over the cap, but nothing waits
    await expect(ingest.ingestBatch(events(1, 'one'))).rejects.toThrow('limit 100');
    open();
    expect((await big).accepted).toBe(5000);
  });

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
