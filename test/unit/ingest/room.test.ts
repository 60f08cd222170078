/**
 * Batches waiting for room on a busy floor (server/ingest/room.ts), and the ingest
 * service's rooms: in order, an urgent batch past the bulk ones, room held for a batch let
 * in until it counts as waiting, and a refusal once the wait runs out. vitest's fake timers
 * drive the waits; nothing sleeps. A batch the floor itself refuses as busy (a cluster's
 * stream) is offered again through the wait.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BusyError, createIngestService, FLOOR_BUSY_RETRY_MS } from '../../../server/ingest/ingest-service.js';
import { RoomQueue, type Room } from '../../../server/ingest/room.js';
import type { FloorEvent } from '../../../shared/events.js';
import { FakeFloor } from '../../integration/fake-floor.js';

afterEach(() => {
  vi.useRealTimers();
});

const events = (n: number, tag: string): FloorEvent[] => Array.from({ length: n }, (_, i) => ({
  id: `${tag}-${i}`, type: 'agent.login', ts: 1_795_000_000_000, agentId: `a${i}`, stationId: 'S-1',
}) as FloorEvent);
const ndjson = (list: FloorEvent[]): string => list.map((e) => JSON.stringify(e)).join('\n');

describe('RoomQueue', () => {
  it('lets batches in first come, first in, as room is freed, and holds room for each until released', async () => {
    vi.useFakeTimers();
    const rooms = new RoomQueue();
    let free = 0;
    const fits = (events: number) => () => rooms.held + events <= free;
    const order: string[] = [];
    const a = rooms.take(5, fits(5), 1000).then((room) => { order.push('a'); return room; });
    const b = rooms.take(1, fits(1), 1000).then((room) => { order.push('b'); return room; });
    expect(rooms.waiting).toBe(2);
    // Room for b alone: b still waits behind a.
    free = 1;
    rooms.wake();
    await Promise.resolve();
    expect(order).toEqual([]);
    free = 6;
    rooms.wake();
    const [roomA, roomB] = await Promise.all([a, b]);
    expect(order).toEqual(['a', 'b']);
    expect(rooms.held).toBe(6);
    roomA!.release();
    roomA!.release(); // again: no-op
    expect(rooms.held).toBe(1);
    roomB!.release();
    expect(rooms.held).toBe(0);
  });

  it('gives up after the wait, and then lets in the one behind that fits', async () => {
    vi.useFakeTimers();
    const rooms = new RoomQueue();
    const big = rooms.take(100, () => false, 1000);
    const small = rooms.take(1, () => true, 5000);
    vi.advanceTimersByTime(999);
    expect(rooms.waiting).toBe(2);
    vi.advanceTimersByTime(1);
    expect(await big).toBeUndefined();
    expect(await small).toBeDefined();
    expect(rooms.waiting).toBe(0);
  });

  it('refuses at once with no wait, and lets an overtaking batch past those waiting', async () => {
    vi.useFakeTimers();
    const rooms = new RoomQueue();
    expect(await rooms.take(1, () => false, 0)).toBeUndefined();
    void rooms.take(100, () => false, 1000);
    expect(await rooms.take(1, () => true, 1000, true)).toBeDefined();
    expect(rooms.waiting).toBe(1);
  });

  it('looks again while batches wait though none finished (the loop lag may have fallen)', async () => {
    vi.useFakeTimers();
    const rooms = new RoomQueue();
    let lagging = true;
    const waited = rooms.take(1, () => !lagging, 1000);
    vi.advanceTimersByTime(100);
    lagging = false;
    vi.advanceTimersByTime(50);
    expect(await waited).toBeDefined();
  });
});

describe('ingest rooms', () => {
  /**
   * A service whose bound is the fixed cap (no rate measured), the bytes per event learned.
   * Bodies here are of thousands of events: a small one (64 KB at most) is held to the cap only.
   */
  async function service(cap: number): Promise<{ ingest: ReturnType<typeof createIngestService>; floor: FakeFloor; bytes: (n: number) => number }> {
    const floor = new FakeFloor();
    const ingest = createIngestService(floor, undefined, { maxPendingEvents: cap, now: () => 0 });
    const warm = ndjson(events(2000, 'warm'));
    await ingest.ingestBatch(warm, 'application/x-ndjson');
    const perEvent = Buffer.byteLength(warm) / 2000;
    return { ingest, floor, bytes: (n) => Math.round(perEvent * n) };
  }

  it('a batch that finds the floor busy waits and goes in once the floor has applied what was waiting', async () => {
    vi.useFakeTimers();
    const { ingest, floor, bytes } = await service(10_000);
    let open!: () => void;
    floor.ingestGate = new Promise<void>((resolve) => { open = resolve; });
    const first = ingest.ingestBatch(ndjson(events(8000, 'a')), 'application/x-ndjson');
    const body = ndjson(events(4000, 'b'));
    let given: Room | BusyError | undefined;
    const waiting = ingest.roomFor(Buffer.byteLength(body), 1000).then((r) => { given = r; });
    vi.advanceTimersByTime(500);
    await Promise.resolve();
    expect(given).toBeUndefined(); // 8,000 wait; 4,000 more would pass 10,000
    open();
    await first;
    await waiting;
    expect(given).not.toBeInstanceOf(BusyError);
    // Held for its estimate (the bytes per event of the bodies read so far): about 4,000.
    expect(Math.abs((given as Room).held - 4000)).toBeLessThan(400);
    expect((await ingest.ingestBatch(body, 'application/x-ndjson', 'feed', given as Room)).accepted).toBe(4000);
    expect((given as Room).held).toBe(0);
    expect(ingest.busy?.(bytes(10_000))).toBe(false);
  });

  it('holds room for a batch let in until it counts as waiting, so two let in together cannot overfill', async () => {
    const { ingest, bytes } = await service(10_000);
    const room = await ingest.roomFor(bytes(7000), 0);
    expect(room).not.toBeInstanceOf(BusyError);
    // Its body not yet parsed: 7,000 are held for it, so 4,000 more do not fit.
    const second = await ingest.roomFor(bytes(4000), 0);
    expect(second).toBeInstanceOf(BusyError);
    expect((second as BusyError).message).toContain(`busy: ${(room as Room).held} events are waiting to be applied (limit 10000)`);
    (room as Room).release();
    expect(await ingest.roomFor(bytes(4000), 0)).not.toBeInstanceOf(BusyError);
  });

  it('lets an urgent batch (a small body) past the big ones waiting', async () => {
    vi.useFakeTimers();
    const { ingest, floor, bytes } = await service(10_000);
    floor.ingestGate = new Promise<void>(() => {});
    void ingest.ingestBatch(ndjson(events(8000, 'a')), 'application/x-ndjson');
    const big = ingest.roomFor(bytes(4000), 1000);
    const urgent = await ingest.roomFor(bytes(1), 1000);
    expect(urgent).not.toBeInstanceOf(BusyError);
    vi.advanceTimersByTime(1000);
    expect(await big).toBeInstanceOf(BusyError);
  });

  it('is refused with the count waiting once the wait runs out', async () => {
    vi.useFakeTimers();
    const { ingest, floor, bytes } = await service(10_000);
    floor.ingestGate = new Promise<void>(() => {});
    void ingest.ingestBatch(ndjson(events(9000, 'a')), 'application/x-ndjson');
    const refused = ingest.roomFor(bytes(5000), 1000);
    vi.advanceTimersByTime(1000);
    const answer = await refused;
    expect(answer).toBeInstanceOf(BusyError);
    expect((answer as BusyError).message).toMatch(/busy: 9000 events are waiting/);
  });
});

describe('a batch the floor itself refuses as busy (a cluster\'s input stream)', () => {
  /** A floor whose ingest says busy `times` times (as the cluster's stream does while the owner is behind), then takes the batch. */
  const busyFloor = (times: number, fits?: () => Promise<boolean>): FakeFloor & { tries: number } => {
    const floor = Object.assign(new FakeFloor(), { tries: 0 });
    const take = floor.ingest.bind(floor);
    floor.ingest = async (list) => {
      floor.tries += 1;
      if (floor.tries <= times) throw new BusyError(25_000, 20_000, fits);
      return take(list);
    };
    return floor;
  };

  it('is offered again while the wait lasts, and taken once there is room', async () => {
    vi.useFakeTimers();
    const floor = busyFloor(3);
    const ingest = createIngestService(floor, undefined, { floorBusyWaitMs: 1000, now: () => Date.now() });
    const answer = ingest.ingestBatch(ndjson(events(5, 'a')), 'application/x-ndjson');
    await vi.advanceTimersByTimeAsync(FLOOR_BUSY_RETRY_MS * 3);
    expect(await answer).toMatchObject({ accepted: 5, rejected: 0 });
    expect(floor.tries).toBe(4);
    expect(floor.ingested).toHaveLength(5); // offered whole each time, taken once
  });

  it('is refused (503) once the wait runs out, having been offered through it', async () => {
    vi.useFakeTimers();
    const floor = busyFloor(Infinity);
    const ingest = createIngestService(floor, undefined, { floorBusyWaitMs: 200, now: () => Date.now() });
    const answer = ingest.ingestBatch(ndjson(events(5, 'a')), 'application/x-ndjson');
    const refused = expect(answer).rejects.toBeInstanceOf(BusyError);
    await vi.advanceTimersByTimeAsync(200);
    await refused;
    expect(floor.tries).toBe(1 + 200 / FLOOR_BUSY_RETRY_MS);
  });

  it('is refused at once with no wait, and any other failure is never retried', async () => {
    const floor = busyFloor(1);
    const noWait = createIngestService(floor, undefined, { floorBusyWaitMs: 0, now: () => Date.now() });
    await expect(noWait.ingestBatch(ndjson(events(1, 'a')), 'application/x-ndjson')).rejects.toBeInstanceOf(BusyError);
    const broken = new FakeFloor();
    let tries = 0;
    broken.ingest = async () => {
      tries += 1;
      throw new Error('disk full');
    };
    const ingest = createIngestService(broken, undefined, { floorBusyWaitMs: 1000, now: () => Date.now() });
    await expect(ingest.ingestBatch(ndjson(events(1, 'b')), 'application/x-ndjson')).rejects.toThrow('disk full');
    expect(tries).toBe(1);
  });

  it('is offered again only once the floor says it would fit, not sent whole each time to be refused', async () => {
    vi.useFakeTimers();
    let looks = 0;
    const floor = busyFloor(1, async () => ++looks >= 3);
    const ingest = createIngestService(floor, undefined, { floorBusyWaitMs: 1000, now: () => Date.now() });
    const answer = ingest.ingestBatch(ndjson(events(5, 'a')), 'application/x-ndjson');
    await vi.advanceTimersByTimeAsync(FLOOR_BUSY_RETRY_MS * 3);
    expect(await answer).toMatchObject({ accepted: 5 });
    expect({ looks, tries: floor.tries }).toEqual({ looks: 3, tries: 2 });
  });
});
