/** What the FreeSWITCH mapping's parts share: the view of one event and the result helpers. */
import type { FloorEventInput } from '../../../shared/events.js';
import type { MapResult } from '../asterisk-ami/map-context.js';

/** One event as a handler sees it (or, for the resync, the moment the adapter found out). */
export interface Ctx {
  ts: number;
  get(key: string): string | undefined;
  /** A contract event with id, ts and source filled in. */
  emit(subject: string, kind: string, body: Record<string, unknown>): FloorEventInput;
}

export const ignore = (reason: string): MapResult => ({ outcome: 'ignored', events: [], reason });
export const fail = (reason: string): MapResult => ({ outcome: 'failed', events: [], reason });
export const produced = (events: FloorEventInput[], reason = 'nothing to send'): MapResult =>
  (events.length > 0 ? { outcome: 'mapped', events } : ignore(reason));

/** `Event-Date-Timestamp: 1764291605100200` (microseconds) -> epoch ms, else undefined. */
export function fsTimestamp(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,19}$/.test(value.trim())) return undefined;
  const ms = Math.floor(Number(value.trim()) / 1000);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}
