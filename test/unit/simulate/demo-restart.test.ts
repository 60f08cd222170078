/**
 * `serve --demo` restarted on the same database: the server still holds the floor the last
 * run left, its plan and its agents. The new run's plan replaces the last one on its days
 * (220 shifts were 440, "0/22 off schedule" for teams of 11), and the last run's agents are
 * logged out before the new run's first event (118 agents on a floor of 60, 40 of them
 * "available" while a caller waited), and the last run's calls are ended (they had waited in
 * their queues, and kept their agents talking, for ever). The demo's real path: the live simulation, its plan
 * posted to the schedule import, its events into a floor kept in one storage across the two
 * runs, on a fake clock.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { floorEventSchema, type FloorEventInput } from '../../../shared/events.js';
import type { Floor } from '../../../server/floor/floor.js';
import { createScheduleService } from '../../../server/schedule/service.js';
import { createLiveSimulation } from '../../../server/simulate/live.js';
import { postPlan, type PlanToPost } from '../../../server/simulate/post-plan.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openFloor } from '../../helpers/floor-harness.js';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const AGENTS = 13;
const SERVER = 'http://demo.test';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The schedule import route over `floor`, answering the demo's `postPlan` (fetch stubbed). */
function serveImports(floor: () => Floor): void {
  const quiet = pino({ level: 'silent' });
  const service = () => createScheduleService(floor(), { record: async () => undefined } as never, quiet);
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    const { pathname, searchParams } = new URL(url);
    expect(pathname).toBe('/api/v1/schedule/import');
    const outcome = await service().importFile(init.body, 'json', searchParams.get('replace') === 'true', { id: 'feed-1', kind: 'feed', name: 'demo simulator' });
    return new Response(JSON.stringify(outcome.body), { status: outcome.status === 'done' ? 200 : 400 });
  });
}

/** One run of the demo from the clock's now until `forMs` later; what it posted and logged in. */
async function runDemo(floor: Floor, clock: FakeClock, forMs: number) {
  // As `serve --demo` starts it: with the calls the floor still holds open.
  const leftoverCalls = floor.openCalls();
  const stopAt = clock.time + forMs;
  const plans: PlanToPost[] = [];
  const loggedIn = new Set<string>();
  let stopping: Promise<void> | undefined;
  const live = createLiveSimulation({
    seed: 7, agents: AGENTS, shiftMs: 60 * MIN, breachRate: 0, leftoverCalls,
    now: clock.now,
    sleep: async (ms) => clock.advance(ms),
    onPlan: async (plan) => {
      plans.push(plan);
      await postPlan(SERVER, 'demo-token', plan, { attempts: 1 });
    },
    send: async (batch: FloorEventInput[]) => {
      const events = batch.map((e) => floorEventSchema.parse(e));
      for (const e of events) if (e.type === 'agent.login') loggedIn.add(e.agentId);
      const outcome = await floor.ingest(events);
      if (stopping === undefined && clock.time >= stopAt) stopping = live.stop();
      return { accepted: outcome.accepted, duplicates: outcome.duplicates, rejected: outcome.refused.length };
    },
    onError: (err) => {
      throw err;
    },
  });
  live.start();
  await new Promise<void>((resolve) => {
    const wait = (): void => (stopping ? void stopping.then(resolve) : void setImmediate(wait));
    wait();
  });
  return { plans, loggedIn };
}

/** Agents on the floor who are not on a call (those a caller could reach, or who wait to be). */
function offCallOnFloor(floor: Floor): string[] {
  return floor.snapshot().agents
    .filter((a) => a.state === 'available' || a.state === 'not_ready' || a.state === 'after_call_work')
    .map((a) => a.agentId).sort();
}

describe('the demo restarted on the same database', () => {
  it('replaces its plan instead of adding to it, and takes the last run\'s agents and calls off the floor', async () => {
    const storage = createMemoryStorage();
    const clock = new FakeClock(Date.parse('2026-11-30T02:00:00.000Z'));
    // Input ids as a server makes them: unique across its runs.
    let n = 0;
    const newId = (): string => `input-${++n}`;
    let floor = (await openFloor({ storage, clock, reorderWindowMs: 0, newId })).floor;
    serveImports(() => floor);

    // The first run: past the shift change, so the relief crew is on the floor when it stops.
    const first = await runDemo(floor, clock, 40 * MIN);
    const firstPlan = first.plans[0];
    expect(firstPlan.leads.length).toBe(2);
    const relief = firstPlan.leads.find((l) => l.start === Math.max(...firstPlan.leads.map((d) => d.start)))!;
    const reliefCrew = firstPlan.shifts.filter((s) => s.start === relief.start).map((s) => s.agentId);
    expect(reliefCrew.length).toBeGreaterThan(5);
    expect(offCallOnFloor(floor).some((id) => reliefCrew.includes(id))).toBe(true);

    const firstCalls = floor.openCalls();
    expect(firstCalls.length).toBeGreaterThan(0);

    // Stopped, and started again on what the database holds.
    await floor.close();
    clock.advance(2 * MIN);
    floor = (await openFloor({ storage, clock, reorderWindowMs: 0, newId })).floor;
    const second = await runDemo(floor, clock, 3 * MIN);
    const secondPlan = second.plans[0];

    // The plan is the second run's alone: nothing of the first is left beside it.
    const view = floor.schedule(clock.time - DAY, clock.time + DAY);
    expect(view.shifts.map((s) => s.id).sort()).toEqual(secondPlan.shifts.map((s) => s.id).sort());
    expect(view.leads.map((l) => l.id).sort()).toEqual(secondPlan.leads.map((l) => l.id).sort());
    expect(floor.snapshot().adherence.every((t) => t.scheduledNow <= AGENTS)).toBe(true);

    // Nobody the second run has not logged in waits for calls (the first run's relief crew
    // is due back in the second run's plan only at its own shift change).
    const onFloor = offCallOnFloor(floor);
    expect(onFloor.length).toBeGreaterThan(0);
    expect(onFloor.filter((id) => !second.loggedIn.has(id))).toEqual([]);

    // None of the first run's calls is left: none waits, none keeps an agent talking.
    expect(floor.openCalls().filter((id) => firstCalls.includes(id))).toEqual([]);
    expect(floor.snapshot().agents.filter((a) => a.callId !== undefined && firstCalls.includes(a.callId))).toEqual([]);
  });
});
