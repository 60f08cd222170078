/**
 * One 1 s ticker for the whole page. Every ticking figure (time in state, longest wait,
 * alert age, the clock) reads it through `useServerNow`, so the page wakes once a second
 * and only the small components that show a time re-render, not the tiles around them.
 */
import { useSyncExternalStore } from 'react';
import { useFloorStore } from '../store/floor-store.js';

const listeners = new Set<() => void>();
let current = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function refresh(): void {
  current = Date.now();
  for (const listener of listeners) listener();
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
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    current = Date.now();
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

/** The local clock, updated once a second. */
export function useLocalNow(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** The server's clock (local clock + the offset learnt from snapshots), once a second. */
export function useServerNow(): number {
  const offset = useFloorStore((s) => s.clockOffsetMs);
  return useLocalNow() + offset;
}
