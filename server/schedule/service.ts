/**
 * What the schedule routes do, without HTTP: read an import into a plan, hand the floor
 * the change (it is logged like any input, so a rebuild sees the same plan), write the
 * audit entry, and say how it went. The routes only translate outcomes into statuses.
 */
import type { Logger } from 'pino';
import {
  leadShiftSchema, shiftSchema, type LeadShift, type ScheduleChange, type ScheduleView, type Shift,
} from '../../shared/schedule.js';
import type { FloorService } from '../floor/types.js';
import type { Auditor } from '../http/command-handlers.js';
import { parseScheduleFile, type ScheduleFormat } from './parse-file.js';
import type { RowError } from './rows.js';
import { problem, type Problem } from '../../shared/problems.js';

/** Who changes the plan: a person, or a WFM export job with its feed token. */
export interface ScheduleActor {
  id: string;
  kind: 'user' | 'device' | 'feed';
  /** Username or token name, for the audit detail. */
  name: string;
  ip?: string;
}

export type ImportOutcome =
  | { status: 'done'; body: { ok: true; shifts: number; leads: number; from: number; to: number } }
  | { status: 'invalid'; body: Problem & { errors: RowError[] } }
  | { status: 'refused' | 'failed'; body: { error: string } };

export type EditOutcome<T> =
  | { status: 'done'; body: { ok: true; value: T } }
  | { status: 'invalid'; body: { error: string; field: string } }
  | { status: 'not-found' | 'refused' | 'failed'; body: { error: string; field?: string } };

export interface ScheduleService {
  importFile(text: string, format: ScheduleFormat, replace: boolean, actor: ScheduleActor): Promise<ImportOutcome>;
  saveShift(id: string, input: unknown, actor: ScheduleActor): Promise<EditOutcome<Shift>>;
  removeShift(id: string, actor: ScheduleActor): Promise<EditOutcome<undefined>>;
  saveLead(id: string, input: unknown, actor: ScheduleActor): Promise<EditOutcome<LeadShift>>;
  removeLead(id: string, actor: ScheduleActor): Promise<EditOutcome<undefined>>;
  /** The plan for [from, to); for a lead, only their teams' shifts and the duties touching their teams. */
  view(from: number, to: number, teams?: readonly string[]): ScheduleView;
  timeZone(): string;
}

export function createScheduleService(floor: FloorService, audit: Auditor, logger: Logger): ScheduleService {
  /** Applies a change; undefined when the floor took it, else the outcome to answer with. */
  async function change(what: ScheduleChange, actor: ScheduleActor): Promise<{ ok: true; shifts: number; leads: number } | { status: 'refused' | 'failed'; body: { error: string } }> {
    try {
      const result = await floor.changeSchedule(what);
      if (!result.ok) {
        logger.info({ op: what.op, actor: actor.id, error: result.error }, 'schedule change refused');
        return { status: 'refused', body: { error: result.error } };
      }
      return { ok: true, ...result.value };
    } catch (err) {
      logger.error({ err, op: what.op, actor: actor.id }, 'schedule change failed');
      return { status: 'failed', body: problem('internal') };
    }
  }

  async function record(actor: ScheduleActor, action: string, target: string | undefined, detail: Record<string, unknown>): Promise<void> {
    await audit.record({
      actor: actor.id, action, ...(target !== undefined && { target }), ...(actor.ip !== undefined && { ip: actor.ip }),
      detail: { ...detail, by: actor.name, ...(actor.kind === 'feed' && { via: 'feed token' }) },
    });
  }

  async function save<T extends Shift | LeadShift>(
    kind: 'shift' | 'lead', id: string, input: unknown, actor: ScheduleActor,
  ): Promise<EditOutcome<T>> {
    const schema = kind === 'shift' ? shiftSchema : leadShiftSchema;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0
        ? issue.path.join('.')
        : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(input)';
      return { status: 'invalid', body: { ...problem('invalidField', { field, detail: issue.message }), field } };
    }
    // The path names what is edited; a body claiming another id is a client mix-up, not a rename.
    if (parsed.data.id !== undefined && parsed.data.id !== id) {
      return { status: 'invalid', body: { error: `invalid id: the body says ${parsed.data.id}, the path ${id}`, field: 'id' } };
    }
    const value = { ...parsed.data, id } as T;
    const applied = await change(kind === 'shift'
      ? { op: 'upsert', shifts: [value as Shift], leads: [] }
      : { op: 'upsert', shifts: [], leads: [value as LeadShift] }, actor);
    if (!('ok' in applied)) return applied;
    await record(actor, kind === 'shift' ? 'shift-saved' : 'lead-duty-saved', id, describe(value));
    return { status: 'done', body: { ok: true, value } };
  }

  async function remove(kind: 'shift' | 'lead', id: string, actor: ScheduleActor): Promise<EditOutcome<undefined>> {
    const applied = await change({ op: 'remove', shiftIds: kind === 'shift' ? [id] : [], leadShiftIds: kind === 'lead' ? [id] : [] }, actor);
    if (!('ok' in applied)) return applied;
    // The floor answers how many it removed: none means there was no such id.
    if ((kind === 'shift' ? applied.shifts : applied.leads) === 0) {
      return { status: 'not-found', body: { error: `no ${kind === 'shift' ? 'shift' : 'lead duty'} ${id} in the plan`, field: 'id' } };
    }
    await record(actor, kind === 'shift' ? 'shift-removed' : 'lead-duty-removed', id, {});
    return { status: 'done', body: { ok: true, value: undefined } };
  }

  return {
    timeZone: () => floor.rules().timezone,

    async importFile(text, format, replace, actor) {
      const parsed = parseScheduleFile(text, format, floor.rules().timezone);
      if (!parsed.ok) {
        const count = parsed.errors.length;
        const english = `${count} problem${count === 1 ? '' : 's'} in the file; nothing was imported`;
        return { status: 'invalid', body: { ...problem('scheduleFileProblems', { count }, english), errors: parsed.errors } };
      }
      const { shifts, leads, from, to } = parsed.value;
      const applied = await change(replace ? { op: 'replace', from, to, shifts, leads } : { op: 'upsert', shifts, leads }, actor);
      if (!('ok' in applied)) return applied;
      await record(actor, 'schedule-imported', undefined, {
        format, replace, shifts: shifts.length, leads: leads.length, from: new Date(from).toISOString(), to: new Date(to).toISOString(),
      });
      return { status: 'done', body: { ok: true, shifts: shifts.length, leads: leads.length, from, to } };
    },

    saveShift: (id, input, actor) => save<Shift>('shift', id, input, actor),
    removeShift: (id, actor) => remove('shift', id, actor),
    saveLead: (id, input, actor) => save<LeadShift>('lead', id, input, actor),
    removeLead: (id, actor) => remove('lead', id, actor),

    view(from, to, teams) {
      const plan = floor.schedule(from, to);
      if (teams === undefined) return plan;
      return {
        ...plan,
        shifts: plan.shifts.filter((s) => s.teamId !== undefined && teams.includes(s.teamId)),
        leads: plan.leads.filter((l) => l.teamIds.some((t) => teams.includes(t))),
      };
    },
  };
}

/** The audit detail of a saved shift or duty: what a reviewer needs to see what changed. */
function describe(value: Shift | LeadShift): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return 'agentId' in value
    ? { agentId: value.agentId, start: iso(value.start), end: iso(value.end), stationId: value.stationId, teamId: value.teamId, breaks: value.breaks.length }
    : { leadId: value.leadId, start: iso(value.start), end: iso(value.end), teamIds: value.teamIds };
}
