/**
 * A simulated floor that never ends, in real time, starting now: the server's built-in
 * demo feeds itself with it. Shift after shift (8 h each by default) is simulated and
 * played at speed 1 through runSimulation's pacing into a `send` callback; when a shift
 * has drained (last caller served, everyone logged out) the next one logs in.
 *
 * A start is also a restart: a server that keeps its database still holds the floor the
 * last run left (agents logged in, a plan). So the first shift's plan replaces the plan on
 * its days rather than being added to it, and before its first event every agent number
 * this floor can have (both crews) is logged out of its seat, as a feed that lost its link
 * would (`resync`). Calls the last run left open are not known here (their ids came from
 * its clock): those stay until the server is told otherwise.
 */
import type { FloorEventInput } from '../../shared/events.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { IngestCounts } from './delivery.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { rebasePlan, type PlanToPost } from './post-plan.js';
import { Random } from './random.js';
import { buildRoster, reliefRoster } from './roster.js';
import { runSimulation, type RunReport } from './run.js';
import { MIN_SECOND_SHIFT_MS } from './shift-plan.js';
import { DEFAULT_AGENTS, simulatePlan } from './simulate.js';

export interface LiveSimulationOptions {
  /** Receives each batch once its moment has come; resolve with the ingest result to have it counted. */
  send: (batch: FloorEventInput[]) => Promise<Partial<IngestCounts> | void>;
  /** The floor's seed (default: the clock). Ids get a per-shift prefix from the clock, so a restart with the same seed is not mistaken for a resend. */
  seed?: number;
  agents?: number;
  breachRate?: number;
  rules?: RulesConfig;
  /** Length of one simulated shift (default 8 h). */
  shiftMs?: number;
  /** Opening of each shift, logins included (default 30 s, so a demo comes alive at once). */
  loginWindowMs?: number;
  /**
   * `business-day` (default): every shift has the traffic of a 09:00-17:00 day, whatever
   * the hour, so a demo started at night is as busy as one started in the morning.
   * `clock`: traffic follows the real time of day in the given `utcOffsetMinutes`.
   */
  timeOfDay?: 'business-day' | 'clock';
  utcOffsetMinutes?: number;
  batchSize?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (info: { attempt: number; delayMs: number; error: string }) => void;
  /**
   * When the relief crew takes over, counted from each simulated shift's start (null for
   * none). Default: as soon as the incoming lead can be in `arriveMinutes` early and hold
   * the meeting, so a demo shows a handover within half an hour; none in a shift too short.
   */
  shiftChangeAfterMs?: number | null;
  /**
   * The calls the floor still holds open when the run starts (a previous run's, cut off by
   * a restart): ended at the run's start, so none waits in a queue or keeps an agent talking
   * for ever.
   */
  leftoverCalls?: readonly string[];
  /**
   * Given each simulated shift's plan, on the wall clock, before its first event (the
   * demo imports it, so the wallboard shows adherence). A failure is reported to onError
   * and the events go on without a plan.
   */
  onPlan?: (plan: PlanToPost) => Promise<void>;
  /** A shift ended (report of that shift). */
  onShift?: (report: RunReport & { shift: number }) => void;
  /** The feed stopped on an error it cannot retry (without this callback the error is dropped and the feed just stops). */
  onError?: (err: unknown) => void;
}

export interface LiveSimulation {
  start(): void;
  /** Stops feeding; resolves once the current send has settled. */
  stop(): Promise<void>;
  readonly running: boolean;
  /** Totals over all shifts so far. */
  totals(): { shifts: number; sent: number; accepted: number; duplicates: number; rejected: number; retries: number };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const BUSINESS_DAY_STARTS_AT = 9 * 60;

/** The offset that makes `at` 09:00 local: the shift then follows a business day's curve. */
function businessDayOffset(at: number): number {
  const minuteOfDayUtc = Math.floor((((at % DAY) + DAY) % DAY) / 60_000);
  return (((BUSINESS_DAY_STARTS_AT - minuteOfDayUtc) % 1440) + 1440) % 1440;
}

/**
 * A run's first events: every agent number of a floor of `agents` (the first crew and the
 * relief, who sits on the same seats) logged out of its seat at `at`, marked `resync`. On a
 * fresh database they change nothing anyone sees; after a restart they take the previous
 * run's agents off the floor, where no call of this run would ever reach them.
 */
export function leftoverLogouts(agents: number, idPrefix: string, at: number): FloorEventInput[] {
  // Numbers and seats do not depend on the draws (only names do).
  const rng = new Random(0);
  const first = buildRoster(agents, rng);
  return [...first, ...reliefRoster(first, rng)].map((p) => ({
    id: `${idPrefix}-restart-logout-${p.agentId}`, ts: at, source: 'simulator',
    type: 'agent.logout' as const, agentId: p.agentId, stationId: p.stationId, resync: true,
  }));
}

/**
 * The previous run's calls the floor still holds, ended by the system as a feed's resync
 * ends the calls gone while it was away (`resync`: no agent closed them, so no survey
 * breach; a waiting one is no abandon). Before the logouts, so no agent leaves talking.
 */
export function leftoverCallEnds(callIds: readonly string[], idPrefix: string, at: number): FloorEventInput[] {
  return callIds.map((callId) => ({
    id: `${idPrefix}-restart-end-${callId}`, ts: at, source: 'simulator',
    type: 'call.ended' as const, callId, releasedBy: 'system' as const, resync: true,
  }));
}

/**
 * The plan on the wall clock, moved by whole minutes only. Its times are whole minutes of
 * virtual time; the events' clock runs a few milliseconds past (the moment the run
 * started), and a shift change at 13:48:00.001 is not the 13:48 a person picks.
 */
function wholeMinutePlan(plan: PlanToPost, start: number, toWall: (virtual: number) => number): PlanToPost {
  const by = Math.round((toWall(start) - start) / MIN) * MIN;
  return rebasePlan(plan, (virtual) => virtual + by);
}

export function createLiveSimulation(options: LiveSimulationOptions): LiveSimulation {
  const now = options.now ?? Date.now;
  const totals = { shifts: 0, sent: 0, accepted: 0, duplicates: 0, rejected: 0, retries: 0 };
  let controller: AbortController | undefined;
  let loop: Promise<void> | undefined;

  /** The change time of a shift starting at `start`, if it fits (see shiftChangeAfterMs). */
  function changeAt(start: number): number | null {
    if (options.shiftChangeAfterMs === null) return null;
    const lead = (options.rules ?? defaultRulesConfig()).rules['lead-early'];
    const after = options.shiftChangeAfterMs ?? (options.loginWindowMs ?? 30_000) + (lead.arriveMinutes + 6) * 60_000;
    const at = start + after;
    return at <= start + (options.shiftMs ?? 8 * HOUR) - MIN_SECOND_SHIFT_MS ? at : null;
  }

  async function feed(signal: AbortSignal): Promise<void> {
    const base = options.seed ?? Math.floor(now());
    for (let shift = 0; !signal.aborted; shift++) {
      const start = Math.floor(now());
      const seed = base + shift;
      const floor = {
        seed,
        idPrefix: `sim-${seed}-${start.toString(36)}`,
        agents: options.agents ?? DEFAULT_AGENTS,
        start,
        durationMs: options.shiftMs ?? 8 * HOUR,
        breachRate: options.breachRate,
        rules: options.rules,
        loginWindowMs: options.loginWindowMs ?? 30_000,
        shiftChangeAt: changeAt(start),
        utcOffsetMinutes: (options.timeOfDay ?? 'business-day') === 'business-day' ? businessDayOffset(start) : options.utcOffsetMinutes,
      };
      const onPlan = options.onPlan;
      // The first shift of a run: its plan replaces the last run's, and the last run's agents go.
      const first = shift === 0;
      const report = await runSimulation({
        ...floor,
        ...(onPlan && {
          prepare: (toWall: (virtual: number) => number) => onPlan({ ...wholeMinutePlan(simulatePlan(floor), start, toWall), ...(first && { replace: true }) })
            .catch((err: unknown) => options.onError?.(err)),
        }),
        ...(first && {
          leading: [
            ...leftoverCallEnds(options.leftoverCalls ?? [], floor.idPrefix, start - 1),
            ...leftoverLogouts(floor.agents, floor.idPrefix, start - 1),
          ],
        }),
        speed: 1,
        output: { kind: 'send', send: options.send, batchSize: options.batchSize },
        signal,
        now,
        sleep: options.sleep,
        onRetry: options.onRetry,
      });
      totals.shifts += report.aborted ? 0 : 1;
      totals.sent += report.sent;
      totals.accepted += report.accepted;
      totals.duplicates += report.duplicates;
      totals.rejected += report.rejected;
      totals.retries += report.retries;
      if (report.aborted) return;
      options.onShift?.({ ...report, shift });
      // An empty floor (0 agents) yields no events; do not spin.
      if (report.sent === 0) await (options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms))))(1000);
    }
  }

  return {
    start() {
      if (loop) return;
      const ctl = new AbortController();
      controller = ctl;
      loop = feed(ctl.signal)
        .catch((err: unknown) => options.onError?.(err))
        .finally(() => {
          if (controller === ctl) loop = undefined;
        });
    },
    async stop() {
      controller?.abort();
      await loop;
      loop = undefined;
    },
    get running() {
      return loop !== undefined;
    },
    totals: () => ({ ...totals }),
  };
}
