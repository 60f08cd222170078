/**
 * The deltas a screen missed while it was behind, as one: each agent's changes merged,
 * each queue, alert and figure as the last of them had it. What a screen that applies it
 * holds is what it would hold after applying each in turn; and since every part says what
 * a thing is now (never by how much it changed), a screen that had already applied the
 * first few holds the same after it too (shared/wallboard.ts, ScreenDelta.after).
 */
import type { AlertSummary } from '../../shared/alerts.js';
import { mergeAgentChanges, type AgentChange } from '../../shared/agent-changes.js';
import type { QueueFigures } from '../../shared/figures.js';
import type { ScreenDelta } from '../../shared/wallboard.js';

/** Undefined when they cannot be one: a new day among them (screens start the day from a snapshot). */
export function mergeScreenDeltas(deltas: readonly ScreenDelta[]): Omit<ScreenDelta, 'seq'> | undefined {
  const last = deltas.at(-1);
  if (last === undefined || deltas.some((d) => d.newDay !== undefined)) return undefined;
  const agents = new Map<string, AgentChange>();
  const queues = new Map<string, QueueFigures>();
  const alerts = new Map<string, AlertSummary>();
  const merged: Omit<ScreenDelta, 'seq'> = { at: last.at, serverTime: last.serverTime, agents: [], queues: [], alerts: [] };
  for (const d of deltas) {
    for (const change of d.agents) {
      const before = agents.get(change.agentId);
      agents.set(change.agentId, before === undefined ? change : mergeAgentChanges(before, change));
    }
    for (const q of d.queues) queues.set(q.queue, q);
    for (const a of d.alerts) {
      // In the order of their last change, as the deltas would have left them.
      alerts.delete(a.id);
      alerts.set(a.id, a);
    }
    if (d.floor !== undefined) merged.floor = d.floor;
    if (d.compliance !== undefined) merged.compliance = d.compliance;
    if (d.adherence !== undefined) merged.adherence = d.adherence;
  }
  merged.agents = [...agents.values()];
  merged.queues = [...queues.values()];
  merged.alerts = [...alerts.values()];
  return merged;
}
