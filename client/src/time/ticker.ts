/**
 * One 1 s ticker for the whole page. Every ticking figure (time in state, longest wait,
 * alert age) reads it through `useServerNow`, the clocks through `useServerClock`, so the
 * page wakes once a second and only the small components that show a time re-render, not
 * the tiles around them.
 *
 * It also keeps the screen's freshness (store/freshness.ts: live, or stale since the last
 * data) up to date, for `useFreshness`: re-checked every tick and on every change of the
 * link or new data, and handed out as one object that changes only when the answer does,
 * so a frame (the floor page's shell) can follow it without re-rendering every second.
 *
 * While the figures are stale (the link is down, or up and silent), the ticking figures
 * stop at the time of the last data received, and the board is greyed with "no data since
 * HH:MM:SS" above it. A supervisor reads a wait of 0:29 as "someone has waited 29 s now":
 * counting on locally past the last data would show waits and states the floor may no
 * longer have (the call answered, the agent back) and raise warnings nobody can act on.
 * Stopped, every figure is "as of" the time the banner names, and they all move again
 * together with the next data. The clocks never stop.
 */
import { useSyncExternalStore } from 'react';
import { currentFreshness, onFloorData, type Freshness } from '../store/freshness.js';
import { useFloorStore } from '../store/floor-store.js';

const listeners = new Set<() => void>();
let current = Date.now();
let freshness: Freshness = currentFreshness(current);
/** `current`, or while the figures are stale the local time of the last data received. */
let figuresAt = current;
let frozen = false;
let timer: ReturnType<typeof setTimeout> | undefined;

/**
 * Re-reads the freshness at `now`; true when the answer or the figures' time changed. On a
 * tick the figures' time moves with the clock; between ticks it only stops or starts.
 */
function recheck(now: number, tick: boolean): boolean {
  const next = currentFreshness(now);
  const changed = next.kind !== freshness.kind || next.stale !== freshness.stale
    || (next.lastDataAt === null) !== (freshness.lastDataAt === null)
    // While live, new data is no news: only a stale screen shows when it last had some.
    || (next.stale && next.lastDataAt !== freshness.lastDataAt);
  if (changed) freshness = next;
  const before = figuresAt;
  const stopped = freshness.stale && freshness.lastDataAt !== null;
  if (stopped) figuresAt = freshness.lastDataAt!;
  else if (tick || frozen) figuresAt = now;
  frozen = stopped;
  return changed || figuresAt !== before;
}

function notify(): void {
  for (const listener of listeners) listener();
}

function refresh(): void {
  current = Date.now();
  recheck(current, true);
  notify();
}

function schedule(): void {
  // Aligned to the server's next whole second (a few ms past it, never just before), so
  // every timer on the wall flips together and in step with the server's clock.
  const serverNow = Date.now() + useFloorStore.getState().clockOffsetMs;
  timer = setTimeout(() => {
    refresh();
    schedule();
  }, 1000 - (((serverNow % 1000) + 1000) % 1000) + 5);
}

// A new offset paired with a `current` sampled before it would show the server's time up
// to a second behind (08:59:59 for a snapshot taken at 09:00:00): resample with it.
useFloorStore.subscribe((state, previous) => {
  if (state.clockOffsetMs !== previous.clockOffsetMs) refresh();
  else if (state.connection !== previous.connection) changedNow();
});

// Stopped figures move again with the first new data (not up to a second later, the new
// data against the old time), and the link's state shows at once.
onFloorData(changedNow);

function changedNow(): void {
  if (listeners.size === 0) return;
  if (recheck(Date.now(), false)) notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    current = Date.now();
    recheck(current, true);
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

const getSnapshot = (): number => current;
const getFiguresTime = (): number => figuresAt;
const getFreshness = (): Freshness => freshness;

/** The local clock, updated once a second. */
export function useLocalNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/**
 * "Now" for the ticking figures, on the server's clock (local clock + the offset learnt
 * from snapshots), once a second; stopped at the last data while the figures are stale.
 */
export function useServerNow(): number {
  const offset = useFloorStore((s) => s.clockOffsetMs);
  return useSyncExternalStore(subscribe, getFiguresTime) + offset;
}

/** The server's clock, once a second, for a clock on screen: it never stops. */
export function useServerClock(): number {
  const offset = useFloorStore((s) => s.clockOffsetMs);
  return useLocalNow() + offset;
}

/**
 * Whether the figures on screen are live (store/freshness.ts). Re-renders only when the
 * answer changes; `lastDataAt` is kept current while stale (the time a screen then shows).
 */
export function useFreshness(): Freshness {
  return useSyncExternalStore(subscribe, getFreshness);
}
