/** The points routes of the REST contract (articles 104-105). */
import type { ExcellenceCandidates, Leaderboard, ManualPointsInput, PointsEntry } from '../../../shared/points.js';
import { api } from '../api.js';

const BASE = '/api/v1/points';

export function fetchLeaderboard(quarter?: string): Promise<Leaderboard> {
  return api.get<Leaderboard>(quarter === undefined ? `${BASE}/leaderboard` : `${BASE}/leaderboard?quarter=${encodeURIComponent(quarter)}`);
}

export function fetchLedger(agentId: string, window?: { from: number; to: number }): Promise<PointsEntry[]> {
  const q = new URLSearchParams({ agentId });
  if (window !== undefined) {
    q.set('from', String(window.from));
    q.set('to', String(window.to));
  }
  return api.get<PointsEntry[]>(`${BASE}?${q.toString()}`);
}

export function addEntry(input: ManualPointsInput): Promise<PointsEntry> {
  return api.post<PointsEntry>(BASE, input);
}

export function reverseEntry(id: string, reason: string): Promise<PointsEntry> {
  return api.post<PointsEntry>(`${BASE}/${encodeURIComponent(id)}/reverse`, { reason });
}

export function fetchExcellence(year: number): Promise<ExcellenceCandidates> {
  return api.get<ExcellenceCandidates>(`${BASE}/excellence?year=${year}`);
}

/** The export of a window (the quarter on screen), as a download link. */
export function exportHref(window: { from: number; to: number }): string {
  return `${BASE}/export.csv?from=${window.from}&to=${window.to}`;
}
