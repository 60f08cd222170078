/** What an ingest of events came to: one slice's, and a batch's sliced ones together. */
import type { FloorEvent } from '../../shared/events.js';
import type { LogEntry } from '../storage/types.js';
import type { IngestOutcome } from './types.js';

/** A batch logged in slices: their outcomes as one, refusals at their batch positions already. */
export function mergeOutcomes(outcomes: readonly IngestOutcome[]): IngestOutcome {
  const late = outcomes.flatMap((o) => (o.late === undefined ? [] : [o.late]));
  return {
    accepted: outcomes.reduce((n, o) => n + o.accepted, 0),
    duplicates: outcomes.reduce((n, o) => n + o.duplicates, 0),
    refused: outcomes.flatMap((o) => o.refused),
    ...(late.length > 0 && {
      late: { count: late.reduce((n, l) => n + l.count, 0), behindMs: Math.max(...late.map((l) => l.behindMs)) },
    }),
  };
}

/** The accepted events stamped before `watermark`, applied at their arrival instead (IngestOutcome.late). */
export function lateAmong(appended: readonly LogEntry[], watermark: number): IngestOutcome['late'] {
  const events = appended.flatMap((entry) => (entry.payload.kind === 'event' ? [entry.payload.event] : []));
  return lateEvents(events, watermark, appended[0]?.receivedAt ?? watermark);
}

/**
 * The events stamped before `watermark` (received at `receivedAt`). Not those a feed marks
 * as its own resync (a call found gone, an agent found logged out): late by their nature,
 * and no sign of a wrong clock.
 */
export function lateEvents(events: Iterable<FloorEvent>, watermark: number, receivedAt: number): IngestOutcome['late'] {
  let count = 0;
  let behindMs = 0;
  for (const event of events) {
    if (event.ts >= watermark || ('resync' in event && event.resync === true)) continue;
    count += 1;
    behindMs = Math.max(behindMs, receivedAt - event.ts);
  }
  return count === 0 ? undefined : { count, behindMs };
}
