/** Quarters as the contract names them (`2026-Q4`), stepped without a calendar. */

export function parseQuarter(q: string): { year: number; n: number } | null {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  return m === null ? null : { year: Number(m[1]), n: Number(m[2]) };
}

/** `2026-Q1` stepped by -1 is `2025-Q4`. */
export function stepQuarter(q: string, by: number): string {
  const p = parseQuarter(q);
  if (p === null) return q;
  const index = p.year * 4 + (p.n - 1) + by;
  return `${Math.floor(index / 4)}-Q${(((index % 4) + 4) % 4) + 1}`;
}

export function yearOf(q: string): number | null {
  return parseQuarter(q)?.year ?? null;
}
