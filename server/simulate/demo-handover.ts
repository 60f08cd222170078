/**
 * The demo's handover (articles 80-82). A few minutes after each lead shift change in the
 * simulated plan, the outgoing lead's handover is submitted, pre-filled from the shift as
 * the page would offer it, with a line of the lead's own in "shift status", the way a lead
 * finishing a shift would. It then waits on /handover for the incoming lead (or a floor
 * supervisor) to confirm it, refused while a critical alert of the teams is open.
 * Only with `serve --demo`: a real floor's handovers are written by real leads.
 */
import type { Logger } from 'pino';
import type { LeadShift } from '../../shared/schedule.js';
import type { Viewer } from '../access/principal.js';
import type { HandoverService } from '../handover/service.js';
import type { PlanToPost } from './post-plan.js';

/** How long after the change the outgoing lead submits (the meeting and the walk round). */
export const DEMO_HANDOVER_DELAY_MS = 2 * 60_000;

export interface DemoHandoverOptions {
  handovers: HandoverService;
  logger: Logger;
  now: () => number;
  delayMs?: number;
}

/** The lead changes in a plan: an outgoing duty ending where an incoming one starts, for shared teams. */
export function leadChanges(leads: readonly LeadShift[]): Array<{ at: number; outgoing: LeadShift; teamIds: string[] }> {
  const changes: Array<{ at: number; outgoing: LeadShift; teamIds: string[] }> = [];
  for (const outgoing of leads) {
    const teamIds = [...new Set(leads
      .filter((incoming) => incoming !== outgoing && incoming.start === outgoing.end)
      .flatMap((incoming) => incoming.teamIds.filter((t) => outgoing.teamIds.includes(t))))].sort();
    if (teamIds.length > 0) changes.push({ at: outgoing.end, outgoing, teamIds });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/** The outgoing lead as the handover service sees a signed-in lead. */
function outgoingViewer(lead: LeadShift): Viewer {
  return {
    kind: 'user', id: `demo:${lead.leadId}`, username: lead.account ?? `lead.${lead.leadId}`, name: lead.name ?? lead.leadId,
    role: 'lead', teams: [...lead.teamIds], mustChangePassword: false, sessionId: 'demo',
  };
}

async function submitFor(change: ReturnType<typeof leadChanges>[number], o: DemoHandoverOptions): Promise<void> {
  const viewer = outgoingViewer(change.outgoing);
  const draft = await o.handovers.draft(viewer, change.at, change.teamIds);
  if (!draft.ok) throw new Error(draft.error);
  if (draft.value.status !== 'draft') return; // already submitted (a restarted demo)
  const fields = {
    ...draft.value.fields,
    shiftStatus: `${draft.value.fields.shiftStatus}\n(Demo) Floor ran normally; see the figures above.`.trim(),
  };
  const submitted = await o.handovers.submit({ viewer }, { shiftChangeAt: change.at, teamIds: change.teamIds, fields });
  if (!submitted.ok) throw new Error(submitted.error);
  o.logger.info({ handover: submitted.value.id, teams: change.teamIds }, 'demo: the outgoing lead submitted the handover');
}

/** Submits each change's handover when it is due; returns a function that cancels the rest. */
export function scheduleDemoHandovers(plan: PlanToPost, o: DemoHandoverOptions): () => void {
  const timers = leadChanges(plan.leads).map((change) => setTimeout(() => {
    submitFor(change, o).catch((err: unknown) => o.logger.warn({ err }, 'demo: the handover could not be submitted'));
  }, Math.max(0, change.at + (o.delayMs ?? DEMO_HANDOVER_DELAY_MS) - o.now())));
  for (const t of timers) t.unref();
  return () => {
    for (const t of timers) clearTimeout(t);
  };
}
