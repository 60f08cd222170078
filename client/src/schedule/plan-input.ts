/**
 * The shift and lead-duty forms' rules, checked before the server is asked (the server
 * checks again with the shared schemas). Each error names the field it belongs to, and
 * the server's own refusal (`field: 'breaks.0.end'`) is mapped onto the same fields.
 */
import type { LeadShift, LeadShiftInput, Shift, ShiftInput } from '../../../shared/schedule.js';
import { leadShiftId, shiftId } from '../../../shared/schedule.js';
import type { Vars } from '../i18n/index.js';
import { formatBreaks, isDate, isTime, localDate, localTime, parseBreaks, spanOf } from './plan-time.js';

/** Types, not interfaces: the generic form needs them to be string records. */
export type ShiftValues = {
  agentId: string;
  name: string;
  date: string;
  start: string;
  end: string;
  stationId: string;
  teamId: string;
  breaks: string;
};

export type LeadValues = {
  leadId: string;
  name: string;
  account: string;
  date: string;
  start: string;
  end: string;
  teams: string;
};

/**
 * What is wrong, by field: `M` is what `say` makes of a message key and its values. The
 * forms keep the key (`pageError`, i18n/error-text.ts) and say it at each render, so a
 * change of language applies to errors already shown; `t` gives the words at once.
 */
export type Errors<V, M = string> = Partial<Record<keyof V, M>>;

/** A message key and its values as an error: `t` (the words), or `pageError` (kept to say later). */
export type Say<M> = (key: string, vars?: Vars) => M;

export function shiftValues(s: Shift | undefined, tz: string, date: string): ShiftValues {
  if (s === undefined) return { agentId: '', name: '', date, start: '08:00', end: '16:00', stationId: '', teamId: '', breaks: '' };
  return {
    agentId: s.agentId, name: s.name ?? '', date: localDate(s.start, tz), start: localTime(s.start, tz), end: localTime(s.end, tz),
    stationId: s.stationId ?? '', teamId: s.teamId ?? '', breaks: formatBreaks(s.breaks, tz),
  };
}

export function leadValues(l: LeadShift | undefined, tz: string, date: string): LeadValues {
  if (l === undefined) return { leadId: '', name: '', account: '', date, start: '07:40', end: '16:00', teams: '' };
  return {
    leadId: l.leadId, name: l.name ?? '', account: l.account ?? '', date: localDate(l.start, tz),
    start: localTime(l.start, tz), end: localTime(l.end, tz), teams: l.teamIds.join(' '),
  };
}

/** Teams as the import writes them: space- or comma-separated (Chinese commas too). */
export function splitTeams(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((s) => s.trim()).filter((s) => s !== ''))];
}

function checkSpan<M>(v: { date: string; start: string; end: string }, tz: string, t: Say<M>): { errors: Errors<{ date: string; start: string; end: string }, M>; span?: { start: number; end: number } } {
  const errors: Errors<{ date: string; start: string; end: string }, M> = {};
  if (!isDate(v.date)) errors.date = t('schedule.error.date');
  if (!isTime(v.start)) errors.start = t('schedule.error.time');
  if (!isTime(v.end)) errors.end = t('schedule.error.time');
  if (Object.keys(errors).length > 0) return { errors };
  const span = spanOf(v.date, v.start, v.end, tz);
  if (span === null) return { errors: { end: t('schedule.error.endEqualsStart') } };
  return { errors, span };
}

/** The input for `PUT /schedule/shifts/:id` and its id (kept when editing), or the errors by field. */
export function checkShift<M>(v: ShiftValues, tz: string, t: Say<M>, editing?: Shift):
  { ok: true; id: string; input: ShiftInput } | { ok: false; errors: Errors<ShiftValues, M> } {
  const errors: Errors<ShiftValues, M> = {};
  const agentId = v.agentId.trim();
  if (agentId === '') errors.agentId = t('schedule.error.agent');
  const { errors: spanErrors, span } = checkSpan(v, tz, t);
  Object.assign(errors, spanErrors);
  let breaks: ShiftInput['breaks'] = [];
  if (span !== undefined) {
    const parsed = parseBreaks(v.breaks, span, tz);
    if (parsed.ok) breaks = parsed.breaks;
    else errors.breaks = t(`schedule.error.breaks.${parsed.problem}`, { part: parsed.part });
  }
  if (Object.keys(errors).length > 0 || span === undefined) return { ok: false, errors };
  const input: ShiftInput = {
    agentId, start: span.start, end: span.end, breaks,
    ...(v.name.trim() !== '' && { name: v.name.trim() }),
    ...(v.stationId.trim() !== '' && { stationId: v.stationId.trim() }),
    ...(v.teamId.trim() !== '' && { teamId: v.teamId.trim() }),
  };
  const id = editing?.id ?? shiftId({ agentId, start: span.start });
  return { ok: true, id, input: { id, ...input } };
}

export function checkLead<M>(v: LeadValues, tz: string, t: Say<M>, editing?: LeadShift):
  { ok: true; id: string; input: LeadShiftInput } | { ok: false; errors: Errors<LeadValues, M> } {
  const errors: Errors<LeadValues, M> = {};
  const leadId = v.leadId.trim();
  if (leadId === '') errors.leadId = t('schedule.error.lead');
  const account = v.account.trim();
  if (account !== '' && !/^[a-zA-Z0-9._-]{1,64}$/.test(account)) errors.account = t('schedule.error.account');
  const teamIds = splitTeams(v.teams);
  if (teamIds.length === 0) errors.teams = t('schedule.error.teams');
  const { errors: spanErrors, span } = checkSpan(v, tz, t);
  Object.assign(errors, spanErrors);
  if (Object.keys(errors).length > 0 || span === undefined) return { ok: false, errors };
  const id = editing?.id ?? leadShiftId({ leadId, start: span.start });
  return {
    ok: true,
    id,
    input: {
      id, leadId, teamIds, start: span.start, end: span.end,
      ...(account !== '' && { account }),
      ...(v.name.trim() !== '' && { name: v.name.trim() }),
    },
  };
}

/** The server names fields by the contract (`teamIds.0`, `breaks.1.end`); the forms by their inputs. */
export function formFieldOf(serverField: string | undefined): string | undefined {
  if (serverField === undefined) return undefined;
  const head = serverField.split('.')[0];
  if (head === 'teamIds') return 'teams';
  return head;
}
