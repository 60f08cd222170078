/**
 * The live demo's plan is posted on the wall clock, and the clock moves on between the
 * simulation's start and the moment its events are anchored: the lead duties ended and began
 * at 13:48:00.001, a time no person picks, so the handover at 13:48 named no lead. The plan
 * keeps whole minutes: shifts, breaks, duties and so the shift change.
 */
import { describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../shared/events.js';
import { leadChanges } from '../../../server/simulate/demo-handover.js';
import { createLiveSimulation } from '../../../server/simulate/live.js';
import type { PlanToPost } from '../../../server/simulate/post-plan.js';

const MIN = 60_000;

describe('the live demo\'s plan', () => {
  it('is in whole minutes though the clock runs on while the run starts', async () => {
    // Each reading of the clock is a millisecond later, as on a real machine.
    const clock = { t: Date.parse('2026-11-30T05:20:13.250Z') };
    const plans: PlanToPost[] = [];
    let stopping: Promise<void> | undefined;
    const live = createLiveSimulation({
      seed: 3, agents: 25, shiftMs: 60 * MIN, breachRate: 0,
      now: () => (clock.t += 1),
      sleep: async (ms) => void (clock.t += ms),
      onPlan: async (plan) => void plans.push(plan),
      send: async (_batch: FloorEventInput[]) => {
        stopping ??= live.stop();
      },
    });
    live.start();
    await new Promise<void>((resolve) => {
      const wait = (): void => (stopping ? void stopping.then(resolve) : void setImmediate(wait));
      wait();
    });

    const plan = plans[0];
    const times = [
      ...plan.shifts.flatMap((s) => [s.start, s.end, ...s.breaks.flatMap((b) => [b.start, b.end])]),
      ...plan.leads.flatMap((l) => [l.start, l.end]),
    ];
    expect(times.length).toBeGreaterThan(50);
    expect(times.filter((t) => t % MIN !== 0)).toEqual([]);
    const changes = leadChanges(plan.leads);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.at % MIN === 0)).toBe(true);
  });
});
