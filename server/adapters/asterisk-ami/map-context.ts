/** The shape of one AMI event handler and what it sees; shared by the handler files. */
import type { FloorEventInput } from '../../../shared/events.js';
import type { CallIndex } from './call-index.js';
import type { ResolvedMappingOptions } from './config.js';
import type { Memberships } from './memberships.js';

export type MapOutcome = 'mapped' | 'ignored' | 'failed';

export interface MapResult {
  outcome: MapOutcome;
  events: FloorEventInput[];
  /** Why it was ignored or failed, for debug logs. */
  reason?: string;
}

/** What a handler sees: one message plus the mapper's memory. */
export interface MapContext {
  readonly event: string;
  readonly ts: number;
  readonly options: ResolvedMappingOptions;
  readonly calls: CallIndex;
  readonly agents: Set<string>;
  readonly queues: Set<string>;
  /** The queues each agent is a member of (logout only when it leaves the last one). */
  readonly memberships: Memberships;
  /** agent id -> last presence sent (`available` / `not_ready:<reason>`), to drop repeats per queue. */
  readonly presence: Map<string, string>;
  get(key: string): string | undefined;
  /** A contract event with id, ts and source filled in. */
  emit(subject: string, kind: string, body: Record<string, unknown>): FloorEventInput;
  ignore(reason: string): MapResult;
  fail(reason: string): MapResult;
}

export type Handler = (ctx: MapContext) => MapResult;

/** The outcome for a handler that produced `events` (none means understood but ignored). */
export function produced(events: FloorEventInput[], reason = 'nothing to send'): MapResult {
  return events.length > 0 ? { outcome: 'mapped', events } : { outcome: 'ignored', events, reason };
}
