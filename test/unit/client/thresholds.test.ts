/** Queue figure levels: rise at the threshold, fall only once a margin past it. */
import { describe, expect, it } from 'vitest';
import { levelOf, nextLevel, THRESHOLDS, type Level, type ThresholdSpec } from '../../../client/src/floor/thresholds.js';

/** Feeds values in order from `normal` and returns each level shown. */
function run(spec: ThresholdSpec, values: (number | null)[]): Level[] {
  let level: Level = 'normal';
  return values.map((v) => (level = nextLevel(spec, level, v)));
}

describe('thresholds', () => {
  it('documents the defaults', () => {
    expect(THRESHOLDS.serviceLevel).toMatchObject({ worse: 'below', warning: 0.8, critical: 0.6 });
    expect(THRESHOLDS.longestWaitSeconds).toMatchObject({ worse: 'above', warning: 20, critical: 60 });
    expect(THRESHOLDS.waiting).toMatchObject({ worse: 'above', warning: 5, critical: 10 });
  });

  it('a value on its own: warning and critical at their thresholds', () => {
    const wait = THRESHOLDS.longestWaitSeconds;
    expect([19, 20, 59, 60].map((v) => levelOf(wait, v))).toEqual(['normal', 'warning', 'warning', 'critical']);
    const sl = THRESHOLDS.serviceLevel;
    expect([0.8, 0.79, 0.6, 0.59, null].map((v) => levelOf(sl, v))).toEqual(['normal', 'warning', 'warning', 'critical', 'normal']);
  });

  it('rises at once and falls only past the margin (higher is worse)', () => {
    // warning 20, margin 3: 18 keeps warning, 17 clears it.
    expect(run(THRESHOLDS.longestWaitSeconds, [19, 20, 19, 18, 17.5, 17, 20])).toEqual(
      ['normal', 'warning', 'warning', 'warning', 'warning', 'normal', 'warning'],
    );
  });

  it('does not flicker while a value hovers around a threshold', () => {
    const levels = run(THRESHOLDS.waiting, [4, 5, 4, 5, 4, 5, 4]);
    expect(levels.slice(1)).toEqual(Array(6).fill('warning'));
    expect(nextLevel(THRESHOLDS.waiting, 'warning', 3)).toBe('normal');
  });

  it('falls from critical to warning, then to normal, each past its own margin (lower is worse)', () => {
    // SL critical < 60 %, warning < 80 %, margin 2 points.
    expect(run(THRESHOLDS.serviceLevel, [0.9, 0.55, 0.61, 0.62, 0.81, 0.82])).toEqual(
      ['normal', 'critical', 'critical', 'warning', 'warning', 'normal'],
    );
  });

  it('falls straight to normal when the value drops far; no value means normal', () => {
    expect(nextLevel(THRESHOLDS.longestWaitSeconds, 'critical', 0)).toBe('normal');
    expect(nextLevel(THRESHOLDS.longestWaitSeconds, 'critical', 40)).toBe('warning');
    expect(nextLevel(THRESHOLDS.longestWaitSeconds, 'critical', 58)).toBe('critical');
    expect(nextLevel(THRESHOLDS.serviceLevel, 'critical', null)).toBe('normal');
  });

  it('is idempotent: the same value twice gives the same level', () => {
    for (const prev of ['normal', 'warning', 'critical'] as const) {
      for (const v of [0, 16, 17, 18, 20, 40, 57, 58, 60, 90]) {
        const once = nextLevel(THRESHOLDS.longestWaitSeconds, prev, v);
        expect(nextLevel(THRESHOLDS.longestWaitSeconds, once, v)).toBe(once);
      }
    }
  });
});
