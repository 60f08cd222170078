/**
 * Each agent's live alerts as the alert desk counts them: open (nobody has acknowledged it
 * yet: "待处理") apart from acknowledged ones (someone has it in hand, "处理中"). The agent's
 * own `openAlerts` counts both, so a tile that showed it said "1 open alert" for one a lead
 * was already dealing with, while the desk said none was open.
 */
import type { AgentView } from '../../../shared/figures.js';
import type { Severity } from '../../../shared/rules.js';
import type { BoardAlert } from '../store/apply.js';

export interface AgentAlertCounts {
  open: number;
  inHand: number;
  /** The most severe of the open ones. */
  worstOpen?: Severity;
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const NONE: AgentAlertCounts = { open: 0, inHand: 0 };

/** Once per alerts object (the store keeps it while no alert changes), not once per tile. */
const cache = new WeakMap<object, ReadonlyMap<string, AgentAlertCounts>>();

export function alertCountsByAgent(alerts: Readonly<Record<string, BoardAlert>>): ReadonlyMap<string, AgentAlertCounts> {
  let counts = cache.get(alerts);
  if (counts === undefined) {
    const out = new Map<string, { open: number; inHand: number; worstOpen?: Severity }>();
    for (const a of Object.values(alerts)) {
      if (a.agentId === undefined) continue;
      let c = out.get(a.agentId);
      if (c === undefined) out.set(a.agentId, (c = { open: 0, inHand: 0 }));
      if (a.status === 'acknowledged') {
        c.inHand += 1;
      } else {
        c.open += 1;
        if (Object.hasOwn(RANK, a.severity) && (c.worstOpen === undefined || RANK[a.severity] < RANK[c.worstOpen])) c.worstOpen = a.severity;
      }
    }
    cache.set(alerts, (counts = out));
  }
  return counts;
}

/**
 * The agent's counts, with any of their live alerts the store does not hold (the agent's
 * count can run ahead of the alerts for a moment) taken as open, of a severity not known:
 * a badge that might be one too many for a moment, never a live alert hidden.
 */
export function agentAlertCounts(alerts: Readonly<Record<string, BoardAlert>> | undefined, agent: Pick<AgentView, 'agentId' | 'openAlerts'>): AgentAlertCounts {
  const known = alerts === undefined ? NONE : alertCountsByAgent(alerts).get(agent.agentId) ?? NONE;
  const unknown = agent.openAlerts - known.open - known.inHand;
  return unknown > 0 ? { ...known, open: known.open + unknown } : known;
}
