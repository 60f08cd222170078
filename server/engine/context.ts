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

export type Effect =
  | { type: 'alert'; alert: Alert }
  | { type: 'agent'; agentId: string }
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

export function touchAgent(ctx: Ctx, agentId: string): void {
  ctx.effects.push({ type: 'agent', agentId });
}

export function touchQueue(ctx: Ctx, queue: string): void {
  ctx.effects.push({ type: 'queue', queue });
}
