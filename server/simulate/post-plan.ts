/**
 * Handing a server the simulated floor's plan before its events, the way a WFM export
 * job would: `POST /api/v1/schedule/import` with a feed token. Used by `floorwatch
 * simulate --url` and the server's own demo. A server still starting up is waited for a
 * little; a refusal (bad token, a plan the server finds wrong) is an error at once.
 */
import { leadShiftId, shiftId, type LeadShift, type Shift } from '../../shared/schedule.js';
import { importDocument } from '../schedule/write-file.js';

export interface PlanToPost {
  shifts: Shift[];
  leads: LeadShift[];
  /**
   * Posted with `?replace=true`: the plan replaces what the server holds on the days it
   * covers instead of being added to it. The demo's first plan after a start: a restart's
   * plan (new times, so new ids) must not stand beside the one the last run imported.
   */
  replace?: boolean;
}

export interface PostedPlan {
  shifts: number;
  leads: number;
  from: number;
  to: number;
}

/** The plan with every time moved by `toWall` (the clock the paced events will carry). */
export function rebasePlan(plan: PlanToPost, toWall: (virtual: number) => number): PlanToPost {
  // Derived ids follow the start they are derived from; ids given on purpose stay.
  return {
    shifts: plan.shifts.map((s) => ({
      ...s, id: s.id === shiftId({ agentId: s.agentId, start: s.start }) ? shiftId({ agentId: s.agentId, start: toWall(s.start) }) : s.id,
      start: toWall(s.start), end: toWall(s.end), breaks: s.breaks.map((b) => ({ ...b, start: toWall(b.start), end: toWall(b.end) })),
    })),
    leads: plan.leads.map((l) => ({
      ...l, id: l.id === leadShiftId({ leadId: l.leadId, start: l.start }) ? leadShiftId({ leadId: l.leadId, start: toWall(l.start) }) : l.id,
      start: toWall(l.start), end: toWall(l.end), teamIds: [...l.teamIds],
    })),
  };
}

export async function postPlan(
  url: string,
  token: string | undefined,
  plan: PlanToPost,
  options: { attempts?: number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<PostedPlan> {
  const endpoint = `${url.replace(/\/+$/, '')}/api/v1/schedule/import${plan.replace === true ? '?replace=true' : ''}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const attempts = options.attempts ?? 8;
  const body = JSON.stringify(importDocument(plan));
  for (let attempt = 1; ; attempt++) {
    let res: Response | undefined;
    let failure: string;
    try {
      res = await fetch(endpoint, { method: 'POST', headers, body });
      if (res.ok) return (await res.json()) as PostedPlan;
      failure = `${res.status} ${(await res.text()).slice(0, 500)}`;
    } catch (err) {
      failure = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    }
    // Connection refused and 5xx may pass; anything else the server meant.
    const retryable = res === undefined || res.status >= 500 || res.status === 429;
    if (!retryable || attempt >= attempts) throw new Error(`POST ${endpoint}: ${failure}`);
    await sleep(Math.min(10_000, 250 * 2 ** (attempt - 1)));
  }
}
