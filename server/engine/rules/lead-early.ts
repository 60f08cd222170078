/**
 * Articles 78 and 91: the incoming shift lead is on site 20 minutes before the shift and
 * holds the pre-shift meeting 10 minutes before it. For each lead duty starting at T: at
 * T - arriveMinutes the lead's agent number must be logged in (any login of the number
 * counts, a lead's phone login being how the floor sees them arrive); at T - meetingMinutes
 * a `meeting.started` (pre-shift) must have come for one of the duty's teams. Each alert
 * clears when the lead logs in / the meeting starts.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, raise } from '../alerts.js';
import { localTime } from '../calendar.js';
import { recordCheck } from '../compliance.js';
import type { Ctx } from '../context.js';
import type { LeadRecord } from '../schedule/plan-state.js';
import { defineRule } from './types.js';

/**
 * A meeting counts for a duty when it started at most this long before the shift: an hour
 * covers an early meeting, while the previous shift's meeting (hours before) does not.
 */
export const MEETING_LOOKBACK_MS = 60 * 60_000;

const meetingSubject = (dutyId: string) => ({ kind: 'floor' as const, id: `meeting:${dutyId}` });

function meetingHeld(ctx: Ctx, rec: LeadRecord): boolean {
  const since = rec.lead.start - MEETING_LOOKBACK_MS;
  return rec.lead.teamIds.some((t) => (ctx.state.plan.meetings.get(t) ?? Number.NEGATIVE_INFINITY) >= since);
}

const teamsLabel = (teams: string[]): string => `team${teams.length === 1 ? '' : 's'} ${teams.join(', ')}`;

export const leadEarly = defineRule({
  id: 'lead-early',
  onEvent(ctx, e) {
    if (e.type === 'agent.login') {
      clearCondition(ctx, 'lead-early', { kind: 'agent', id: e.agentId }, alertReason('leadIn', { agent: e.agentId }));
      return;
    }
    if (e.type !== 'meeting.started') return;
    for (const alert of [...ctx.state.alerts.values()]) {
      if (alert.rule !== 'lead-early' || !alert.subject.id.startsWith('meeting:')) continue;
      const rec = ctx.state.plan.leads.get(alert.subject.id.slice('meeting:'.length));
      if (rec && rec.lead.teamIds.includes(e.teamId)) {
        clearCondition(ctx, 'lead-early', alert.subject, alertReason('meetingStarted', { team: e.teamId }));
      }
    }
  },
  onDeadline(ctx, d, config) {
    const rec = ctx.state.plan.leads.get(d.key);
    if (!rec || rec.rev !== d.ref) return; // removed or changed since: its own deadlines follow
    const lead = rec.lead;
    const at = localTime(lead.start, ctx.state.rules.timezone);
    if (d.kind === 'arrive') {
      const present = ctx.state.agents.get(lead.leadId)?.loggedIn === true;
      recordCheck(ctx, 'lead-early', present, { agentId: lead.leadId });
      if (present) return;
      raise(ctx, {
        rule: 'lead-early',
        kind: 'condition',
        subject: { kind: 'agent', id: lead.leadId },
        ...alertTitle('lead-early.notIn', { lead: lead.leadId, minutes: config.arriveMinutes, at, teams: lead.teamIds.join(', ') },
          { teams: teamsLabel(lead.teamIds) }),
        evidence: lead.id,
        agentId: lead.leadId,
        teamId: lead.teamIds[0],
      });
      return;
    }
    const held = meetingHeld(ctx, rec);
    recordCheck(ctx, 'lead-early', held, { agentId: lead.leadId });
    if (held) return;
    raise(ctx, {
      rule: 'lead-early',
      kind: 'condition',
      subject: meetingSubject(lead.id),
      ...alertTitle('lead-early.noMeeting', { lead: lead.leadId, minutes: config.meetingMinutes, at, teams: lead.teamIds.join(', ') },
        { teams: teamsLabel(lead.teamIds) }),
      evidence: lead.id,
      agentId: lead.leadId,
      teamId: lead.teamIds[0],
    });
  },
});
