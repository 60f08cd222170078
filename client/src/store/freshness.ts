/**
 * Is what the screen shows live? One answer for every screen (the supervisors' floor, the
 * alert desk, the TV): the store records the link's state, this module records when floor
 * data last arrived (a snapshot or an applied delta) and decides, from both, whether the
 * figures are live or frozen. A link that says it is up but brings nothing (a hung server,
 * a half-open connection) is as stale as one that is down: the server sends a heartbeat
 * delta every few seconds, so silence on a staffed floor means the figures are old.
 */
import { useSyncExternalStore } from 'react';
import type { FloorFigures } from '../../../shared/figures.js';
import { useFloorStore, type ConnectionStatus } from './floor-store.js';

let lastDataAt: number | null = null;
const listeners = new Set<() => void>();

/** Records that floor data arrived now (exported for tests). */
export function noteFloorData(at: number = Date.now()): void {
  lastDataAt = at;
  for (const listener of listeners) listener();
}

/** Forgets when data last arrived (tests). */
export function resetFloorFreshness(): void {
  lastDataAt = null;
  for (const listener of listeners) listener();
}

// A new `floor` object means a snapshot or an applied delta. A reset (floor -> null) is
// not data: the "no data since" time must survive the link being reopened.
useFloorStore.subscribe((state, previous) => {
  if (state.floor !== null && state.floor !== previous.floor) noteFloorData();
});

/** Told whenever floor data arrives (and when the record is reset); returns the unsubscribe. */
export function onFloorData(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Local clock time (Date.now()) of the last snapshot or delta; null before any. */
export function lastFloorDataAt(): number | null {
  return lastDataAt;
}

/** Local clock time (Date.now()) of the last snapshot or delta; null before any. */
export function useLastDataAt(): number | null {
  return useSyncExternalStore(onFloorData, () => lastDataAt);
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

/** Someone is logged in (floor-wide): the floor has something to report. Unknown counts as staffed. */
export function isStaffed(figures: FloorFigures | undefined): boolean {
  if (figures === undefined) return true;
  const { logged_out: _out, ...on } = figures.agentsByState;
  return Object.values(on).some((n) => n > 0);
}

export interface Freshness {
  /**
   * What a screen says about its figures: `connecting` (nothing yet), `live`, `stale` (the
   * link is up or being reopened, but nothing has arrived for STALE_AFTER_MS) or `down`.
   */
  kind: 'connecting' | 'live' | 'stale' | 'down';
  /** The figures on screen are not live and must say since when (`lastDataAt`). */
  stale: boolean;
  /** Local clock time of the last data received; null before any. */
  lastDataAt: number | null;
}

export function freshnessOf(input: StaleInput): Freshness {
  const stale = isStale(input);
  const kind = input.connection === 'down' ? 'down' : stale ? 'stale' : input.connection;
  return { kind, stale, lastDataAt: input.lastDataAt };
}

/** The freshness now, read outside React (the ticker, the TV's relink check). */
export function currentFreshness(now: number = Date.now()): Freshness {
  const { connection, floor } = useFloorStore.getState();
  return freshnessOf({ connection: connection.kind, lastDataAt, now, active: isStaffed(floor?.floor) });
}
