/**
 * What this supervisor has chosen to look at: filters, the agents' order and the agent
 * whose panel is open. Kept apart from the floor store, which only the link writes.
 */
import { create } from 'zustand';
import type { AgentStateName, AgentView } from '../../../shared/figures.js';
import type { FloorData } from '../store/apply.js';
import { STATE_ORDER } from '../labels.js';
import { agentAlertCounts } from './alert-counts.js';
import { notInOf } from './not-in.js';

export const SORTS = ['number', 'state', 'time', 'alerts'] as const;
export type AgentSort = (typeof SORTS)[number];

export interface FloorFilters {
  /** '' for every team. */
  team: string;
  /** '' for every queue (filters the queue tiles, and the agents serving that queue). */
  queue: string;
  search: string;
  sort: AgentSort;
}

interface FloorViewState extends FloorFilters {
  selectedAgentId: string | null;
  set(change: Partial<FloorFilters>): void;
  openAgent(agentId: string | null): void;
}

export const useFloorView = create<FloorViewState>((set) => ({
  team: '',
  queue: '',
  search: '',
  sort: 'number',
  selectedAgentId: null,
  set: (change) => set(change),
  openAgent: (agentId) => set({ selectedAgentId: agentId }),
}));

const STATE_RANK = Object.fromEntries(STATE_ORDER.map((s, i) => [s, i])) as Record<AgentStateName, number>;

/**
 * Agent ids to show, in order: logged-out agents left off (those the plan has on shift now
 * are shown apart, see `visibleNotInIds`), filters applied, then sorted.
 */
export function visibleAgentIds(floor: FloorData | null, f: FloorFilters): string[] {
  if (floor === null) return [];
  const needle = f.search.trim().toLowerCase();
  // `agentIds` is already by number: a stable sort keeps that as the tie-break.
  const shown: AgentView[] = [];
  for (const id of floor.agentIds) {
    const a = floor.agents[id];
    if (a === undefined || a.state === 'logged_out') continue;
    if (f.team !== '' && a.teamId !== f.team) continue;
    if (f.queue !== '' && !(a.queues ?? []).includes(f.queue)) continue;
    if (!matches(needle, a.agentId, a.name)) continue;
    shown.push(a);
  }
  if (f.sort === 'state') shown.sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state]);
  else if (f.sort === 'time') shown.sort((a, b) => a.since - b.since);
  else if (f.sort === 'alerts') {
    // Open ones (the alert desk's: not yet acknowledged) first, then those in hand.
    const counts = new Map(shown.map((a) => [a.agentId, agentAlertCounts(floor.alerts, a)]));
    shown.sort((a, b) => {
      const x = counts.get(a.agentId)!;
      const y = counts.get(b.agentId)!;
      return y.open - x.open || y.inHand - x.inHand;
    });
  }
  return shown.map((a) => a.agentId);
}

/**
 * The agents the plan has on shift now who are not logged in, filtered like the others: by
 * team then number, after every logged-in agent whatever the sort (they have no state, time
 * in it or alert to sort by). None while a queue is chosen: they serve no queue now.
 */
export function visibleNotInIds(floor: FloorData | null, f: FloorFilters): string[] {
  if (floor === null || f.queue !== '') return [];
  const needle = f.search.trim().toLowerCase();
  const ids: string[] = [];
  for (const entry of notInOf(floor).ordered) {
    // Logged in since (a delta's agent before its adherence): a tile of its own already.
    const agent = floor.agents[entry.agentId];
    if (agent !== undefined && agent.state !== 'logged_out') continue;
    if (f.team !== '' && entry.teamId !== f.team) continue;
    if (!matches(needle, entry.agentId, entry.name)) continue;
    ids.push(entry.agentId);
  }
  return ids;
}

function matches(needle: string, agentId: string, name: string | undefined): boolean {
  return needle === '' || agentId.toLowerCase().includes(needle) || (name ?? '').toLowerCase().includes(needle);
}

/** Every team named by an agent today or in the plan's adherence (a team none of whose agents came in), sorted. */
export function teamsOf(floor: FloorData | null): string[] {
  if (floor === null) return [];
  const teams = new Set<string>();
  for (const id of floor.agentIds) {
    const team = floor.agents[id]?.teamId;
    if (team !== undefined) teams.add(team);
  }
  for (const team of floor.adherence) teams.add(team.teamId);
  return [...teams].sort();
}
