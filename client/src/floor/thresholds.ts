/**
 * Warning and critical levels for the queue figures, with hysteresis so a tile does not
 * flicker between colours while a figure hovers around a threshold.
 *
 * A level RISES as soon as the value reaches its threshold, and FALLS BACK only once the
 * value is `margin` past it on the good side. Example (longest wait, warning 20 s, margin
 * 3 s): 19 s normal, 20 s warning, 18 s still warning, 16 s normal again.
 *
 * Defaults (documented; the centre's policy may tighten them):
 * - service level (fraction 0..1, lower is worse): warning below 80 %, critical below 60 %,
 *   margin 2 points;
 * - longest wait (seconds, higher is worse): warning from 20 s, critical from 60 s, margin 3 s;
 * - calls waiting (higher is worse): warning from 5, critical from 10, margin 2 (a warning
 *   at 5 waiting clears at 3, so 4-5-4-5 does not flicker);
 * - abandon rate (fraction, higher is worse): warning from 5 %, critical from 10 %, margin 1 point;
 * - ASA (seconds, higher is worse): warning from 15 s, critical from 30 s, margin 2 s.
 */

export type Level = 'normal' | 'warning' | 'critical';

export interface ThresholdSpec {
  /** `above`: higher values are worse (waits); `below`: lower values are worse (service level). */
  worse: 'above' | 'below';
  warning: number;
  critical: number;
  /** How far back past a threshold the value must go before the level falls. */
  margin: number;
}

export const THRESHOLDS = {
  serviceLevel: { worse: 'below', warning: 0.8, critical: 0.6, margin: 0.02 },
  longestWaitSeconds: { worse: 'above', warning: 20, critical: 60, margin: 3 },
  waiting: { worse: 'above', warning: 5, critical: 10, margin: 2 },
  abandonRate: { worse: 'above', warning: 0.05, critical: 0.1, margin: 0.01 },
  asaSeconds: { worse: 'above', warning: 15, critical: 30, margin: 2 },
} as const satisfies Record<string, ThresholdSpec>;

export type ThresholdName = keyof typeof THRESHOLDS;

const EPSILON = 1e-9;

const RANK: Record<Level, number> = { normal: 0, warning: 1, critical: 2 };

/** True when `value` has reached `threshold` on the bad side. */
function reached(spec: ThresholdSpec, value: number, threshold: number): boolean {
  return spec.worse === 'above' ? value >= threshold : value < threshold;
}

/** True when `value` is at least `margin` back past `threshold` on the good side. */
function clearOf(spec: ThresholdSpec, value: number, threshold: number): boolean {
  // A hair of tolerance: 0.8 + 0.02 is 0.8200000000000001 in floating point.
  return spec.worse === 'above' ? value <= threshold - spec.margin + EPSILON : value >= threshold + spec.margin - EPSILON;
}

/** The level without memory: what a value means on its own. */
export function levelOf(spec: ThresholdSpec, value: number | null): Level {
  if (value === null || Number.isNaN(value)) return 'normal';
  if (reached(spec, value, spec.critical)) return 'critical';
  if (reached(spec, value, spec.warning)) return 'warning';
  return 'normal';
}

/**
 * The level after `value`, given the level shown before. Rising is immediate; falling
 * needs the value to be clear of the current level's threshold by the margin, and then
 * falls to the highest level the value still holds. No value (null) is `normal`.
 */
export function nextLevel(spec: ThresholdSpec, previous: Level, value: number | null): Level {
  if (value === null || Number.isNaN(value)) return 'normal';
  const raw = levelOf(spec, value);
  if (RANK[raw] >= RANK[previous]) return raw;
  // Falling: stay at `previous` unless clear of its threshold by the margin.
  if (previous === 'critical' && !clearOf(spec, value, spec.critical)) return 'critical';
  if (previous !== 'normal' && RANK[raw] < RANK.warning && !clearOf(spec, value, spec.warning)) return 'warning';
  return raw;
}
