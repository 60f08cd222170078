/**
 * One entry point for an import: the file's text and format in, the plan (times as epoch
 * ms) and the centre days it covers out, or every error found. All or nothing: one bad
 * row and the caller gets no plan at all, so a half-applied roster never exists.
 */
import { scheduleProblem } from '../../shared/schedule-problems.js';
import type { LeadShift, Shift } from '../../shared/schedule.js';
import { centreDay } from './local-time.js';
import { readCsv } from './read-csv.js';
import { readYaml } from './read-yaml.js';
import { buildPlan, type RowError } from './rows.js';

export const SCHEDULE_FORMATS = ['csv', 'yaml', 'json'] as const;
export type ScheduleFormat = (typeof SCHEDULE_FORMATS)[number];

export interface ParsedSchedule {
  shifts: Shift[];
  leads: LeadShift[];
  /**
   * The centre days the file's shifts and duties *start* on: [start of the first, start of
   * the day after the last). An import with replace swaps out exactly these days, so a
   * night shift that runs past midnight does not wipe the next day's plan.
   */
  from: number;
  to: number;
}

export type ParseOutcome = { ok: true; value: ParsedSchedule } | { ok: false; errors: RowError[] };

export function parseScheduleFile(text: string, format: ScheduleFormat, timeZone: string): ParseOutcome {
  const read = format === 'csv' ? readCsv(text) : readYaml(text, format);
  // Rows that could not even be read are reported together with those that could not be placed.
  const built = buildPlan(read.rows, timeZone);
  const errors = [...read.errors, ...(built.ok ? [] : built.errors)];
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => sectionRank(a) - sectionRank(b) || a.row - b.row) };
  if (!built.ok) return { ok: false, errors: built.errors };
  const { shifts, leads } = built.plan;
  if (shifts.length + leads.length === 0) return { ok: false, errors: [{ row: 0, field: '(file)', ...scheduleProblem('emptyFile') }] };
  // A loop, not Math.min(...): a month's roster for a large centre is too many arguments.
  let first = Infinity;
  let last = -Infinity;
  for (const { start } of [...shifts, ...leads]) {
    first = Math.min(first, start);
    last = Math.max(last, start);
  }
  return { ok: true, value: { shifts, leads, from: centreDay(first, timeZone).start, to: centreDay(last, timeZone).next } };
}

const sectionRank = (e: RowError): number => (e.section === 'leads' ? 1 : 0);

/** The format a Content-Type names, if it is one we read. */
export function formatOfContentType(contentType: string | undefined): ScheduleFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/csv' || type === 'application/csv') return 'csv';
  if (type === 'application/yaml' || type === 'text/yaml' || type === 'application/x-yaml' || type === 'text/x-yaml') return 'yaml';
  if (type === 'application/json') return 'json';
  return undefined;
}

export const ACCEPTED_CONTENT_TYPES = ['text/csv', 'application/yaml', 'text/yaml', 'application/json'] as const;
