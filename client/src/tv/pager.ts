/** The TV's page rotation: which page is on, moving on every `paceMs`. */
import { useEffect, useState } from 'react';

export const DEFAULT_PACE_SECONDS = 15;
const MIN_PACE_SECONDS = 3;
const MAX_PACE_SECONDS = 3600;

/** `?pace=15` in seconds; anything unusable falls back to the default. */
export function parsePace(param: string | null): number {
  const n = param === null ? NaN : Number(param);
  if (!Number.isFinite(n) || n <= 0) return DEFAULT_PACE_SECONDS;
  return Math.min(MAX_PACE_SECONDS, Math.max(MIN_PACE_SECONDS, n));
}

/**
 * The index of the page on screen, 0..count-1. The timer does not restart when the
 * number of pages changes (an agent logging in may add one): the wall keeps its pace.
 */
export function usePager(count: number, paceMs: number, start = 0): number {
  const [step, setStep] = useState(start);
  useEffect(() => {
    const timer = setInterval(() => setStep((s) => s + 1), paceMs);
    return () => clearInterval(timer);
  }, [paceMs]);
  return count <= 0 ? 0 : step % count;
}

/** Splits `items` into pages of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Splits `items` into as few pages of at most `max` as `chunk` does, as evenly as they go (7 by 6: 4 + 3). */
export function evenChunk<T>(items: readonly T[], max: number): T[][] {
  const pages = Math.ceil(items.length / max);
  return pages <= 1 ? chunk(items, max) : chunk(items, Math.ceil(items.length / pages));
}
