/** Builders for the floor view's tests: agents, queues, alerts, snapshots and deltas. */
import type { AlertSensitive, AlertSummary } from '../../../shared/alerts.js';
import type { AgentView, FloorFigures, QueueFigures } from '../../../shared/figures.js';
import type { ScreenDelta, ScreenSnapshot } from '../../../shared/wallboard.js';

export const T0 = Date.parse('2026-11-28T09:00:00+08:00');

export function agent(agentId: string, fields: Partial<AgentView> = {}): AgentView {
  return {
    agentId, role: 'agent', state: 'available', since: T0, handledToday: 0,
    talkMs: 0, holdMs: 0, acwMs: 0, ahtSeconds: null, openAlerts: 0, queues: [], ...fields,
  };
}

const figures = {
  offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0, answeredInThreshold: 0,
  serviceLevel: null, asaSeconds: null, abandonRate: null, ahtSeconds: null, handled: 0, waiting: 0,
  oldestWaitingSince: null, longestWaitSeconds: 0,
};

export function queue(name: string, fields: Partial<QueueFigures> = {}): QueueFigures {
  return { queue: name, ...figures, agents: { available: 0, onCall: 0, afterCallWork: 0, notReady: 0 }, ...fields };
}

export function floorFigures(fields: Partial<FloorFigures> = {}): FloorFigures {
  return {
    ...figures,
    agentsByState: { logged_out: 0, available: 0, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0 },
    openAlertsBySeverity: { info: 0, warning: 0, critical: 0 },
    ...fields,
  };
}

/**
 * `sensitive` only as a server from before alert summaries sent it (the store must drop it).
 */
export function alert(id: string, fields: Partial<AlertSummary> & { sensitive?: AlertSensitive } = {}): AlertSummary {
  return {
    id, rule: 'answer-3-rings', article: '60', severity: 'warning', kind: 'condition', status: 'open',
    title: 'Call ringing at agent 1001 for 10 s, not answered', subject: { kind: 'call', id: 'c1' },
    openedAt: T0, updatedAt: T0, escalationLevel: 'lead', occurrences: 1, ...fields,
  };
}

export function snapshot(fields: Partial<ScreenSnapshot> = {}): ScreenSnapshot {
  return {
    seq: 5, at: T0, serverTime: T0, demo: false, day: '2026-11-28', timezone: 'Asia/Shanghai',
    agents: [agent('1001'), agent('1002')], queues: [queue('general')], floor: floorFigures(), alerts: [],
    compliance: {},
    intervals: [],
    adherence: [],
    serviceLevel: { mode: 'abandons-against', thresholdSeconds: 10, shortAbandonSeconds: 5, formula: '' },
    ...fields,
  };
}

export function delta(seq: number, fields: Partial<ScreenDelta> = {}): ScreenDelta {
  return { seq, at: T0 + seq * 1000, serverTime: T0 + seq * 1000, agents: [], queues: [], alerts: [], ...fields };
}
