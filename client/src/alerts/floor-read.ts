/**
 * What the alert desk and the TV read from the floor store, in one place: they only
 * read (the connection is the store's one writer), and when the store's shape changes
 * this is the file to adapt. When floor data last arrived, and whether the figures are
 * live, is store/freshness.ts (re-exported here for the alert desk and the TV).
 */
import { useMemo } from 'react';
import type { AgentView, FloorFigures, QueueFigures } from '../../../shared/figures.js';
import type { BoardAlert } from '../store/apply.js';
import { useFloorStore, type ConnectionStatus } from '../store/floor-store.js';

export type { BoardAlert };

// ---- freshness (store/freshness.ts, shared by every screen) ---------------------

export {
  isStale, lastFloorDataAt, noteFloorData, resetFloorFreshness, STALE_AFTER_MS, useLastDataAt, type StaleInput,
} from '../store/freshness.js';

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

/** How many closed alerts the floor's deltas carried (FloorData.closedAlertChanges): the history's cue. */
export function useClosedAlertChanges(): number {
  return useFloorStore((s) => s.floor?.closedAlertChanges ?? 0);
}

/**
 * When the call's current hold began, if the floor shows it on hold: at the agent the
 * alert names, else at whichever agent has the call. Undefined when not known.
 */
export function useHoldSince(callId: string | undefined, agentId: string | undefined): number | undefined {
  return useFloorStore((s) => {
    const agents = s.floor?.agents;
    if (callId === undefined || agents === undefined) return undefined;
    const onHold = (a: AgentView | undefined) => (a !== undefined && a.callId === callId && a.state === 'on_hold' ? a.holdSince : undefined);
    const named = agentId === undefined ? undefined : onHold(agents[agentId]);
    if (named !== undefined) return named;
    for (const a of Object.values(agents)) {
      const since = onHold(a);
      if (since !== undefined) return since;
    }
    return undefined;
  });
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
