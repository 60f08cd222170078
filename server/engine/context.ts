/**
 * What one engine step works with: the state, the moment, and the effects it produces.
 * Effects are the engine's only output; the runtime turns them into storage writes and
 * wallboard deltas.
 */
import type { Alert } from '../../shared/alerts.js';
import type { PointsEntry } from '../../shared/points.js';
import type { RuleId } from '../../shared/rules.js';
import { pushDeadline } from './deadlines.js';
import type { EngineState } from './state.js';

/**
 * What of an agent changed, as groups of the fields a screen shows (AgentView): the floor
 * sends only those groups' fields (floor/agent-changes.ts). A bit set too many costs a few
 * bytes; one missing leaves a screen wrong until that group changes again, so a touch
 * that does not say sets them all.
 */
export const AGENT_FIELDS = {
  /** state, reason, since, callId, callSince, holdSince */
  status: 1,
  /** handledToday, talkMs, holdMs, acwMs, ahtSeconds */
  totals: 2,
  /** openAlerts */
  alerts: 4,
  /** name, teamId, role, stationId, queues */
  identity: 8,
  /** adherence */
  adherence: 16,
} as const;
export const ALL_AGENT_FIELDS = 31;

export type Effect =
  | { type: 'alert'; alert: Alert }
  /** `fields`: AGENT_FIELDS bits of what changed. */
  | { type: 'agent'; agentId: string; fields: number }
  | { type: 'queue'; queue: string }
  | { type: 'day'; day: string }
  /** An automatic points entry (articles 104-105), for the ledger. */
  | { type: 'points'; entry: PointsEntry }
  /** Some agent's schedule adherence changed: the team figures go out with the next delta. */
  | { type: 'adherence' };

export interface Ctx {
  state: EngineState;
  now: number;
  effects: Effect[];
}

export function schedule(ctx: Ctx, owner: RuleId | 'core', kind: string, key: string, at: number, ref: number): void {
  const no = ctx.state.nextDeadlineNo++;
  pushDeadline(ctx.state.deadlines, { at, no, owner, kind, key, ref });
}

export function touchAgent(ctx: Ctx, agentId: string, fields: number = ALL_AGENT_FIELDS): void {
  ctx.effects.push({ type: 'agent', agentId, fields });
}

export function touchQueue(ctx: Ctx, queue: string): void {
  ctx.effects.push({ type: 'queue', queue });
}
