/**
 * The format-neutral middle of an import: CSV and YAML readers turn their input into
 * these rows (text as the planner wrote it, plus where it came from), and `buildPlan`
 * places every time in the centre's zone and validates with the shared schemas. Every
 * problem becomes one `RowError` naming the row and the field, so a planner can fix a
 * whole file in one go; the caller applies nothing unless the list of errors is empty.
 */
import type { z } from 'zod';
import {
  BREAK_KINDS, leadShiftId, leadShiftSchema, shiftId, shiftSchema, type BreakKind, type LeadShift, type Shift,
} from '../../shared/schedule.js';
import {
  ofBreak, scheduleProblem, schemaProblem, type RowProblem, type ScheduleProblem,
} from '../../shared/schedule-problems.js';
import { localParts, resolveAfter, resolveStart, type Resolved } from './local-time.js';

/**
 * One problem in a file (shared/schedule-problems.ts): `row` the CSV line (the header is
 * line 1) or the 1-based item number within its YAML/JSON list; `field` the column or key
 * as the file spells it; its code, parameters and English message.
 */
export type RowError = RowProblem;

/** Where a row came from, and how to spell its fields back to the planner. */
export interface RowOrigin {
  row: number;
  section?: 'shifts' | 'leads';
  /** The file's own name for each of our fields (`agentId` is `agent` in both formats). */
  names: Partial<Record<string, string>>;
}

export type TimeText = string | number;

export interface BreakRow {
  kind: string;
  start: TimeText;
  end: TimeText;
  /** The field to blame for this break's problems (`breaks` in CSV, `breaks[2]` in YAML). */
  field: string;
}

export interface ShiftRow {
  kind: 'shift';
  origin: RowOrigin;
  id?: string;
  agentId: string;
  name?: string;
  date?: string;
  start: TimeText;
  end: TimeText;
  stationId?: string;
  teamId?: string;
  breaks: BreakRow[];
}

export interface LeadRow {
  kind: 'lead';
  origin: RowOrigin;
  id?: string;
  leadId: string;
  account?: string;
  name?: string;
  date?: string;
  start: TimeText;
  end: TimeText;
  teamIds: string[];
}

export type PlanRow = ShiftRow | LeadRow;

export interface BuiltPlan {
  shifts: Shift[];
  leads: LeadShift[];
}

/** Places and validates every row; returns the plan, or every error found. */
export function buildPlan(rows: PlanRow[], tz: string): { ok: true; plan: BuiltPlan } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const shifts: Array<{ shift: Shift; origin: RowOrigin }> = [];
  const leads: Array<{ lead: LeadShift; origin: RowOrigin }> = [];
  for (const row of rows) {
    const fail = (field: string, problem: ScheduleProblem): void => {
      errors.push({ row: row.origin.row, field: row.origin.names[field] ?? field, ...problem, ...(row.origin.section && { section: row.origin.section }) });
    };
    if (row.kind === 'shift') {
      const shift = buildShift(row, tz, fail);
      if (shift) shifts.push({ shift, origin: row.origin });
    } else {
      const lead = buildLead(row, tz, fail);
      if (lead) leads.push({ lead, origin: row.origin });
    }
  }
  // One person cannot be in two places: a second shift of the same agent (or duty of the
  // same lead) overlapping the first is almost always a typo in a date or a time.
  findOverlaps(shifts.map((s) => ({ who: s.shift.agentId, id: s.shift.id, start: s.shift.start, end: s.shift.end, origin: s.origin })), 'agent', errors, tz);
  findOverlaps(leads.map((l) => ({ who: l.lead.leadId, id: l.lead.id, start: l.lead.start, end: l.lead.end, origin: l.origin })), 'lead', errors, tz);
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => sectionOrder(a) - sectionOrder(b) || a.row - b.row) };
  return { ok: true, plan: { shifts: shifts.map((s) => s.shift), leads: leads.map((l) => l.lead) } };
}

const sectionOrder = (e: RowError): number => (e.section === 'leads' ? 1 : 0);

type Fail = (field: string, problem: ScheduleProblem) => void;

/** Start and end of a row: the end is the first such clock time after the start. */
function placeSpan(row: { date?: string; start: TimeText; end: TimeText }, tz: string, fail: Fail): { start: number; end: number } | undefined {
  const start = resolveStart(row.date, row.start, tz);
  if ('error' in start) {
    fail(start.field ?? 'start', start.error);
    return undefined;
  }
  const end = resolveAfter(start.ms, row.end, tz);
  if ('error' in end) {
    fail('end', end.error);
    return undefined;
  }
  return { start: start.ms, end: end.ms };
}

function buildShift(row: ShiftRow, tz: string, fail: Fail): Shift | undefined {
  const span = placeSpan(row, tz, fail);
  const breaks: Array<{ kind: BreakKind; start: number; end: number }> = [];
  let breaksOk = true;
  for (const b of row.breaks) {
    const placed = span ? placeBreak(b, span, tz) : undefined;
    if (placed && 'error' in placed) {
      fail(b.field, placed.error);
      breaksOk = false;
    } else if (placed) {
      breaks.push(placed);
    }
  }
  if (!span || !breaksOk) return undefined;
  return validate(shiftSchema, {
    ...(row.id !== undefined && { id: row.id }),
    agentId: row.agentId,
    ...(row.name !== undefined && { name: row.name }),
    start: span.start,
    end: span.end,
    ...(row.stationId !== undefined && { stationId: row.stationId }),
    ...(row.teamId !== undefined && { teamId: row.teamId }),
    // In time order, as the engine keeps them: a file listing them otherwise means the same plan.
    breaks: breaks.sort((a, b) => a.start - b.start),
  }, fail, (s) => ({ ...s, id: shiftId(s) }));
}

function placeBreak(b: BreakRow, span: { start: number; end: number }, tz: string): { kind: BreakKind; start: number; end: number } | { error: ScheduleProblem } {
  const kind = b.kind.trim().toLowerCase() || 'break';
  if (!(BREAK_KINDS as readonly string[]).includes(kind)) return { error: scheduleProblem('notABreakKind', { kind: b.kind }) };
  const start: Resolved = resolveAfter(span.start, b.start, tz, true);
  if ('error' in start) return { error: ofBreak(start.error, 'breakStart') };
  const end = resolveAfter(start.ms, b.end, tz);
  if ('error' in end) return { error: ofBreak(end.error, 'breakEnd') };
  if (start.ms < span.start || end.ms > span.end) {
    const show = (ms: number): string => localParts(ms, tz).time;
    return { error: scheduleProblem('breakOutsideShift', { kind, start: show(start.ms), end: show(end.ms), shiftStart: show(span.start), shiftEnd: show(span.end) }) };
  }
  return { kind: kind as BreakKind, start: start.ms, end: end.ms };
}

function buildLead(row: LeadRow, tz: string, fail: Fail): LeadShift | undefined {
  const span = placeSpan(row, tz, fail);
  if (!span) return undefined;
  return validate(leadShiftSchema, {
    ...(row.id !== undefined && { id: row.id }),
    leadId: row.leadId,
    ...(row.account !== undefined && { account: row.account }),
    ...(row.name !== undefined && { name: row.name }),
    teamIds: row.teamIds,
    start: span.start,
    end: span.end,
  }, fail, (l) => ({ ...l, id: leadShiftId(l) }));
}

/** The shared schema has the last word (lengths, non-empty ids, end after start). */
function validate<S extends z.ZodType, T>(schema: S, input: unknown, fail: Fail, finish: (parsed: z.output<S>) => T): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return finish(parsed.data);
  for (const issue of parsed.error.issues) fail(String(issue.path[0] ?? '(row)'), schemaProblem(issue));
  return undefined;
}

interface Span {
  who: string;
  id: string;
  start: number;
  end: number;
  origin: RowOrigin;
}

function findOverlaps(spans: Span[], what: 'agent' | 'lead', errors: RowError[], tz: string): void {
  const byWho = new Map<string, Span[]>();
  for (const s of spans) byWho.set(s.who, [...(byWho.get(s.who) ?? []), s]);
  for (const list of byWho.values()) {
    list.sort((a, b) => a.start - b.start || a.origin.row - b.origin.row);
    for (let i = 1; i < list.length; i++) {
      const [prev, cur] = [list[i - 1], list[i]];
      const where = `${prev.origin.section ? `${prev.origin.section} item ` : 'row '}${prev.origin.row}`;
      const field = cur.origin.names.start ?? 'start';
      const base = { row: cur.origin.row, field, ...(cur.origin.section && { section: cur.origin.section }) };
      const about = { who: cur.who, where, row: prev.origin.row };
      if (cur.id === prev.id) {
        errors.push({ ...base, ...scheduleProblem(what === 'agent' ? 'agentSameStart' : 'leadSameStart', about) });
      } else if (cur.start < prev.end) {
        const when = localParts(prev.start, tz);
        errors.push({ ...base, ...scheduleProblem(what === 'agent' ? 'agentOverlap' : 'leadOverlap', { ...about, date: when.date, start: when.time, end: localParts(prev.end, tz).time }) });
      }
    }
  }
}
