/** Small statistics for latency samples and memory series. */

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Least-squares slope of y over x (units of y per unit of x). */
export function slope(points: ReadonlyArray<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return 0;
  let sx = 0; let sy = 0; let sxx = 0; let sxy = 0;
  for (const { x, y } of points) {
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const d = n * sxx - sx * sx;
  return d === 0 ? 0 : (n * sxy - sx * sy) / d;
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The lowest y in each window of `width` along x, placed at that sample's x. Resident memory
 * rises for a while whenever a snapshot thread holds its copy of the floor; the lowest
 * reading of each window is the memory between those, so its trend is the one a leak shows.
 */
export function lowerEnvelope(points: ReadonlyArray<{ x: number; y: number }>, width: number): Array<{ x: number; y: number }> {
  const windows = new Map<number, { x: number; y: number }>();
  for (const p of points) {
    if (Number.isNaN(p.y)) continue;
    const key = Math.floor(p.x / width);
    const low = windows.get(key);
    if (low === undefined || p.y < low.y) windows.set(key, p);
  }
  return [...windows.entries()].sort(([a], [b]) => a - b).map(([, p]) => p);
}
