/**
 * `floorwatch replay`: a recorded day through the same engine on a virtual clock, as fast
 * as it goes. Events are applied in the order the live reorder buffer releases them
 * (timestamp, causal rank, id), duplicates are dropped as the live server drops them,
 * and every timer due up to the last event's time fires.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorEvent } from '../../shared/events.js';
import type {
  AgentView, ComplianceView, FloorFigures, QueueFigures, ServiceLevelSpec,
} from '../../shared/figures.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../engine/engine.js';
import { serviceLevelSpec } from '../engine/service-level.js';
import { agentView, complianceView, floorFigures, queueFigures } from '../engine/views.js';
import { Sequencer } from '../floor/sequencer.js';

export interface ReplayAlert {
  id: string;
  rule: Alert['rule'];
  article: string;
  severity: Alert['severity'];
  status: Alert['status'];
  title: string;
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

export function replayEvents(events: FloorEvent[], rules: RulesConfig): ReplayReport {
  const sequencer = new Sequencer();
  const seen = new Set<string>();
  let duplicates = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (seen.has(e.id)) {
      duplicates += 1;
      continue;
    }
    seen.add(e.id);
    // A window of 0 with receivedAt = ts: each event's moment is its own timestamp.
    sequencer.add(e, e.ts, 0);
    first = Math.min(first, e.ts);
    last = Math.max(last, e.ts);
  }
  const start = Number.isFinite(first) ? first : 0;
  const state = createEngineState(rules, start);
  const alerts = new Map<string, Alert>();
  const collect = (effects: ReturnType<typeof step>['effects']): void => {
    for (const fx of effects) if (fx.type === 'alert') alerts.set(fx.alert.id, fx.alert);
  };
  for (let p = sequencer.takeDue(last); p; p = sequencer.takeDue(last)) {
    collect(step(state, { kind: 'event', event: p.event }, p.at).effects);
  }
  if (Number.isFinite(last)) collect(step(state, { kind: 'tick' }, last).effects);

  return {
    from: Number.isFinite(first) ? iso(first) : null,
    to: Number.isFinite(last) ? iso(last) : null,
    events: { applied: seen.size, duplicates },
    alerts: [...alerts.values()].sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id, 'en', { numeric: true })).map(toReplayAlert),
    queues: Object.fromEntries([...state.queues.values()].map((q) => [q.queue, queueFigures(state, q)])),
    agents: Object.fromEntries([...state.agents.values()].map((a) => [a.agentId, agentView(state, a)])),
    floor: floorFigures(state),
    compliance: complianceView(state),
    serviceLevel: serviceLevelSpec(state.rules.serviceLevel),
  };
}
