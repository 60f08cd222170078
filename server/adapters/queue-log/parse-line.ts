/**
 * One line of queue_log, either form, into a QueueLogRecord or the reason it is not one.
 *
 * File form (logger.conf `queue_log`): `epoch|callid|queue|agent|EVENT|data1|...|dataN`,
 * N from 0 to 5 depending on event and Asterisk version.
 * Database form (realtime `queue_log` table exported as CSV):
 * `time,callid,queuename,agent,event,data1,...,data5`, with an optional header row (which
 * may name the columns in another order, add an `id`, or carry one combined `data`).
 */
import { splitCsvRow } from './csv-row.js';
import type { ParseResult, QueueLogRecord } from './record.js';
import { parseLocalTime } from './zoned-time.js';

const EPOCH = /^\d{1,12}(\.\d+)?$/;
const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Strips what files pick up in transit: a CR from CRLF endings, a BOM on the first line. */
function clean(line: string): string {
  return line.replace(/^\uFEFF/, '').replace(/\r$/, '');
}

function record(time: number | undefined, fields: (string | undefined)[], data: string[]): ParseResult {
  const [callId, queue, agent, rawEvent] = fields.map((f) => (f ?? '').trim());
  if (time === undefined) return { ok: false, reason: 'the time is not an epoch or a date' };
  const event = rawEvent.toUpperCase();
  if (!EVENT_NAME.test(event)) return { ok: false, reason: `not an event name: ${JSON.stringify(rawEvent.slice(0, 40))}` };
  const out: QueueLogRecord = {
    timeMs: time,
    callId: callId || 'NONE',
    queue: queue || 'NONE',
    agent: agent || 'NONE',
    event,
    data: data.map((d) => d.trim()),
  };
  return { ok: true, record: out };
}

function epochMs(text: string): number | undefined {
  const t = text.trim();
  if (!EPOCH.test(t)) return undefined;
  return Math.floor(Number(t) * 1000);
}

export function parsePipeLine(raw: string): ParseResult {
  const line = clean(raw);
  if (line.trim() === '') return { ok: false, reason: 'empty line' };
  const f = line.split('|');
  if (f.length < 5) return { ok: false, reason: `truncated: ${f.length} of at least 5 fields` };
  return record(epochMs(f[0]), f.slice(1, 5), f.slice(5));
}

/** Where each column of the database form is; from a header row, or the stock order. */
export interface CsvLayout {
  time: number;
  callId: number;
  queue: number;
  agent: number;
  event: number;
  /** data1..data5 columns, in order. */
  data: number[];
  /** A single pipe-separated `data` column (older realtime schemas), when there are no dataN. */
  combinedData?: number;
}

export const STOCK_CSV_LAYOUT: CsvLayout = { time: 0, callId: 1, queue: 2, agent: 3, event: 4, data: [5, 6, 7, 8, 9] };

/** The layout a header row describes, or undefined when the row is data, not a header. */
export function csvLayoutFromHeader(raw: string, delimiter = ','): CsvLayout | undefined {
  const row = splitCsvRow(clean(raw), delimiter);
  if (!row.ok) return undefined;
  const names = row.fields.map((f) => f.trim().toLowerCase());
  const at = (...aliases: string[]) => names.findIndex((n) => aliases.includes(n));
  const layout = {
    time: at('time', 'timestamp', 'datetime', 'created'),
    callId: at('callid', 'call_id', 'uniqueid'),
    queue: at('queuename', 'queue', 'queue_name'),
    agent: at('agent', 'membername'),
    event: at('event', 'verb'),
  };
  if (Object.values(layout).some((i) => i < 0)) return undefined;
  const data: number[] = [];
  for (let n = 1; n <= 9; n += 1) {
    const i = at(`data${n}`, `data_${n}`);
    if (i >= 0) data.push(i);
  }
  const combined = at('data');
  return { ...layout, data, ...(data.length === 0 && combined >= 0 && { combinedData: combined }) };
}

export interface CsvOptions {
  layout?: CsvLayout;
  /** IANA zone the PBX wrote local times in (the `time` column has no offset). */
  timeZone?: string;
  delimiter?: string;
}

export function parseCsvRow(raw: string, opts: CsvOptions = {}): ParseResult {
  const line = clean(raw);
  if (line.trim() === '') return { ok: false, reason: 'empty line' };
  const row = splitCsvRow(line, opts.delimiter ?? ',');
  if (!row.ok) return row;
  const layout = opts.layout ?? STOCK_CSV_LAYOUT;
  const f = row.fields;
  const needed = Math.max(layout.time, layout.callId, layout.queue, layout.agent, layout.event) + 1;
  if (f.length < needed) return { ok: false, reason: `truncated: ${f.length} of at least ${needed} columns` };
  const timeText = f[layout.time].trim();
  const time = epochMs(timeText) ?? parseLocalTime(timeText, opts.timeZone ?? 'UTC');
  let data = layout.data.map((i) => f[i] ?? '');
  if (layout.combinedData !== undefined) data = (f[layout.combinedData] ?? '').split('|');
  // The table always has five data columns; the empty tail is "not given", as in the file form.
  while (data.length > 0 && data[data.length - 1].trim() === '') data.pop();
  return record(time, [f[layout.callId], f[layout.queue], f[layout.agent], f[layout.event]], data);
}
