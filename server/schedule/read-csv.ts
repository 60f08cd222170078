/**
 * A schedule as CSV, the way a WFM tool or a spreadsheet exports it: a header row, then
 * one agent shift or lead duty per row (see docs/schedules.md).
 *
 *   kind,agent,name,date,start,end,station,team,breaks,account,teams
 *   shift,1001,Li Na,2026-11-28,08:00,16:00,S-01,T1,"10:00-10:15 break; 12:00-12:45 meal",,
 *   lead,9001,Wang Fang,2026-11-28,07:45,16:00,,,,lead.wang,"T1 T2"
 *
 * Columns may come in any order and any letter case; `kind` defaults to shift. A column
 * we do not know is an error (a misspelt `statoin` would otherwise drop every seat).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { scheduleProblem, type ScheduleProblem } from '../../shared/schedule-problems.js';
import type { BreakRow, PlanRow, RowError, RowOrigin } from './rows.js';

export const CSV_COLUMNS = ['kind', 'id', 'agent', 'name', 'date', 'start', 'end', 'station', 'team', 'breaks', 'account', 'teams'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: Column[] = ['agent', 'start', 'end'];
/** Columns that belong to one kind of row only. */
const SHIFT_ONLY: Column[] = ['station', 'breaks'];
const LEAD_ONLY: Column[] = ['account', 'teams'];

/** Our field names as a CSV user knows them. */
const SHIFT_NAMES: RowOrigin['names'] = { agentId: 'agent', stationId: 'station', teamId: 'team', breaks: 'breaks' };
const LEAD_NAMES: RowOrigin['names'] = { leadId: 'agent', teamIds: 'teams' };

/** "10:00-10:15 break; 12:00-12:45 meal": start-end, then the kind (break when left out). */
const BREAK = /^(\S+?)\s*-\s*(\S+)(?:\s+(\S+))?$/;

export function readCsv(text: string): { rows: PlanRow[]; errors: RowError[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With `info`, each record comes with where it ended in the file (csv-parse's types miss that).
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      return { rows: [], errors: [{ row: line, field: '(row)', ...scheduleProblem('notCsv', { detail: err.message }) }] };
    }
    throw err;
  }
  if (records.length === 0) return { rows: [], errors: [{ row: 1, field: '(header)', ...scheduleProblem('headerMissing', { columns: CSV_COLUMNS.join(',') }) }] };

  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const errors: RowError[] = [];
  header.forEach((h, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) {
      errors.push({ row: 1, field: h || `column ${i + 1}`, ...scheduleProblem('unknownColumn', { columns: CSV_COLUMNS.join(', ') }) });
    } else if (header.indexOf(h) !== i) {
      errors.push({ row: 1, field: h, ...scheduleProblem('columnTwice') });
    }
  });
  for (const c of REQUIRED) if (!header.includes(c)) errors.push({ row: 1, field: c, ...scheduleProblem('columnMissing') });
  if (errors.length > 0) return { rows: [], errors };

  const rows: PlanRow[] = [];
  for (const { record, info } of records.slice(1)) {
    // A quoted value may span lines: name the line the row starts on.
    const line = info.lines - record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
    const cell = (c: Column): string => (header.indexOf(c) >= 0 ? (record[header.indexOf(c)] ?? '').trim() : '');
    const fail = (field: string, problem: ScheduleProblem): void => void errors.push({ row: line, field, ...problem });
    if (record.length > header.length && record.slice(header.length).some((v) => v.trim() !== '')) {
      fail('(row)', scheduleProblem('tooManyValues', { values: record.length, columns: header.length }));
      continue;
    }
    const kind = cell('kind').toLowerCase() || 'shift';
    if (kind !== 'shift' && kind !== 'lead') {
      fail('kind', scheduleProblem('notARowKind', { kind: cell('kind') }));
      continue;
    }
    const wrong = (kind === 'shift' ? LEAD_ONLY : SHIFT_ONLY).filter((c) => cell(c) !== '');
    for (const c of wrong) fail(c, scheduleProblem(kind === 'shift' ? 'onlyLeadRows' : 'onlyShiftRows', { column: c }));
    if (wrong.length > 0) continue;
    const optional = (c: Column): string | undefined => cell(c) || undefined;
    const common = { id: optional('id'), name: optional('name'), date: optional('date'), start: cell('start'), end: cell('end') };
    if (kind === 'shift') {
      const breaks = readBreaks(cell('breaks'));
      if ('error' in breaks) {
        fail('breaks', breaks.error);
        continue;
      }
      rows.push(dropUndefined({
        kind: 'shift', origin: { row: line, names: SHIFT_NAMES }, ...common, agentId: cell('agent'),
        stationId: optional('station'), teamId: optional('team'), breaks,
      }));
    } else {
      // A lead of one team may put it under `team` as well.
      const teams = splitTeams(cell('teams') || cell('team'));
      rows.push(dropUndefined({
        kind: 'lead', origin: { row: line, names: { ...LEAD_NAMES, ...(cell('teams') === '' && cell('team') !== '' && { teamIds: 'team' }) } },
        ...common, leadId: cell('agent'), account: optional('account'), teamIds: teams,
      }));
    }
  }
  return { rows, errors };
}

function readBreaks(text: string): BreakRow[] | { error: ScheduleProblem } {
  const parts = text.split(';').map((p) => p.trim()).filter(Boolean);
  const out: BreakRow[] = [];
  for (const part of parts) {
    const m = BREAK.exec(part);
    if (!m) return { error: scheduleProblem('notABreak', { text: part }) };
    out.push({ start: m[1], end: m[2], kind: m[3] ?? 'break', field: 'breaks' });
  }
  return out;
}

/** "T1 T2", "T1,T2", "T1, T2". */
export function splitTeams(text: string): string[] {
  return text.split(/[\s,]+/).map((t) => t.trim()).filter(Boolean);
}

function dropUndefined<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as T;
}
