/**
 * What the alert desk and the TV read from the floor store, in one place: they only
 * read (the connection is the store's one writer), and when the store's shape changes
 * this is the file to adapt. Also tracks when floor data last arrived (a snapshot or an
 * applied delta), which the store itself does not record: the TV needs it to tell live
 * figures from frozen ones.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { AgentView, FloorFigures, QueueFigures } from '../../../shared/figures.js';
import type { BoardAlert } from '../store/apply.js';
import { useFloorStore, type ConnectionStatus } from '../store/floor-store.js';

export type { BoardAlert };

// ---- freshness -------------------------------------------------------------------

let lastDataAt: number | null = null;
const freshnessListeners = new Set<() => void>();

/** Records that floor data arrived now (exported for tests). */
export function noteFloorData(at: number = Date.now()): void {
  lastDataAt = at;
  for (const listener of freshnessListeners) listener();
}

/** Forgets when data last arrived (tests). */
export function resetFloorFreshness(): void {
  lastDataAt = null;
  for (const listener of freshnessListeners) listener();
}

// A new `floor` object means a snapshot or an applied delta. A reset (floor -> null) is
// not data: the "no data since" time must survive the link being reopened.
useFloorStore.subscribe((state, previous) => {
  if (state.floor !== null && state.floor !== previous.floor) noteFloorData();
});

function subscribeFreshness(listener: () => void): () => void {
  freshnessListeners.add(listener);
  return () => freshnessListeners.delete(listener);
}

/** Local clock time (Date.now()) of the last snapshot or delta; null before any. */
export function lastFloorDataAt(): number | null {
  return lastDataAt;
}

/** Local clock time (Date.now()) of the last snapshot or delta; null before any. */
export function useLastDataAt(): number | null {
  return useSyncExternalStore(subscribeFreshness, () => lastDataAt);
}

/** No delta or snapshot for this long while the link says it is up: treat the figures as frozen. */
export const STALE_AFTER_MS = 10_000;

export interface StaleInput {
  connection: ConnectionStatus['kind'];
  lastDataAt: number | null;
  /** Local clock. */
  now: number;
  /** Agents logged in: a floor with nobody on it has nothing to report, so silence is not staleness. */
  active: boolean;
}

/**
 * Stale: we had data, and either the link is not up, or it is up on a staffed floor and
 * nothing has arrived for more than STALE_AFTER_MS.
 */
export function isStale({ connection, lastDataAt: last, now, active }: StaleInput): boolean {
  if (last === null) return false;
  if (connection !== 'live') return true;
  return active && now - last > STALE_AFTER_MS;
}

// ---- selectors -------------------------------------------------------------------

export function useConnectionKind(): ConnectionStatus['kind'] {
  return useFloorStore((s) => s.connection.kind);
}

export function useHasFloor(): boolean {
  return useFloorStore((s) => s.floor !== null);
}

export function useCentreTimezone(): string | undefined {
  return useFloorStore((s) => s.floor?.timezone);
}

export function useCentreDay(): string | undefined {
  return useFloorStore((s) => s.floor?.day);
}

export function useClockOffset(): number {
  return useFloorStore((s) => s.clockOffsetMs);
}

export function useServiceLevelThreshold(): number {
  return useFloorStore((s) => s.floor?.serviceLevel.thresholdSeconds ?? 0);
}

export function useFloorFigures(): FloorFigures | undefined {
  return useFloorStore((s) => s.floor?.floor);
}

const NO_ALERTS: Readonly<Record<string, BoardAlert>> = {};
const NO_AGENTS: Readonly<Record<string, AgentView>> = {};
const NO_QUEUES: Readonly<Record<string, QueueFigures>> = {};

/** Open and acknowledged (unresolved) alerts, unordered. */
export function useBoardAlerts(): BoardAlert[] {
  const byId = useFloorStore((s) => s.floor?.alerts ?? NO_ALERTS);
  return useMemo(() => Object.values(byId), [byId]);
}

/** Logged-in agents by agent id. */
export function useAgents(): AgentView[] {
  const byId = useFloorStore((s) => s.floor?.agents ?? NO_AGENTS);
  return useMemo(
    () => Object.values(byId).filter((a) => a.state !== 'logged_out').sort((a, b) => a.agentId.localeCompare(b.agentId, undefined, { numeric: true })),
    [byId],
  );
}

export function useQueues(): QueueFigures[] {
  const byName = useFloorStore((s) => s.floor?.queues ?? NO_QUEUES);
  return useMemo(() => Object.values(byName).sort((a, b) => a.queue.localeCompare(b.queue)), [byName]);
}
