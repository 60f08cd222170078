/**
 * Lines -> records -> events, with the adapter's counters: the part the importer and the
 * follower share. Decides the form on the first non-empty line when asked to (`auto`),
 * and takes a CSV header row as the column layout.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import { emptyCounters, type AdapterCounters } from '../types.js';
import type { Line } from './line-splitter.js';
import type { QueueLogMapper } from './mapping.js';
import { csvLayoutFromHeader, parseCsvRow, parsePipeLine, type CsvLayout } from './parse-line.js';
import { assertTimeZone } from './zoned-time.js';

export type QueueLogFormat = 'pipe' | 'csv' | 'auto';

export interface LineProblem {
  offset: number;
  reason: string;
  /** The start of the line, for the message. */
  text: string;
}

export interface RecordReaderOptions {
  format?: QueueLogFormat;
  /** Zone of the database form's local `time` column (default UTC). */
  timeZone?: string;
  /** Problems kept for the report (all are counted). */
  maxProblems?: number;
}

export interface RecordReader {
  take(line: Line): FloorEventInput[];
  readonly counters: AdapterCounters;
  readonly problems: LineProblem[];
  format(): 'pipe' | 'csv' | undefined;
}

const PIPE_LINE = /^\uFEFF?\s*\d+(\.\d+)?\|/;

export function createRecordReader(mapper: QueueLogMapper, o: RecordReaderOptions = {}): RecordReader {
  const timeZone = o.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const maxProblems = o.maxProblems ?? 100;
  const counters = emptyCounters();
  const problems: LineProblem[] = [];
  let form: 'pipe' | 'csv' | undefined = o.format === 'auto' || o.format === undefined ? undefined : o.format;
  let layout: CsvLayout | undefined;
  let sawData = false;

  const problem = (line: Line, reason: string): void => {
    counters.failed += 1;
    if (problems.length < maxProblems) problems.push({ offset: line.offset, reason, text: line.text.slice(0, 120) });
  };

  return {
    counters,
    problems,
    format: () => form,
    take(line) {
      if (line.text.trim() === '') return [];
      form ??= PIPE_LINE.test(line.text) ? 'pipe' : 'csv';
      if (form === 'csv' && !sawData) {
        // A header names the columns; it is not a record.
        const header = csvLayoutFromHeader(line.text);
        if (header) {
          layout = header;
          return [];
        }
      }
      sawData = true;
      counters.read += 1;
      const parsed = form === 'pipe' ? parsePipeLine(line.text) : parseCsvRow(line.text, { layout, timeZone });
      if (!parsed.ok) {
        problem(line, parsed.reason);
        return [];
      }
      const outcome = mapper.map(parsed.record, line.offset);
      if (outcome.status === 'ignored') {
        counters.ignored += 1;
        return [];
      }
      counters.mapped += 1;
      counters.events += outcome.events.length;
      return outcome.events;
    },
  };
}
