/**
 * The floor as the wallboard holds it, and the pure functions that build it from a
 * snapshot and move it forward by deltas. No React and no socket here, so the protocol
 * rules (ordering, gaps, alert lifecycle) are unit-tested on their own.
 *
 * Every change returns new objects for what changed and keeps the identity of what did
 * not, so memoised tiles re-render only for the agents and queues a delta names.
 */
import type { AlertSummary } from '../../../shared/alerts.js';
import { applyAgentChange, type AgentChange } from '../../../shared/agent-changes.js';
import type {
  AgentView, ComplianceByRule, FloorFigures, IntervalFigures, QueueFigures, ServiceLevelSpec,
} from '../../../shared/figures.js';
import type { TeamAdherence } from '../../../shared/schedule.js';
import type { ScreenDelta, ScreenSnapshot } from '../../../shared/wallboard.js';

/** An alert as the wallboard keeps it: a summary, never with customer data (see `withoutSensitive`). */
export type BoardAlert = AlertSummary;

export interface FloorData {
  /** The seq of the last delta applied (or the snapshot's). */
  seq: number;
  /** Engine time of the last snapshot or delta. */
  at: number;
  demo: boolean;
  day: string;
  timezone: string;
  serviceLevel: ServiceLevelSpec;
  agents: Readonly<Record<string, AgentView>>;
  /**
   * Every agent id, by agent number. A new array only when an agent joins (never when one
   * merely changes), so lists that depend on who is on the floor do not re-render per delta.
   */
  agentIds: readonly string[];
  queues: Readonly<Record<string, QueueFigures>>;
  floor: FloorFigures;
  /** Open and acknowledged alerts by id; resolved ones are dropped. */
  alerts: Readonly<Record<string, BoardAlert>>;
  /**
   * How many closed alerts the deltas carried since the snapshot: the alert desk's history
   * fetches again when it moves. A false alarm marked on an alert closed earlier changes no
   * open alert, so the open list alone would never tell it.
   */
  closedAlertChanges: number;
  /**
   * The day's 15-minute intervals from the snapshot, the last one (the live interval)
   * moved forward by each delta's floor figures (see `advanceIntervals`).
   */
  intervals: readonly IntervalFigures[];
  /** Today's floor-wide compliance per rule, from the last snapshot, kept live by deltas. */
  compliance: ComplianceByRule;
  /** Schedule adherence per team with a shift today; replaced whole by a delta that carries it. */
  adherence: readonly TeamAdherence[];
}

export const INTERVAL_MS = 15 * 60_000;

const byNumber = new Intl.Collator('en', { numeric: true });

/** Agent ids ordered by agent number ("2" before "10"). */
export function sortAgentIds(ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => byNumber.compare(a, b));
}

/**
 * - `applied`: the delta was the next one and is now part of the floor.
 * - `duplicate`: already applied (or older than the snapshot); ignored, so re-delivery is harmless.
 * - `gap`: one or more deltas were missed (or there is no snapshot yet); ask for `resync`.
 * - `new-day`: applied, but the day rolled over; ask for `resync` to get the new day's figures.
 */
export type DeltaOutcome = 'applied' | 'duplicate' | 'gap' | 'new-day';

export function fromSnapshot(s: ScreenSnapshot): FloorData {
  return {
    seq: s.seq,
    at: s.at,
    demo: s.demo,
    day: s.day,
    timezone: s.timezone,
    serviceLevel: s.serviceLevel,
    agents: byKey(s.agents, (a) => a.agentId),
    agentIds: sortAgentIds(s.agents.map((a) => a.agentId)),
    queues: byKey(s.queues, (q) => q.queue),
    floor: s.floor,
    alerts: upsertAlerts({}, s.alerts),
    closedAlertChanges: 0,
    intervals: [...s.intervals].sort((a, b) => a.start - b.start),
    compliance: s.compliance,
    // A server from before schedules sends none: no teams to show, not a crash.
    adherence: s.adherence ?? [],
  };
}

export function classifyDelta(data: FloorData | null, d: ScreenDelta): 'next' | 'duplicate' | 'gap' {
  if (data === null) return 'gap';
  if (d.seq <= data.seq) return 'duplicate';
  // A catch-up (the deltas after `after`, as one) applies to any seq from `after` on.
  return data.seq >= (d.after ?? d.seq - 1) ? 'next' : 'gap';
}

/** Applies `d` when it is the next delta; otherwise returns `data` unchanged with the reason. */
export function applyDelta(data: FloorData | null, d: ScreenDelta): { data: FloorData | null; outcome: DeltaOutcome } {
  if (data === null) return { data, outcome: 'gap' };
  const kind = classifyDelta(data, d);
  if (kind !== 'next') return { data, outcome: kind };
  const agents = d.agents.length > 0 ? withChanges(data.agents, d.agents) : data.agents;
  const joined = d.agents.some((a) => !(a.agentId in data.agents));
  const next: FloorData = {
    ...data,
    seq: d.seq,
    at: d.at,
    agents,
    agentIds: joined ? sortAgentIds(Object.keys(agents)) : data.agentIds,
    queues: d.queues.length > 0 ? { ...data.queues, ...byKey(d.queues, (q) => q.queue) } : data.queues,
    floor: d.floor ?? data.floor,
    alerts: d.alerts.length > 0 ? upsertAlerts(data.alerts, d.alerts) : data.alerts,
    closedAlertChanges: data.closedAlertChanges + d.alerts.filter((alert) => alert.status === 'resolved').length,
    intervals: d.floor !== undefined ? advanceIntervals(data.intervals, d.floor, d.at) : data.intervals,
    compliance: d.compliance ?? data.compliance,
    adherence: d.adherence ?? data.adherence,
  };
  return { data: next, outcome: d.newDay !== undefined ? 'new-day' : 'applied' };
}

/**
 * Applies queued deltas in order, as one change (the store's once-per-frame batch). Stops
 * at the first that is not the next one; `outcome` is the last applied delta's, or that
 * reason. A batch of nothing but duplicates returns `data` itself.
 */
export function applyDeltas(data: FloorData | null, deltas: readonly ScreenDelta[]): { data: FloorData | null; outcome: DeltaOutcome } {
  let current = data;
  let outcome: DeltaOutcome = 'duplicate';
  for (const d of deltas) {
    const step = applyDelta(current, d);
    if (step.outcome === 'gap') return { data: current, outcome: 'gap' };
    if (step.outcome === 'duplicate') continue;
    current = step.data;
    outcome = outcome === 'new-day' ? 'new-day' : step.outcome;
  }
  return { data: current, outcome };
}

/**
 * The live (current) interval from the day's running totals: the day so far minus the
 * intervals before it. `maxWaiting` is the most calls seen waiting in it. Opens a new
 * interval when `at` has moved past the last one.
 */
export function advanceIntervals(intervals: readonly IntervalFigures[], day: FloorFigures, at: number): IntervalFigures[] {
  const start = Math.floor(at / INTERVAL_MS) * INTERVAL_MS;
  const closed = intervals.filter((i) => i.start < start);
  const current = intervals.find((i) => i.start === start);
  const before = closed.reduce(
    (sum, i) => ({
      offered: sum.offered + i.offered,
      answered: sum.answered + i.answered,
      answeredInThreshold: sum.answeredInThreshold + i.answeredInThreshold,
      abandoned: sum.abandoned + i.abandoned,
    }),
    { offered: 0, answered: 0, answeredInThreshold: 0, abandoned: 0 },
  );
  const live: IntervalFigures = {
    start,
    offered: Math.max(0, day.offered - before.offered),
    answered: Math.max(0, day.answered - before.answered),
    answeredInThreshold: Math.max(0, day.answeredInThreshold - before.answeredInThreshold),
    abandoned: Math.max(0, day.abandoned - before.abandoned),
    maxWaiting: Math.max(current?.maxWaiting ?? 0, day.waiting),
  };
  return [...closed, live];
}

/**
 * Upserts in order (one delta may carry the same alert twice, e.g. opened then escalated:
 * the later version wins) and drops resolved alerts from the open list.
 */
function upsertAlerts(current: Readonly<Record<string, BoardAlert>>, changes: readonly AlertSummary[]): Record<string, BoardAlert> {
  const out = { ...current };
  for (const alert of changes) {
    if (alert.status === 'resolved') delete out[alert.id];
    else out[alert.id] = withoutSensitive(alert);
  }
  return out;
}

/**
 * A screen's alerts carry no `sensitive` part (the utterance, the caller's number), but a
 * server from before summaries sent it. A wall display must never show it, so it is
 * dropped on arrival rather than merely not rendered: no component can show what the
 * store does not hold.
 */
export function withoutSensitive(alert: AlertSummary & { sensitive?: unknown }): BoardAlert {
  if (!('sensitive' in alert)) return alert;
  const { sensitive: _dropped, ...safe } = alert;
  return safe;
}

/** The agents after a delta's changes: only the agents it names are new objects. */
function withChanges(agents: Readonly<Record<string, AgentView>>, changes: readonly AgentChange[]): Record<string, AgentView> {
  const out = { ...agents };
  for (const change of changes) out[change.agentId] = applyAgentChange(out[change.agentId], change);
  return out;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}
