import { describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEventInput } from '../../../shared/events.js';
import { startDemoFeed } from '../../../server/simulate/demo-feed.js';
import { createLiveSimulation } from '../../../server/simulate/live.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';

describe('createLiveSimulation', () => {
  it('feeds shift after shift in real time from now, with ids that never repeat', async () => {
    const clock = { t: Date.parse('2026-11-30T03:00:00Z') };
    const startedAt = clock.t;
    const events: SimEvent[] = [];
    const shifts: number[] = [];
    let stopping: Promise<void> | undefined;
    const live = createLiveSimulation({
      seed: 5,
      agents: 6,
      // A clean floor: nobody is planned absent, so everyone logs in each shift.
      breachRate: 0,
      shiftMs: 20 * 60_000,
      now: () => clock.t,
      sleep: async (ms) => {
        clock.t += ms;
      },
      send: async (batch: FloorEventInput[]) => {
        for (const e of batch as SimEvent[]) expect(e.ts).toBeLessThanOrEqual(clock.t);
        events.push(...(batch as SimEvent[]));
      },
      onShift: ({ shift }) => {
        shifts.push(shift);
        if (shifts.length === 2) stopping = live.stop();
      },
    });
    live.start();
    expect(live.running).toBe(true);
    await new Promise<void>((resolve) => {
      const wait = (): void => (stopping ? void stopping.then(resolve) : void setImmediate(wait));
      wait();
    });
    expect(live.running).toBe(false);
    expect(shifts).toEqual([0, 1]);
    // A start may be a restart: first, the agents a previous run could have left are logged
    // out (both crews' numbers, a millisecond before this run's first event); then the floor.
    const restart = events.filter((e) => e.id.includes('-restart-'));
    expect(restart.map((e) => e.type)).toEqual(Array(12).fill('agent.logout'));
    expect(events.slice(0, 12)).toEqual(restart);
    expect(restart.every((e) => e.ts === startedAt - 1)).toBe(true);
    expect(events[12].ts).toBeGreaterThanOrEqual(startedAt);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (let i = 1; i < events.length; i++) expect(events[i].ts).toBeGreaterThanOrEqual(events[i - 1].ts);
    expect(events.every((e) => floorEventSchema.safeParse(e).success)).toBe(true);
    // Each shift logs everyone in and out again; the second starts after the first drained.
    const logins = events.filter((e) => e.type === 'agent.login' && e.stationId === `S-${e.agentId}`);
    expect(logins).toHaveLength(12);
    // A business day whatever the hour: started at 03:00 UTC, the floor still gets callers.
    expect(events.filter((e) => e.type === 'call.offered').length).toBeGreaterThan(10);
    expect(live.totals()).toMatchObject({ shifts: 2, sent: events.length });
  });

  it('keeps retrying a failing send, never dropping the batch', async () => {
    const clock = { t: 1_000_000 };
    let calls = 0;
    const received: string[][] = [];
    const retries: number[] = [];
    let stopping: Promise<void> | undefined;
    const live = createLiveSimulation({
      seed: 1, agents: 4, now: () => clock.t, sleep: async (ms) => void (clock.t += ms),
      onRetry: ({ attempt }) => void retries.push(attempt),
      send: async (batch) => {
        calls += 1;
        if (calls <= 2) throw new Error('storage busy');
        received.push(batch.map((e) => e.id));
        if (received.length === 3) stopping = live.stop();
      },
    });
    live.start();
    await new Promise<void>((resolve) => {
      const wait = (): void => (stopping ? void stopping.then(resolve) : void setImmediate(wait));
      wait();
    });
    expect(retries).toEqual([1, 2]);
    // The batch retried is the first: the restart's logouts, then the floor's first event.
    expect(received[0][0]).toMatch(/^sim-1-[0-9a-z]+-restart-logout-1001$/);
    expect(received[1][0]).toMatch(/^sim-1-[0-9a-z]+-0$/);
  });
});

describe('startDemoFeed (serve --demo)', () => {
  it('feeds the ingest service in real time and stops', async () => {
    const batches: unknown[][] = [];
    const logs: string[] = [];
    const logger = {
      info: (_o: unknown, msg: string) => void logs.push(msg),
      warn: (_o: unknown, msg: string) => void logs.push(msg),
      error: (_o: unknown, msg: string) => void logs.push(msg),
    };
    const stop = startDemoFeed({
      agents: 12,
      seed: 1,
      logger: logger as never,
      ingest: {
        ingestBatch: async (batch) => {
          batches.push(batch as unknown[]);
          return { accepted: (batch as unknown[]).length, duplicates: 0, rejected: 0, errors: [] };
        },
      },
    });
    const deadline = Date.now() + 10_000;
    while (batches.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await stop();
    expect(batches.length).toBeGreaterThan(1);
    // A restart's logouts (resync) first, then the floor's first login.
    expect((batches[0] as SimEvent[]).every((e) => e.type === 'agent.logout' && e.resync === true)).toBe(true);
    const first = batches[1]![0] as SimEvent;
    expect(first.type).toBe('agent.login');
    expect(Math.abs(first.ts - Date.now())).toBeLessThan(10_000);
    expect(logs[0]).toMatch(/demo feed started/);
  });
});
