/**
 * The schedule routes of the REST contract (issue 6). Times go out as epoch ms; the
 * import sends the file's text as it is, with the content type its name says.
 */
import type { LeadShift, LeadShiftInput, ScheduleView, Shift, ShiftInput } from '../../../shared/schedule.js';
import { isScheduleProblemCode, SCHEDULE_PROBLEMS, type RowProblem, type ScheduleProblemCode } from '../../../shared/schedule-problems.js';
import type { ProblemParams } from '../../../shared/problems.js';
import { api, ApiError, paramsOf, type ServerProblem } from '../api.js';
import { translate, useLocale, type Locale } from '../i18n/index.js';
import '../i18n/messages-schedule-problems.js';
import { sentence } from '../sentence.js';

const BASE = '/api/v1/schedule';

export function fetchSchedule(window?: { from: number; to: number }): Promise<ScheduleView> {
  return api.get<ScheduleView>(window === undefined ? BASE : `${BASE}?from=${window.from}&to=${window.to}`);
}

export function saveShift(id: string, input: ShiftInput): Promise<{ ok: true; value: Shift }> {
  return api.put(`${BASE}/shifts/${encodeURIComponent(id)}`, input);
}

export function deleteShift(id: string): Promise<{ ok: true }> {
  return api.delete(`${BASE}/shifts/${encodeURIComponent(id)}`);
}

export function saveLeadShift(id: string, input: LeadShiftInput): Promise<{ ok: true; value: LeadShift }> {
  return api.put(`${BASE}/leads/${encodeURIComponent(id)}`, input);
}

export function deleteLeadShift(id: string): Promise<{ ok: true }> {
  return api.delete(`${BASE}/leads/${encodeURIComponent(id)}`);
}

export interface ImportDone {
  ok: true;
  shifts: number;
  leads: number;
  from: number;
  to: number;
}

/**
 * One bad row of an import as the server sent it (shared/schedule-problems.ts): the
 * file's row number (the header is row 1), its column, the English `message`, and the
 * code the page says it by (`rowProblemText`, at each render, so a change of language
 * applies to a list already shown). The code is not checked here: a newer server's is
 * said in its English.
 */
export interface ImportProblem {
  row: number;
  field: string;
  message: string;
  section?: RowProblem['section'];
  code?: string;
  params?: ProblemParams;
  part?: string;
}

/** A refusal keeps the server's body (`refusal`) so the page can say it in the language of the moment. */
export type ImportOutcome = ImportDone | { ok: false; error: string; refusal: ServerProblem; errors: ImportProblem[] };

/** By the file's name; a file without a telling name is sniffed (YAML and JSON start differently from a CSV header). */
export function contentTypeOf(fileName: string, text: string): string {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'application/yaml';
  if (name.endsWith('.json')) return 'application/json';
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return 'application/json';
  return /^(shifts|leads)\s*:/m.test(start) ? 'application/yaml' : 'text/csv';
}

/**
 * Uploads a plan. A refusal with bad rows comes back as a value (the page lists them);
 * any other failure (no access, server down) is thrown like every request's.
 */
export async function importPlan(text: string, contentType: string, replace: boolean): Promise<ImportOutcome> {
  try {
    return await api.postText<ImportDone>(`${BASE}/import${replace ? '?replace=true' : ''}`, text, contentType);
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      const body = (typeof err.body === 'object' && err.body !== null ? err.body : {}) as ServerProblem & { errors?: unknown };
      const errors = Array.isArray(body.errors) ? body.errors.flatMap(toProblem) : [];
      return { ok: false, error: err.message, refusal: body, errors };
    }
    throw err;
  }
}

function toProblem(p: unknown): ImportProblem[] {
  if (typeof p !== 'object' || p === null) return [];
  const o = p as Record<string, unknown>;
  if (typeof o.row !== 'number' || typeof o.message !== 'string') return [];
  return [{
    row: o.row, field: typeof o.field === 'string' ? o.field : '', message: o.message,
    ...((o.section === 'shifts' || o.section === 'leads') && { section: o.section }),
    ...(typeof o.code === 'string' && { code: o.code }),
    ...(o.params !== undefined && { params: paramsOf(o.params) }),
    ...(typeof o.part === 'string' && { part: o.part }),
  }];
}

/** A row's problem by its code when the page knows it (a newer server's code: its English). */
export function rowProblemText(problem: ImportProblem): string {
  if (!isScheduleProblemCode(problem.code)) return sentence(problem.message);
  const locale = useLocale.getState().locale;
  const said = translate(locale, `schedule.problem.${problem.code}`, paramsOf(problem.params));
  return problem.part === 'breakStart' || problem.part === 'breakEnd' ? translate(locale, `schedule.problemPart.${problem.part}`) + said : said;
}

/** The schedule's problems whose English takes no values, by it: the shared schemas' own checks (`at most 200 characters`). */
const BY_ENGLISH = new Map((Object.keys(SCHEDULE_PROBLEMS) as ScheduleProblemCode[])
  .filter((code) => !SCHEDULE_PROBLEMS[code].includes('{'))
  .map((code) => [SCHEDULE_PROBLEMS[code] as string, code]));

/**
 * A refused field's `detail` (`invalid stationId: at most 200 characters`: the shared
 * schemas' English, shared/schedule-problems.ts) in the reader's language, when it is one
 * of the schedule's problems; English is left as the server wrote it.
 */
export function scheduleDetail(detail: string, locale: Locale): string | undefined {
  if (locale === 'en') return undefined;
  const code = BY_ENGLISH.get(detail.trim());
  return code === undefined ? undefined : translate(locale, `schedule.problem.${code}`);
}
