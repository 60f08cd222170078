/**
 * Stream entries as floor inputs, and the answer an input's sender gets. Entries were
 * validated by the process that accepted them (events by the contract's schema, commands
 * by the command handlers); here only their shape is checked, so an entry no process of
 * this version wrote is skipped (and said so) instead of stopping the owner.
 */
import type { FloorEvent } from '../../shared/events.js';
import type { AcceptedInput, AcceptedOutcome } from '../floor/floor.js';
import type { LogPayload } from '../storage/types.js';
import type { StreamEntry } from './stream-log.js';
import { problem } from '../../shared/problems.js';

export function acceptedInputOf(entry: StreamEntry): AcceptedInput | null {
  const receivedAt = entry.acceptedAt;
  if (!Number.isFinite(receivedAt)) return null;
  if (entry.kind === 'events') {
    if (!Array.isArray(entry.payload)) return null;
    const events = entry.payload as FloorEvent[];
    if (!events.every((e) => e !== null && typeof e === 'object' && typeof e.id === 'string' && typeof e.type === 'string')) return null;
    return { receivedAt, entries: events.map((event) => ({ id: event.id, payload: { kind: 'event', event } })) };
  }
  if (entry.id === undefined || entry.payload === null || typeof entry.payload !== 'object') return null;
  let payload: LogPayload;
  switch (entry.kind) {
    case 'command':
      payload = { kind: 'command', command: entry.payload as Extract<LogPayload, { kind: 'command' }>['command'] };
      break;
    case 'rules':
      payload = { kind: 'rules', rules: entry.payload as Extract<LogPayload, { kind: 'rules' }>['rules'] };
      break;
    case 'schedule':
      payload = { kind: 'schedule', change: entry.payload as Extract<LogPayload, { kind: 'schedule' }>['change'] };
      break;
    default:
      return null;
  }
  return { receivedAt, entries: [{ id: entry.id, payload }] };
}

/** What the process waiting on a command, rules or plan change is told. */
export function answerOf(kind: StreamEntry['kind'], outcome: AcceptedOutcome | undefined): unknown {
  if (outcome === undefined) return { ok: false, ...problem('notApplied', undefined, 'the floor could not read this input') };
  // Its id is in the log already: this is a replay after a failover, and the first owner applied it.
  if (outcome.appended === 0) return { ok: false, ...problem('ownerChanged') };
  if (kind === 'rules') return { ok: true, value: null };
  return outcome.result ?? { ok: false, ...problem('notApplied', undefined, 'the input was not applied') };
}
