/**
 * What the per-event translators share: the record being mapped, the small state the
 * translation needs (which calls are open and where, which agents are members where),
 * and `emit`, which stamps ids and timestamps.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { FileOrderClock } from './clock.js';
import { agentIdOf, isInterface, type ResolvedMappingOptions } from './options.js';
import { present, type QueueLogRecord } from './record.js';

export interface OpenCall {
  queue: string;
  offeredAt: number;
  /** The agent who answered it (CONNECT), until it is transferred or ends. */
  agentId?: string;
}

export interface MapperState {
  calls: Map<string, OpenCall>;
  /** agentId -> the queues it is a member of (`*` for a chan_agent login). */
  memberships: Map<string, Set<string>>;
  /** agentId -> the station it logged in at, so the logout names the same one. */
  stations: Map<string, string>;
  /** Agents this log logged out and has not logged in since. */
  loggedOut: Set<string>;
  /** agentId -> last presence sent (`available`, `not_ready:meal`), to drop repeats. */
  presence: Map<string, string>;
  /** Member names on call or pause lines whose agent was not logged in -> how many lines. */
  unmatchedNames: Map<string, number>;
  restarts: number;
  callsClosedByRestart: number;
  clock: FileOrderClock;
}

type Body = Record<string, unknown> & { type: FloorEventInput['type'] };

export interface MapCtx {
  o: ResolvedMappingOptions;
  r: QueueLogRecord;
  s: MapperState;
  /** Appends an event; `at` overrides the file-order time (synthesised earlier moments). */
  emit(part: string, body: Body, at?: number): number;
  /** Why a record produced nothing, when it did not. */
  ignore(reason: string): void;
}

/** A number in a data field (seconds or ms as the event defines), undefined when absent. */
export function num(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The floor's agent id for the line's agent field; undefined for `NONE`. */
export function agentOf(ctx: MapCtx): string | undefined {
  return present(ctx.r.agent) ? agentIdOf(ctx.o, ctx.r.agent) : undefined;
}

/**
 * The agent a call or pause line names. A member name (not an interface) whose agent is not
 * logged in is noted: most likely the login lines named the member by its interface
 * (`log_membername_as_agent = no`, the default) and the floor sees two agents for one
 * person. A name mapped in `agentNames` was configured on purpose and is not noted.
 */
export function workingAgentOf(ctx: MapCtx): string | undefined {
  const agentId = agentOf(ctx);
  const field = ctx.r.agent;
  if (agentId === undefined || isInterface(field) || ctx.o.agentNames.has(field.toLowerCase())) return agentId;
  if (!ctx.s.memberships.get(agentId)?.size) ctx.s.unmatchedNames.set(field, (ctx.s.unmatchedNames.get(field) ?? 0) + 1);
  return agentId;
}
