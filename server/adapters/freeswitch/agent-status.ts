/**
 * Agents' mod_callcenter status (`CC-Agent-Status`, or the `status` column of the agent list)
 * -> agent.login / agent.state / agent.logout. Remembers each agent's last status, so a
 * repeat sends nothing and a return from Logged Out is a login.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { AgentRow } from './api-replies.js';
import type { Ctx } from './map-context.js';

/** `CC-Agent-Status` as remembered: lower case, both kinds of Available as one. */
export function statusKey(status: string): string {
  const key = status.trim().toLowerCase();
  return key === 'available (on demand)' ? 'available' : key;
}

const MAPPED = new Set(['available', 'on break', 'logged out']);

export class AgentStatuses {
  /** agent id -> last status acted on (`statusKey`). */
  private readonly last = new Map<string, string>();

  /** Whether `status` would change nothing for this agent. */
  same(agentId: string, status: string): boolean {
    return this.last.get(agentId) === statusKey(status);
  }

  mapped(status: string): boolean {
    return MAPPED.has(statusKey(status));
  }

  /** The events for an agent's new status, live or from the resync census (`resync`). */
  events(ctx: Ctx, agentId: string, stationId: string, status: string, resync: boolean): FloorEventInput[] {
    const key = statusKey(status);
    const previous = this.last.get(agentId);
    if (previous === key || !MAPPED.has(key)) return [];
    this.last.set(agentId, key);
    if (key === 'logged out') {
      // From the census: the agent left during the gap; `ts` is when the adapter found out.
      return [ctx.emit(agentId, 'logout', { type: 'agent.logout', agentId, stationId, ...(resync && { resync: true }) })];
    }
    const state = key === 'available'
      ? { type: 'agent.state', agentId, state: 'available' }
      : { type: 'agent.state', agentId, state: 'not_ready', reason: 'break' };
    const out: FloorEventInput[] = [];
    // Coming back from Logged Out is a login; a first status seen mid-shift is only a state.
    if (previous === 'logged out') out.push(ctx.emit(agentId, 'login', { type: 'agent.login', agentId, stationId }));
    out.push(ctx.emit(agentId, 'state', state));
    return out;
  }

  /**
   * The agent list after a (re)connect: each row mapped as a live status change would be, with
   * one exception: `Logged Out` logs out only an agent known as logged in. The list holds every
   * configured agent, and a logout for each agent the floor never saw, at every start, would
   * be noise the floor judges as happening now.
   */
  census(ctx: Ctx, rows: readonly AgentRow[], agentIdOf: (name: string) => string | undefined): FloorEventInput[] {
    return rows.flatMap((row) => {
      const agentId = agentIdOf(row.name);
      if (agentId === undefined) return [];
      if (statusKey(row.status) === 'logged out' && !this.last.has(agentId)) {
        this.last.set(agentId, 'logged out');
        return [];
      }
      return this.events(ctx, agentId, row.name, row.status, true);
    });
  }
}
