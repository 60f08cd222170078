/** What an ingest of events came to: one slice's, and a batch's sliced ones together. */
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
  let count = 0;
  let behindMs = 0;
  for (const entry of appended) {
    if (entry.payload.kind !== 'event' || entry.payload.event.ts >= watermark) continue;
    count += 1;
    behindMs = Math.max(behindMs, entry.receivedAt - entry.payload.event.ts);
  }
  return count === 0 ? undefined : { count, behindMs };
}
