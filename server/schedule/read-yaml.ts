/**
 * A schedule as YAML (or JSON, the same shape):
 *
 *   shifts:
 *     - { agent: 1001, name: Li Na, date: 2026-11-28, start: "08:00", end: "16:00",
 *         station: S-01, team: T1, breaks: [{ kind: meal, start: "12:00", end: "12:45" }] }
 *   leads:
 *     - { lead: 9001, account: lead.wang, date: 2026-11-28, start: "07:45", end: "16:00", teams: [T1, T2] }
 *
 * Keys are checked strictly, so a misspelt one is named instead of silently dropped.
 * Numbers are welcome where people write them unquoted (agent 1001; epoch ms for times).
 */
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { scheduleProblem, schemaProblem, type ScheduleProblem } from '../../shared/schedule-problems.js';
import type { PlanRow, RowError, RowOrigin } from './rows.js';
import { splitTeams } from './read-csv.js';

/** `agent: 1001` arrives as a number; an agent number is text. */
const text = z.union([z.string(), z.number().transform(String)]);
const time = z.union([z.string(), z.number()]);

const breakItem = z.strictObject({ kind: z.string().default('break'), start: time, end: time });
const shiftItem = z.strictObject({
  id: text.optional(),
  agent: text,
  name: text.optional(),
  date: text.optional(),
  start: time,
  end: time,
  station: text.optional(),
  team: text.optional(),
  breaks: z.array(breakItem).default([]),
});
const leadItem = z.strictObject({
  id: text.optional(),
  lead: text,
  account: text.optional(),
  name: text.optional(),
  date: text.optional(),
  start: time,
  end: time,
  // A list, or text split at commas; a team id written unquoted (12) is a number in YAML.
  teams: z.union([z.array(text), z.string().transform(splitTeams), z.number().transform((n) => [String(n)])]),
});
const document = z.strictObject({
  shifts: z.array(z.unknown()).nullish(),
  leads: z.array(z.unknown()).nullish(),
});

const SHIFT_NAMES: RowOrigin['names'] = { agentId: 'agent', stationId: 'station', teamId: 'team' };
const LEAD_NAMES: RowOrigin['names'] = { leadId: 'lead', teamIds: 'teams' };

export function readYaml(source: string, format: 'yaml' | 'json'): { rows: PlanRow[]; errors: RowError[] } {
  let data: unknown;
  if (format === 'json') {
    try {
      data = JSON.parse(source);
    } catch (err) {
      return fileError(scheduleProblem('notJson', { detail: err instanceof Error ? err.message : String(err) }));
    }
  } else {
    const doc = parseDocument(source, { prettyErrors: true });
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      return { rows: [], errors: [{ row: first.linePos?.[0].line ?? 1, field: '(file)', ...scheduleProblem('notYaml', { detail: first.message.split('\n')[0] }) }] };
    }
    data = doc.toJS();
  }
  const top = document.safeParse(data ?? {});
  if (!top.success) {
    const issue = top.error.issues[0];
    const key = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : String(issue.path[0] ?? '');
    return fileError(topProblem(issue, key));
  }

  const rows: PlanRow[] = [];
  const errors: RowError[] = [];
  (top.data.shifts ?? []).forEach((item, i) => {
    const origin: RowOrigin = { row: i + 1, section: 'shifts', names: SHIFT_NAMES };
    const parsed = shiftItem.safeParse(item);
    if (!parsed.success) return void errors.push(...issues(parsed.error, origin, item));
    const s = parsed.data;
    rows.push({
      kind: 'shift', origin, agentId: s.agent, start: s.start, end: s.end,
      ...(s.id !== undefined && { id: s.id }), ...(s.name !== undefined && { name: s.name }), ...(s.date !== undefined && { date: s.date }),
      ...(s.station !== undefined && { stationId: s.station }), ...(s.team !== undefined && { teamId: s.team }),
      breaks: s.breaks.map((b, j) => ({ ...b, field: `breaks[${j + 1}]` })),
    });
  });
  (top.data.leads ?? []).forEach((item, i) => {
    const origin: RowOrigin = { row: i + 1, section: 'leads', names: LEAD_NAMES };
    const parsed = leadItem.safeParse(item);
    if (!parsed.success) return void errors.push(...issues(parsed.error, origin, item));
    const l = parsed.data;
    rows.push({
      kind: 'lead', origin, leadId: l.lead, start: l.start, end: l.end, teamIds: l.teams,
      ...(l.id !== undefined && { id: l.id }), ...(l.account !== undefined && { account: l.account }),
      ...(l.name !== undefined && { name: l.name }), ...(l.date !== undefined && { date: l.date }),
    });
  });
  return { rows, errors };
}

/** Why the file as a whole is not a schedule: a key it does not know, not a mapping, a section not a list. */
function topProblem(issue: z.core.$ZodIssue, key: string): ScheduleProblem {
  if (issue.code === 'unrecognized_keys') return scheduleProblem('unknownTopKey', { key });
  if (issue.code === 'invalid_type' && issue.path.length === 0) return scheduleProblem('fileNotAMapping');
  if (issue.code === 'invalid_type' && issue.expected === 'array') return scheduleProblem('sectionNotAList', { key });
  return scheduleProblem('notASchedule', { detail: `${key ? `${key}: ` : ''}${issue.message}` });
}

function fileError(problem: ScheduleProblem): { rows: PlanRow[]; errors: RowError[] } {
  return { rows: [], errors: [{ row: 0, field: '(file)', ...problem }] };
}

/** Breaks are numbered from 1 like the items, so `breaks[2].end` is the second break's end. */
function issues(error: z.ZodError, origin: RowOrigin, item: unknown): RowError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p, k) => (typeof p === 'number' ? `[${p + 1}]` : `${k > 0 ? '.' : ''}${String(p)}`)).join('');
    const field = issue.code === 'unrecognized_keys' ? [path, issue.keys.join(',')].filter(Boolean).join('.') : path || '(item)';
    const problem = issue.code === 'unrecognized_keys' ? scheduleProblem('unknownKey') : valueProblem(issue, item);
    return { row: origin.row, field, ...problem, ...(origin.section && { section: origin.section }) };
  });
}

/**
 * zod says "Invalid input" both of a key left out (or left blank) and of a list where text
 * belongs: say which. Other checks keep the schema's own words, coded where the shared
 * schemas give them one.
 */
function valueProblem(issue: z.core.$ZodIssue, item: unknown): ScheduleProblem {
  if (issue.path.length > 0 && valueAt(item, issue.path) == null) return scheduleProblem('required');
  if (issue.code === 'invalid_union') return scheduleProblem('notTextOrNumber');
  if (issue.code === 'invalid_type' && issue.path.length === 0) return scheduleProblem('notAnItem');
  return schemaProblem(issue);
}

/** The value at a zod issue's path inside the item, or undefined where the path leads nowhere. */
function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = item;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
