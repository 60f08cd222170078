/**
 * The centre's time zone (the rules file's `timezone`) for pages that have no floor link
 * to learn it from: asked once of `GET /api/v1/rules` and remembered for the page's life.
 * Until it is known (or if it cannot be asked), times are written in the browser's zone.
 *
 * It is also kept in localStorage, so a page opened later writes its first times in the
 * centre's zone at once: the admin tables format dates outside any hook
 * (time/format.ts formatDateTime), and would otherwise show the browser's zone until
 * something made them render again. The answer of each page's life replaces it (a rules
 * change of zone).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { api } from '../api.js';

const STORAGE_KEY = 'floorwatch.centreZone';

interface ZoneState {
  /** The zone, from the server or (until it answers) from the last page that asked. */
  tz: string | undefined;
  /** The server has answered on this page, or could not be asked: no point waiting longer. */
  settled: boolean;
}

function remembered(): string | undefined {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return saved !== null && saved !== undefined && saved !== '' ? saved : undefined;
  } catch {
    return undefined; // storage blocked
  }
}

function remember(tz: string | undefined): void {
  try {
    if (tz === undefined) globalThis.localStorage?.removeItem(STORAGE_KEY);
    else globalThis.localStorage?.setItem(STORAGE_KEY, tz);
  } catch {
    // not remembered: asked again on the next page
  }
}

const useZone = create<ZoneState>(() => ({ tz: remembered(), settled: false }));
let asking: Promise<void> | undefined;
let answered = false;
let everAsked = false;

/** Asks the server once per page life; a failure is asked again by the next page that needs it. */
function ask(): void {
  if (answered) return;
  everAsked = true;
  asking ??= api.get<{ timezone?: unknown }>('/api/v1/rules').then(
    (rules) => {
      const tz = typeof rules.timezone === 'string' && rules.timezone !== '' ? rules.timezone : undefined;
      answered = true;
      remember(tz);
      useZone.setState({ tz, settled: true });
    },
    () => {
      asking = undefined;
      useZone.setState({ settled: true });
    },
  );
}

/** The zone; the component renders again when the server's answer comes in. */
export function useCentreZone(): string | undefined {
  useEffect(ask, []);
  return useZone((s) => s.tz);
}

/** True once the server answered (or could not): a page that must not guess may wait for it. */
export function useCentreZoneSettled(): boolean {
  useEffect(ask, []);
  return useZone((s) => s.settled);
}

/**
 * The zone as known now, outside a component (formatters). Asks the server in the
 * background the first time only: a formatter runs on every render of every row, and must
 * not ask again after each failure (a page whose hooks ask does that).
 */
export function centreZone(): string | undefined {
  if (!everAsked) ask();
  return useZone.getState().tz;
}

/** Forgets the zone (tests). */
export function forgetCentreZone(): void {
  asking = undefined;
  answered = false;
  everAsked = false;
  remember(undefined);
  useZone.setState({ tz: undefined, settled: false });
}
