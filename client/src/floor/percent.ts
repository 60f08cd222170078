/**
 * A share on the wallboard as a whole percent, rounded down: 99.4% is 99, never 100 beside
 * someone off schedule or a failed check; 100 only when it is 100. (A hair under a whole
 * number, a float's noise from `part / whole * 100`, counts as that number.)
 */
export function wholePercentValue(percent: number): number {
  return Math.floor(percent + 1e-9);
}

/** The same, written: "99%". */
export function wholePercent(percent: number): string {
  return `${wholePercentValue(percent)}%`;
}
