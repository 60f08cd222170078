/**
 * `floorwatch replay`: a recorded day through the same engine on a virtual clock, as fast
 * as it goes. Events are applied in the order the live reorder buffer releases them
 * (timestamp, causal rank, id), duplicates are dropped as the live server drops them,
 * and every timer due up to the last event's time fires. With a plan (`--schedule`), the
 * plan goes in first, early enough for its checks to fire as they would live
 * (replay-plan.ts), so the rules that need it (lead-early, no-leaving-post, absence, and
 * away-without-reason's meal windows) see the day as the live server did.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorEvent } from '../../shared/events.js';
import type {
  AgentView, ComplianceView, FloorFigures, QueueFigures, ServiceLevelSpec,
} from '../../shared/figures.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../engine/engine.js';
import { serviceLevelSpec } from '../engine/service-level.js';
import { agentsPerQueue, agentView, complianceView, floorFigures, queueFigures } from '../engine/views.js';
import { Sequencer } from '../floor/sequencer.js';
import { repeatKey } from '../storage/types.js';
import { planAppliedAt, type ReplayPlan } from './replay-plan.js';

export interface ReplayAlert {
  id: string;
  rule: Alert['rule'];
  article: string;
  severity: Alert['severity'];
  status: Alert['status'];
  title: string;
  /** The title's code and parameters (shared/alert-titles.ts): the kind of breach, for a program to count. */
  titleCode?: Alert['titleCode'];
  titleParams?: Alert['titleParams'];
  agentId?: string;
  callId?: string;
  queue?: string;
  openedAt: string;
  resolvedAt?: string;
  resolution?: string;
  escalationLevel: Alert['escalationLevel'];
  occurrences: number;
  evidence: string[];
}

export interface ReplayReport {
  from: string | null;
  to: string | null;
  events: { applied: number; duplicates: number };
  alerts: ReplayAlert[];
  queues: Record<string, QueueFigures>;
  agents: Record<string, AgentView>;
  floor: FloorFigures;
  compliance: ComplianceView;
  serviceLevel: ServiceLevelSpec;
  /** Only when a plan was given: what it held, and the moment it went into the engine. */
  schedule?: { shifts: number; leads: number; appliedAt: string };
}

const iso = (ms: number): string => new Date(ms).toISOString();

function toReplayAlert(a: Alert): ReplayAlert {
  return {
    id: a.id,
    rule: a.rule,
    article: a.article,
    severity: a.severity,
    status: a.status,
    title: a.title,
    ...(a.titleCode !== undefined && { titleCode: a.titleCode, titleParams: a.titleParams ?? {} }),
    ...(a.agentId !== undefined && { agentId: a.agentId }),
    ...(a.callId !== undefined && { callId: a.callId }),
    ...(a.queue !== undefined && { queue: a.queue }),
    openedAt: iso(a.openedAt),
    ...(a.resolvedAt !== undefined && { resolvedAt: iso(a.resolvedAt) }),
    ...(a.resolution !== undefined && { resolution: a.resolution }),
    escalationLevel: a.escalationLevel,
    occurrences: a.occurrences,
    evidence: a.evidence,
  };
}

export function replayEvents(events: FloorEvent[], rules: RulesConfig, plan?: ReplayPlan): ReplayReport {
  const sequencer = new Sequencer();
  const seen = new Set<string>();
  let duplicates = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const [index, e] of events.entries()) {
    // As the live log knows a repeat: the same id at the same time (repeatTimeOf).
    const key = repeatKey(e.ts, e.id);
    if (seen.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    // A window of 0 with receivedAt = ts: each event's moment is its own timestamp; ties go in the file's order.
    sequencer.add(e, e.ts, 0, index);
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts);
  }
  const firstEvent = Number.isFinite(first) ? first : undefined;
  const planAt = plan ? planAppliedAt(plan, firstEvent, rules) : undefined;
  // The plan's moment is never after the first event: the engine starts there, its checks still ahead.
  const start = planAt ?? firstEvent ?? 0;
  const state = createEngineState(rules, start);
  const alerts = new Map<string, Alert>();
  const collect = (effects: ReturnType<typeof step>['effects']): void => {
    for (const fx of effects) if (fx.type === 'alert') alerts.set(fx.alert.id, fx.alert);
  };
  // Upsert: the engine starts with no plan, so this is the same as replacing the file's days.
  if (plan && planAt !== undefined) collect(step(state, { kind: 'schedule', change: { op: 'upsert', shifts: plan.shifts, leads: plan.leads } }, planAt).effects);
  for (let p = sequencer.takeDue(last); p; p = sequencer.takeDue(last)) {
    collect(step(state, { kind: 'event', event: p.event }, p.at).effects);
  }
  if (Number.isFinite(last)) collect(step(state, { kind: 'tick' }, last).effects);

  const perQueue = agentsPerQueue(state);
  return {
    from: Number.isFinite(first) ? iso(first) : null,
    to: Number.isFinite(last) ? iso(last) : null,
    events: { applied: seen.size, duplicates },
    alerts: [...alerts.values()].sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id, 'en', { numeric: true })).map(toReplayAlert),
    queues: Object.fromEntries([...state.queues.values()].map((q) => [q.queue, queueFigures(state, q, state.time, perQueue)])),
    agents: Object.fromEntries([...state.agents.values()].map((a) => [a.agentId, agentView(state, a)])),
    floor: floorFigures(state),
    compliance: complianceView(state),
    serviceLevel: serviceLevelSpec(state.rules.serviceLevel),
    ...(plan && planAt !== undefined && { schedule: { shifts: plan.shifts.length, leads: plan.leads.length, appliedAt: iso(planAt) } }),
  };
}
