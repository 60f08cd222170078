/**
 * A plan written back out as a planner would have typed it (local dates and clock times
 * in the centre's zone), in either import format: what `floorwatch simulate
 * --schedule-out` writes, and what reads back into the very same plan.
 */
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { stringify as stringifyYaml } from 'yaml';
import { leadShiftId, shiftId, type LeadShift, type Shift } from '../../shared/schedule.js';
import { localParts } from './local-time.js';
import type { ScheduleFormat } from './parse-file.js';

export interface PlanToWrite {
  shifts: Shift[];
  leads: LeadShift[];
}

const DAY = 24 * 3600_000;

/**
 * A clock time when the reader will place it right (the first such time after `after`,
 * which holds for anything within a day of it), else the full time with its offset.
 */
function clock(ms: number, after: number, tz: string): string {
  return ms - after < DAY ? localParts(ms, tz).time : new Date(ms).toISOString();
}

export function writeSchedule(plan: PlanToWrite, format: ScheduleFormat, tz: string): string {
  return format === 'csv' ? writeCsv(plan, tz) : writeYaml(plan, format, tz);
}

function writeCsv(plan: PlanToWrite, tz: string): string {
  // The id column only when some id is not the one the reader would derive anyway.
  const ids = plan.shifts.some((s) => s.id !== shiftId({ agentId: s.agentId, start: s.start }))
    || plan.leads.some((l) => l.id !== leadShiftId({ leadId: l.leadId, start: l.start }));
  const header = ['kind', ...(ids ? ['id'] : []), 'agent', 'name', 'date', 'start', 'end', 'station', 'team', 'breaks', 'account', 'teams'];
  const rows: string[][] = [];
  for (const s of plan.shifts) {
    const { date, time } = localParts(s.start, tz);
    const breaks = s.breaks.map((b) => `${clock(b.start, s.start - 1, tz)}-${clock(b.end, b.start, tz)} ${b.kind}`).join('; ');
    rows.push(['shift', ...(ids ? [s.id] : []), s.agentId, s.name ?? '', date, time, clock(s.end, s.start, tz), s.stationId ?? '', s.teamId ?? '', breaks, '', '']);
  }
  for (const l of plan.leads) {
    const { date, time } = localParts(l.start, tz);
    rows.push(['lead', ...(ids ? [l.id] : []), l.leadId, l.name ?? '', date, time, clock(l.end, l.start, tz), '', '', '', l.account ?? '', l.teamIds.join(' ')]);
  }
  return stringifyCsv([header, ...rows]);
}

function writeYaml(plan: PlanToWrite, format: 'yaml' | 'json', tz: string): string {
  const doc = {
    shifts: plan.shifts.map((s) => {
      const { date, time } = localParts(s.start, tz);
      return {
        ...(s.id !== shiftId({ agentId: s.agentId, start: s.start }) && { id: s.id }),
        agent: s.agentId, ...(s.name !== undefined && { name: s.name }), date, start: time, end: clock(s.end, s.start, tz),
        ...(s.stationId !== undefined && { station: s.stationId }), ...(s.teamId !== undefined && { team: s.teamId }),
        ...(s.breaks.length > 0 && {
          breaks: s.breaks.map((b) => ({ kind: b.kind, start: clock(b.start, s.start - 1, tz), end: clock(b.end, b.start, tz) })),
        }),
      };
    }),
    leads: plan.leads.map((l) => {
      const { date, time } = localParts(l.start, tz);
      return {
        ...(l.id !== leadShiftId({ leadId: l.leadId, start: l.start }) && { id: l.id }),
        lead: l.leadId, ...(l.account !== undefined && { account: l.account }), ...(l.name !== undefined && { name: l.name }),
        date, start: time, end: clock(l.end, l.start, tz), teams: l.teamIds,
      };
    }),
  };
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : stringifyYaml(doc);
}

/**
 * The plan as the import's JSON body (the YAML shape, times as epoch ms): what the
 * simulator posts to `POST /api/v1/schedule/import`. Exact to the millisecond, so a plan
 * re-based onto the wall clock arrives as it was computed.
 */
export function importDocument(plan: PlanToWrite): { shifts: unknown[]; leads: unknown[] } {
  return {
    shifts: plan.shifts.map((s) => ({
      ...(s.id !== shiftId({ agentId: s.agentId, start: s.start }) && { id: s.id }),
      agent: s.agentId, ...(s.name !== undefined && { name: s.name }), start: s.start, end: s.end,
      ...(s.stationId !== undefined && { station: s.stationId }), ...(s.teamId !== undefined && { team: s.teamId }),
      breaks: s.breaks.map((b) => ({ kind: b.kind, start: b.start, end: b.end })),
    })),
    leads: plan.leads.map((l) => ({
      ...(l.id !== leadShiftId({ leadId: l.leadId, start: l.start }) && { id: l.id }),
      lead: l.leadId, ...(l.account !== undefined && { account: l.account }), ...(l.name !== undefined && { name: l.name }),
      start: l.start, end: l.end, teams: l.teamIds,
    })),
  };
}
