/**
 * Team adherence as the floor sends it (shared/wallboard.ts, TeamAdherenceView): the
 * engine's figures per team, and who of each team the plan has on shift now while they are
 * not logged in. Read from the same adherence records the figures count, so a team's
 * "2 of 11 off schedule" and the two names it lists never disagree.
 */
import type { NotInAgent, TeamAdherenceView } from '../../shared/wallboard.js';
import type { EngineState } from '../engine/state.js';
import { teamAdherence } from '../engine/views.js';

const byNumber = new Intl.Collator('en', { numeric: true });

export function screenAdherence(state: EngineState): TeamAdherenceView[] {
  const teams = teamAdherence(state);
  const notIn = new Map<string, NotInAgent[]>();
  for (const rec of state.plan.adherence.values()) {
    // Not ready for a break is still logged in: only `off` (logged out, or never seen) is not in.
    if (rec.teamId === undefined || rec.scheduled === 'off' || rec.actual !== 'off') continue;
    const name = state.agents.get(rec.agentId)?.name
      ?? (rec.shiftId === undefined ? undefined : state.plan.shifts.get(rec.shiftId)?.shift.name);
    const entry: NotInAgent = { agentId: rec.agentId, ...(name !== undefined && name !== '' && { name }), scheduled: rec.scheduled, since: rec.since };
    const list = notIn.get(rec.teamId);
    if (list === undefined) notIn.set(rec.teamId, [entry]);
    else list.push(entry);
  }
  return teams.map((team) => {
    const list = notIn.get(team.teamId);
    return list === undefined ? team : { ...team, notIn: list.sort((a, b) => byNumber.compare(a.agentId, b.agentId)) };
  });
}
