/**
 * A plan file named on the command line (`replay --schedule`, `import --schedule`): its
 * format from its name, read with the same parser as the server's import, in the centre's
 * time zone. A bad file gives every problem as a line naming the row and field, the way
 * the import endpoint names them, so a planner can fix the whole file in one go.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseScheduleFile, SCHEDULE_FORMATS, type ParsedSchedule, type ScheduleFormat } from '../schedule/parse-file.js';
import type { RowError } from '../schedule/rows.js';

/** The Content-Type the server's import takes for each format. */
export const SCHEDULE_CONTENT_TYPES: Record<ScheduleFormat, string> = {
  csv: 'text/csv',
  yaml: 'application/yaml',
  json: 'application/json',
};

/** The format a plan file's extension names (.csv, .yaml/.yml, .json); an error naming the option otherwise. */
export function scheduleFormatOf(file: string, option = '--schedule'): ScheduleFormat {
  const ext = path.extname(file).toLowerCase().replace('.', '');
  const format = ext === 'yml' ? 'yaml' : ext;
  if (!(SCHEDULE_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`${option}: name a .csv, .yaml, .yml or .json file, got ${file}`);
  }
  return format as ScheduleFormat;
}

/**
 * One problem as a line: `plan.csv: row 3: date: 2026-11-31 is not a calendar date`, or
 * `plan.yaml: shifts item 2: breaks[1]: ...`; a problem of the whole file (row 0) names the file only.
 */
export function describeRowError(file: string, e: RowError): string {
  if (e.row === 0) return `${file}: ${e.message}`;
  const where = e.section === undefined ? `row ${e.row}` : `${e.section} item ${e.row}`;
  return `${file}: ${where}: ${e.field}: ${e.message}`;
}

export type ScheduleFileOutcome = { ok: true; plan: ParsedSchedule } | { ok: false; problems: string[] };

export function readScheduleFile(file: string, timeZone: string): ScheduleFileOutcome {
  const format = scheduleFormatOf(file);
  const parsed = parseScheduleFile(fs.readFileSync(file, 'utf8'), format, timeZone);
  if (!parsed.ok) return { ok: false, problems: parsed.errors.map((e) => describeRowError(file, e)) };
  return { ok: true, plan: parsed.value };
}
