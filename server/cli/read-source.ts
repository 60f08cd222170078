/**
 * A recorded file as contract events, whatever its format: our own NDJSON, or an Asterisk
 * queue_log (pipe or DB-CSV form). Shared by `replay` and `import`, so both read the same.
 */
import { validateBatch } from '../ingest/parse-batch.js';
import type { FloorEvent } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';
import { importQueueLog } from '../adapters/queue-log/import.js';
import { readEventsFile } from '../replay/read-events-file.js';

export const SOURCE_FORMATS = ['ndjson', 'queue_log'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export interface SourceOptions {
  format: SourceFormat;
  timeZone: string;
  surveyExtension?: string;
}

export interface SourceEvents {
  events: FloorEvent[];
  /** Human-readable problems, one per unreadable line or rejected event. */
  problems: string[];
}

export async function readSource(file: string, o: SourceOptions): Promise<SourceEvents> {
  if (o.format === 'ndjson') {
    const { events, errors } = await readEventsFile(file);
    return { events, problems: errors.map((e) => `${file}: line ${e.index + 1}: ${e.field}: ${e.reason}`) };
  }
  const r = await importQueueLog(file, {
    format: 'auto', timeZone: o.timeZone,
    ...(o.surveyExtension !== undefined && { mapping: { surveyExtensions: [o.surveyExtension] } }),
  });
  // The adapter writes the contract; validating here keeps replay and the server identical.
  const valid = validateBatch(r.events);
  return {
    events: valid.events,
    problems: [
      ...r.problems.map((p) => `${file}: byte ${p.offset}: ${p.reason}`),
      ...valid.errors.map((e: RejectedEvent) => `${file}: event ${e.index}: ${e.field}: ${e.reason}`),
    ],
  };
}
