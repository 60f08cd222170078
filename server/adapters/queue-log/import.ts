/**
 * `floorwatch import` / `replay --format queue_log`: a whole queue_log file (either form)
 * into contract events, streamed in chunks so a year's log does not sit in memory twice.
 * Events come out in file order with file-order timestamps (see clock.ts).
 */
import fs from 'node:fs';
import type { FloorEventInput } from '../../../shared/events.js';
import type { AdapterCounters } from '../types.js';
import { LineSplitter } from './line-splitter.js';
import { createQueueLogMapper, type MapperStats } from './mapping.js';
import { memberNameWarning, type QueueLogMappingOptions } from './options.js';
import { createRecordReader, type LineProblem, type RecordReaderOptions } from './record-reader.js';

export interface ImportQueueLogOptions extends RecordReaderOptions {
  mapping?: QueueLogMappingOptions;
}

export interface QueueLogImport {
  events: FloorEventInput[];
  counters: AdapterCounters;
  /** Unreadable lines (the first `maxProblems`; `counters.failed` counts them all). */
  problems: LineProblem[];
  format: 'pipe' | 'csv' | undefined;
  stats: MapperStats;
  /** Calls still open at the end of the file (in progress when it was copied, or lost). */
  openCalls: string[];
  /** Setup problems the log shows, for whoever connects the PBX (today: member names, see options.ts). */
  warnings: string[];
}

export async function importQueueLog(path: string, options: ImportQueueLogOptions = {}): Promise<QueueLogImport> {
  const mapper = createQueueLogMapper(options.mapping);
  const reader = createRecordReader(mapper, options);
  const splitter = new LineSplitter(0);
  const events: FloorEventInput[] = [];
  const take = (text: string, offset: number): void => {
    for (const e of reader.take({ text, offset })) events.push(e);
  };
  for await (const chunk of fs.createReadStream(path)) {
    for (const line of splitter.push(chunk as Buffer)) take(line.text, line.offset);
  }
  const last = splitter.flush();
  if (last) take(last.text, last.offset);
  const stats = mapper.stats();
  return {
    events,
    counters: { ...reader.counters },
    problems: reader.problems,
    format: reader.format(),
    stats,
    openCalls: mapper.openCalls(),
    warnings: Object.keys(stats.unmatchedMemberNames).map(memberNameWarning),
  };
}
