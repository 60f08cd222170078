/**
 * One batch in, one IngestResult out, whichever transport carried it: validate, hand the
 * valid events to the floor, and report every rejection (ours and the floor's) by its
 * position in the batch the sender knows.
 */
import type { IngestResult, RejectedEvent } from '../../shared/ingest.js';
import type { FloorService, IngestOutcome } from '../floor/types.js';
import { parseBatch, validateBatch, type ParsedBatch } from './parse-batch.js';

export interface IngestService {
  /**
   * A raw body (JSON array or NDJSON; throws `BatchError` when it is not a batch at all)
   * or already-decoded items. Resolves only once `floor.ingest` has made the accepted
   * events durable, so a resolved result may be shown to the sender as final.
   */
  ingestBatch(batch: string | Buffer | unknown[], contentType?: string, feed?: string): Promise<IngestResult>;
}

/**
 * Told what became of every batch (the metrics, server/ops): how many items it held, per
 * feed, and the result, or none when the floor could not take it. It never changes what
 * the sender is answered, and its own failure is ignored.
 */
export interface IngestObserver {
  batch(feed: string, received: number, result: IngestResult | undefined): void;
}

const NOTHING_VALID: IngestOutcome = { accepted: 0, duplicates: 0, refused: [] };

export function createIngestService(floor: FloorService, observer?: IngestObserver): IngestService {
  const observe = (feed: string, received: number, result: IngestResult | undefined): void => {
    try {
      observer?.batch(feed, received, result);
    } catch {
      // Counting must never cost a sender its answer.
    }
  };
  return {
    async ingestBatch(batch, contentType, feed = 'unnamed') {
      const parsed = Array.isArray(batch) ? validateBatch(batch) : parseBatch(batch, contentType);
      let outcome: IngestOutcome;
      try {
        // An all-bad batch need not touch the floor (or its storage) at all.
        outcome = parsed.events.length > 0 ? await floor.ingest(parsed.events) : NOTHING_VALID;
      } catch (err) {
        observe(feed, parsed.total, undefined);
        throw err;
      }
      const errors = mergeRefused(parsed, outcome.refused);
      const result = {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        rejected: errors.length,
        errors,
      };
      observe(feed, parsed.total, result);
      return result;
    },
  };
}

/** The floor numbers refusals by position among the valid events; the sender needs batch positions. */
function mergeRefused(parsed: ParsedBatch, refused: IngestOutcome['refused']): RejectedEvent[] {
  if (refused.length === 0) return parsed.errors;
  const errors = parsed.errors.slice();
  for (const r of refused) {
    const event = parsed.events[r.index];
    // An index outside the valid list is a floor bug; -1 keeps the refusal visible rather than misplaced.
    const entry: RejectedEvent = { index: parsed.indexes[r.index] ?? -1, field: r.field, reason: r.reason };
    if (event) entry.id = event.id;
    errors.push(entry);
  }
  return errors.sort((a, b) => a.index - b.index);
}
