/**
 * What this supervisor has chosen to look at: filters, the agents' order and the agent
 * whose panel is open. Kept apart from the floor store, which only the link writes.
 */
import { create } from 'zustand';
import type { AgentStateName, AgentView } from '../../../shared/figures.js';
import type { FloorData } from '../store/apply.js';
import { STATE_ORDER } from '../labels.js';

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

/** Agent ids to show, in order: logged-out agents left off, filters applied, then sorted. */
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
    if (needle !== '' && !a.agentId.toLowerCase().includes(needle) && !(a.name ?? '').toLowerCase().includes(needle)) continue;
    shown.push(a);
  }
  if (f.sort === 'state') shown.sort((a, b) => STATE_RANK[a.state] - STATE_RANK[b.state]);
  else if (f.sort === 'time') shown.sort((a, b) => a.since - b.since);
  else if (f.sort === 'alerts') shown.sort((a, b) => b.openAlerts - a.openAlerts);
  return shown.map((a) => a.agentId);
}

/** Every team named by an agent today, sorted. */
export function teamsOf(floor: FloorData | null): string[] {
  if (floor === null) return [];
  const teams = new Set<string>();
  for (const id of floor.agentIds) {
    const team = floor.agents[id]?.teamId;
    if (team !== undefined) teams.add(team);
  }
  return [...teams].sort();
}
