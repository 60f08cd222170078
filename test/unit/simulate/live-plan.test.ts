/**
 * The live demo's plan: handed over before the first event of each simulated shift, on
 * the wall clock the events carry, with the relief crew and its lead taking over as soon
 * as the incoming lead can be 20 minutes early.
 */
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../shared/events.js';
import type { LeadShift, Shift } from '../../../shared/schedule.js';
import { createLiveSimulation } from '../../../server/simulate/live.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';

const MIN = 60_000;

describe('createLiveSimulation with onPlan', () => {
  it('gives each shift its plan first, on the wall clock, and the events keep to it', async () => {
    const clock = { t: Date.parse('2026-11-30T03:00:00.250Z') };
    const startedAt = clock.t;
    const log: Array<{ plan?: { shifts: Shift[]; leads: LeadShift[] }; events?: SimEvent[] }> = [];
    let stopping: Promise<void> | undefined;
    const live = createLiveSimulation({
      seed: 9, agents: 13, shiftMs: 60 * MIN, breachRate: 0,
      now: () => clock.t,
      sleep: async (ms) => void (clock.t += ms),
      onPlan: async (plan) => void log.push({ plan }),
      send: async (batch: FloorEventInput[]) => void log.push({ events: batch as SimEvent[] }),
      onShift: () => void (stopping = live.stop()),
    });
    live.start();
    await new Promise<void>((resolve) => {
      const wait = (): void => (stopping ? void stopping.then(resolve) : void setImmediate(wait));
      wait();
    });

    expect(log[0].plan).toBeDefined();
    expect(log.slice(1).every((entry) => entry.plan === undefined)).toBe(true);
    const { shifts, leads } = log[0].plan!;
    const events = log.flatMap((entry) => entry.events ?? []);
    // The first crew's shifts start within the demo's first minute and a half.
    const first = Math.min(...shifts.map((s) => s.start));
    expect(first - startedAt).toBeGreaterThan(0);
    expect(first - startedAt).toBeLessThanOrEqual(90_000);
    // The relief takes over once its lead can have been in 20 minutes before.
    const change = Math.max(...leads.map((l) => l.start));
    expect(change - startedAt).toBeGreaterThanOrEqual(25 * MIN);
    expect(change - startedAt).toBeLessThan(28 * MIN);
    const incoming = leads.find((l) => l.start === change)!;
    const arrived = events.find((e) => e.type === 'agent.login' && e.agentId === incoming.leadId)!;
    expect(arrived.ts).toBeLessThanOrEqual(change - 20 * MIN);
    // Everyone planned logs in at the planned seat before the shift starts (a clean floor).
    for (const s of shifts) {
      const login = events.find((e) => e.type === 'agent.login' && e.agentId === s.agentId);
      expect(login && login.type === 'agent.login' ? [login.stationId, login.ts <= s.start] : undefined).toEqual([s.stationId, true]);
    }
    expect(shifts.every((s) => s.id === `${s.agentId}@${s.start}`)).toBe(true);
  });
});
