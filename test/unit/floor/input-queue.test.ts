/**
 * The floor's input queue: one input at a time, urgent ones (commands, small batches)
 * before the bulk waiting, taking turns with it so neither starves; and on the floor, an
 * urgent batch handed in behind waiting bulk is logged and applied before that bulk, and a
 * big batch is applied a slice at a time.
 */
import { describe, expect, it } from 'vitest';
import { InputQueue } from '../../../server/floor/input-queue.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { FloorEvent } from '../../../shared/events.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

/** A task that records its start and finishes when released. */
function gate(log: string[], name: string): { fn: () => Promise<string>; release: () => void } {
  let release!: () => void;
  const done = new Promise<void>((r) => { release = r; });
  return { fn: async () => { log.push(`start ${name}`); await done; log.push(`end ${name}`); return name; }, release: () => release() };
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('the input queue', () => {
  it('runs one input at a time, and an urgent one before the bulk waiting', async () => {
    const q = new InputQueue();
    const log: string[] = [];
    const a = gate(log, 'bulk-a');
    const results = [q.run(a.fn), q.run(async () => { log.push('bulk-b'); return 'bulk-b'; }), q.run(async () => { log.push('urgent'); return 'urgent'; }, true)];
    await settle();
    expect(log).toEqual(['start bulk-a']);
    expect(q.size).toBe(3);
    a.release();
    expect(await Promise.all(results)).toEqual(['bulk-a', 'bulk-b', 'urgent']);
    expect(log).toEqual(['start bulk-a', 'end bulk-a', 'urgent', 'bulk-b']);
    expect(q.size).toBe(0);
  });

  it('takes turns while both wait, so a stream of urgent inputs never starves the bulk', async () => {
    const q = new InputQueue();
    const log: string[] = [];
    const first = gate(log, 'u0');
    const all = [q.run(first.fn, true)];
    for (const name of ['b1', 'b2']) all.push(q.run(async () => { log.push(name); return name; }));
    for (const name of ['u1', 'u2', 'u3']) all.push(q.run(async () => { log.push(name); return name; }, true));
    first.release();
    await Promise.all(all);
    expect(log).toEqual(['start u0', 'end u0', 'b1', 'u1', 'b2', 'u2', 'u3']);
  });

  it('goes on after an input fails, and says when everything handed in has finished', async () => {
    const q = new InputQueue();
    const failing = q.run(async () => { throw new Error('boom'); });
    const next = q.run(async () => 'next');
    let drained = false;
    const waiting = q.drained().then(() => { drained = true; });
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('next');
    await waiting;
    expect(drained).toBe(true);
    await q.drained();
  });
});

describe('the floor\'s inputs', () => {
  it('logs and applies a small batch handed in behind waiting bulk before that bulk', async () => {
    const storage = createMemoryStorage();
    const { floor } = await openFloor({ storage, urgentBatchEvents: 2 });
    const bulk = (from: number): FloorEvent[] => [0, 1, 2].map((i) => ev(1, 'agent.login', { id: `login-${from + i}`, agentId: String(from + i), stationId: `S-${from + i}` }));
    const order: string[] = [];
    const runs = [
      floor.ingest(bulk(1000)).then(() => order.push('bulk 1')),
      floor.ingest(bulk(2000)).then(() => order.push('bulk 2')),
      floor.ingest(bulk(3000)).then(() => order.push('bulk 3')),
      floor.ingest([ev(1, 'agent.login', { id: 'login-9', agentId: '9', stationId: 'S-9' })]).then(() => order.push('urgent')),
    ];
    await Promise.all(runs);
    // The first bulk batch was running already; the urgent one went before the other two.
    expect(order).toEqual(['bulk 1', 'urgent', 'bulk 2', 'bulk 3']);
    // The log holds them in the order they ran: a replay applies them alike.
    expect((await storage.log.read(0, 100)).map((e) => e.id)).toEqual([
      'login-1000', 'login-1001', 'login-1002', 'login-9', 'login-2000', 'login-2001', 'login-2002', 'login-3000', 'login-3001', 'login-3002',
    ]);
  });

  it('applies a big batch a slice at a time, letting an urgent input in between, and answers for the whole batch', async () => {
    const storage = createMemoryStorage();
    const { floor } = await openFloor({ storage, urgentBatchEvents: 1, ingestSliceEvents: 2 });
    const logins = [1, 2, 3, 4, 5].map((n) => ev(1, 'agent.login', { id: `big-${n}`, agentId: `10${n}`, stationId: `S-${n}` }));
    // The fourth is a day ahead: refused, by its place in the sender's batch.
    logins[3] = { ...logins[3]!, ts: logins[3]!.ts + 24 * 3600_000 };
    const [big] = await Promise.all([
      floor.ingest([...logins, logins[0]!]),
      floor.ingest([ev(1, 'agent.login', { id: 'urgent-1', agentId: '201', stationId: 'S-9' })]),
    ]);
    expect(big).toEqual({ accepted: 4, duplicates: 1, refused: [expect.objectContaining({ index: 3, field: 'ts' })] });
    const log = await storage.log.read(0, 100);
    expect(log.map((e) => e.id)).toEqual(['big-1', 'big-2', 'urgent-1', 'big-3', 'big-5']);
    // Each slice is an input of its own in the log, as a replay applies it.
    expect(new Set(log.filter((e) => e.id.startsWith('big')).map((e) => e.receivedAt)).size).toBe(3);
  });
});
