/**
 * Article 105.1: unexcused absence (无故旷工), -2 points each time. Two moments:
 *
 * - `graceMinutes` after the shift starts, a scheduled agent not logged in is an alert at
 *   that second: the lead needs to know the seat is empty. It clears when the agent logs
 *   in; a lead's leave approval (`leave.approve`) resolves it in the lead's name, and one
 *   given before the check means there is none (see `absenceExcused`). An agent in at that
 *   moment, or seen logged in since the shift began, passes the check.
 * - Otherwise the verdict waits for the shift's end, when it is known: an agent who logged in
 *   during the shift was late (that spoils full attendance, art. 104.1, and is no absence),
 *   and passes; one who never did missed the shift. A missed shift a lead excused passes
 *   too (that is leave, which also rules out full attendance); one nobody excused fails the
 *   check and costs the -2, dated at the alert's moment. A lead resolving the alert at the
 *   desk excuses nothing: only a leave approval does.
 *
 * One check per shift. A shift the plan learnt of after it began is watched from the check
 * on (whether the agent was in before cannot be known).
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, liveAlert, raise } from '../alerts.js';
import { localTime } from '../calendar.js';
import { recordCheck } from '../compliance.js';
import { schedule, type Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';
import { absenceExcused } from '../schedule/attendance.js';
import type { ShiftRecord } from '../schedule/plan-state.js';
import { award } from '../schedule/points.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { defineRule } from './types.js';

type Config = RulesConfig['rules']['absence'];

/** Start + grace: not logged in is an alert (unless excused); never seen since the start leaves the verdict to the end. */
function check(ctx: Ctx, d: Deadline, config: Config): void {
  const rec = ctx.state.plan.shifts.get(d.key);
  if (!rec || rec.rev !== d.ref) return; // removed or changed since: its own deadline follows
  const s = rec.shift;
  const loggedIn = ctx.state.agents.get(s.agentId)?.loggedIn === true;
  if (!loggedIn && !absenceExcused(ctx, rec)) {
    const tz = ctx.state.rules.timezone;
    raise(ctx, {
      rule: 'absence',
      kind: 'condition',
      subject: { kind: 'agent', id: s.agentId },
      ...(s.stationId === undefined
        ? alertTitle('absence.notIn', { agent: s.agentId, minutes: config.graceMinutes, time: localTime(s.start, tz) })
        : alertTitle('absence.notInAtSeat', { agent: s.agentId, minutes: config.graceMinutes, time: localTime(s.start, tz), seat: s.stationId })),
      evidence: s.id,
      agentId: s.agentId,
      ...(s.teamId !== undefined && { teamId: s.teamId }),
    });
  }
  // In now, or seen logged in since the start (then left: leaving, not absence).
  if (loggedIn || (rec.observed === true && !rec.absent)) {
    recordCheck(ctx, 'absence', true, { agentId: s.agentId });
    return;
  }
  rec.absent = true; // a shift planned after its start is watched from here
  if (s.end <= ctx.now) verdict(ctx, rec, config);
  else schedule(ctx, 'absence', 'missed', s.id, s.end, s.start);
}

/** The shift is over and the agent was not in at start + grace: late, excused, or missed without reason. */
function verdict(ctx: Ctx, rec: ShiftRecord, config: Config): void {
  const s = rec.shift;
  if (!rec.absent) {
    recordCheck(ctx, 'absence', true, { agentId: s.agentId }); // came in, late
    return;
  }
  const excused = absenceExcused(ctx, rec);
  recordCheck(ctx, 'absence', excused, { agentId: s.agentId });
  if (excused) return;
  const alert = liveAlert(ctx, 'absence', { kind: 'agent', id: s.agentId });
  award(ctx, {
    item: 'absence',
    agentId: s.agentId,
    cause: s.id,
    at: Math.min(s.start + config.graceMinutes * 60_000, s.end),
    reasonCode: 'absence',
    reasonParams: { graceMinutes: config.graceMinutes, start: localTime(s.start, ctx.state.rules.timezone) },
    evidence: [s.id, alert !== undefined && alert.evidence.includes(s.id) ? alert.id : ''],
  });
}

export const absence = defineRule({
  id: 'absence',
  onEvent(ctx, e) {
    if (e.type !== 'agent.login') return;
    clearCondition(ctx, 'absence', { kind: 'agent', id: e.agentId }, alertReason('agentIn', { agent: e.agentId }));
  },
  onDeadline(ctx, d, config) {
    if (d.kind === 'grace') {
      check(ctx, d, config);
      return;
    }
    if (d.kind !== 'missed') return;
    // `ref` is the shift's start: a moved shift is another one (its own check follows); a
    // rules change, which renews the shift's revision, leaves the verdict standing.
    const rec = ctx.state.plan.shifts.get(d.key);
    if (!rec || rec.shift.start !== d.ref) return;
    if (rec.shift.end > ctx.now) schedule(ctx, 'absence', 'missed', d.key, rec.shift.end, d.ref); // lengthened since
    else verdict(ctx, rec, config);
  },
});
