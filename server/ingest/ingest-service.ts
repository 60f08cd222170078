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
  ingestBatch(batch: string | Buffer | unknown[], contentType?: string): Promise<IngestResult>;
}

const NOTHING_VALID: IngestOutcome = { accepted: 0, duplicates: 0, refused: [] };

export function createIngestService(floor: FloorService): IngestService {
  return {
    async ingestBatch(batch, contentType) {
      const parsed = Array.isArray(batch) ? validateBatch(batch) : parseBatch(batch, contentType);
      // An all-bad batch need not touch the floor (or its storage) at all.
      const outcome = parsed.events.length > 0 ? await floor.ingest(parsed.events) : NOTHING_VALID;
      const errors = mergeRefused(parsed, outcome.refused);
      return {
        accepted: outcome.accepted,
        duplicates: outcome.duplicates,
        rejected: errors.length,
        errors,
      };
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
