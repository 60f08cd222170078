/**
 * The floor as the wallboard holds it, and the pure functions that build it from a
 * snapshot and move it forward by deltas. No React and no socket here, so the protocol
 * rules (ordering, gaps, alert lifecycle) are unit-tested on their own.
 *
 * Every change returns new objects for what changed and keeps the identity of what did
 * not, so memoised tiles re-render only for the agents and queues a delta names.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { AgentView, FloorFigures, QueueFigures, ServiceLevelSpec } from '../../../shared/figures.js';
import type { FloorDelta, FloorSnapshot } from '../../../shared/wallboard.js';

/** An alert as the wallboard keeps it: never with its customer data (see `withoutSensitive`). */
export type BoardAlert = Omit<Alert, 'sensitive'>;

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
  queues: Readonly<Record<string, QueueFigures>>;
  floor: FloorFigures;
  /** Open and acknowledged alerts by id; resolved ones are dropped. */
  alerts: Readonly<Record<string, BoardAlert>>;
}

/**
 * - `applied`: the delta was the next one and is now part of the floor.
 * - `duplicate`: already applied (or older than the snapshot); ignored, so re-delivery is harmless.
 * - `gap`: one or more deltas were missed (or there is no snapshot yet); ask for `resync`.
 * - `new-day`: applied, but the day rolled over; ask for `resync` to get the new day's figures.
 */
export type DeltaOutcome = 'applied' | 'duplicate' | 'gap' | 'new-day';

export function fromSnapshot(s: FloorSnapshot): FloorData {
  return {
    seq: s.seq,
    at: s.at,
    demo: s.demo,
    day: s.day,
    timezone: s.timezone,
    serviceLevel: s.serviceLevel,
    agents: byKey(s.agents, (a) => a.agentId),
    queues: byKey(s.queues, (q) => q.queue),
    floor: s.floor,
    alerts: upsertAlerts({}, s.alerts),
  };
}

export function classifyDelta(data: FloorData | null, d: FloorDelta): 'next' | 'duplicate' | 'gap' {
  if (data === null) return 'gap';
  if (d.seq <= data.seq) return 'duplicate';
  return d.seq === data.seq + 1 ? 'next' : 'gap';
}

/** Applies `d` when it is the next delta; otherwise returns `data` unchanged with the reason. */
export function applyDelta(data: FloorData | null, d: FloorDelta): { data: FloorData | null; outcome: DeltaOutcome } {
  if (data === null) return { data, outcome: 'gap' };
  const kind = classifyDelta(data, d);
  if (kind !== 'next') return { data, outcome: kind };
  const next: FloorData = {
    ...data,
    seq: d.seq,
    at: d.at,
    agents: d.agents.length > 0 ? { ...data.agents, ...byKey(d.agents, (a) => a.agentId) } : data.agents,
    queues: d.queues.length > 0 ? { ...data.queues, ...byKey(d.queues, (q) => q.queue) } : data.queues,
    floor: d.floor ?? data.floor,
    alerts: d.alerts.length > 0 ? upsertAlerts(data.alerts, d.alerts) : data.alerts,
  };
  return { data: next, outcome: d.newDay !== undefined ? 'new-day' : 'applied' };
}

/**
 * Upserts in order (one delta may carry the same alert twice, e.g. opened then escalated:
 * the later version wins) and drops resolved alerts from the open list.
 */
function upsertAlerts(current: Readonly<Record<string, BoardAlert>>, changes: readonly Alert[]): Record<string, BoardAlert> {
  const out = { ...current };
  for (const alert of changes) {
    if (alert.status === 'resolved') delete out[alert.id];
    else out[alert.id] = withoutSensitive(alert);
  }
  return out;
}

/**
 * The server may send an alert's `sensitive` part (the utterance, the caller's number).
 * A wall display must never show it, so it is dropped on arrival rather than merely not
 * rendered: no component can show what the store does not hold.
 */
export function withoutSensitive(alert: Alert): BoardAlert {
  if (!('sensitive' in alert)) return alert;
  const { sensitive: _dropped, ...safe } = alert;
  return safe;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) out[key(item)] = item;
  return out;
}
