/** What every ingest path (HTTP, socket.io `/ingest`, replay) answers for a batch. */
export interface RejectedEvent {
  /** Position in the batch (0-based; for NDJSON, the line's position among non-empty lines). */
  index: number;
  /** The offending field as a dotted path (`ts`, `callbackDue`), or `(event)` for the whole line. */
  field: string;
  reason: string;
  /** The event's id when it had a readable one. */
  id?: string;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: RejectedEvent[];
}
