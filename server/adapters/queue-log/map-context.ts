/**
 * What the per-event translators share: the record being mapped, the small state the
 * translation needs (which calls are open and where, which agents are members where),
 * and `emit`, which stamps ids and timestamps.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { FileOrderClock } from './clock.js';
import type { ResolvedMappingOptions } from './options.js';
import type { QueueLogRecord } from './record.js';

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
  /** agentId -> last presence sent (`available`, `not_ready:meal`), to drop repeats. */
  presence: Map<string, string>;
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
