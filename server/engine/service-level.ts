/**
 * Service level, the way the centre chooses to count it (rules file, `serviceLevel`).
 * With A answered, A_T answered within the threshold T, B abandoned after the short-abandon
 * limit (quicker abandons count nowhere) and B_T of those abandoned within T:
 *
 *   abandons-against (default)     SL = A_T / (A + B)
 *   abandons-ignored               SL = A_T / A
 *   threshold-abandons-excluded    SL = A_T / (A + B - B_T)
 *   threshold-abandons-met         SL = (A_T + B_T) / (A + B)
 */
import type { ServiceLevelSpec } from '../../shared/figures.js';
import type { RulesConfig } from '../../shared/rules-config.js';

export interface SlCounts {
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedInThreshold: number;
}

export function serviceLevelSpec(config: RulesConfig['serviceLevel']): ServiceLevelSpec {
  const t = config.thresholdSeconds;
  const s = config.shortAbandonSeconds;
  const b = `abandoned after ${s} s`;
  const formula = {
    'abandons-against': `answered within ${t} s / (answered + ${b})`,
    'abandons-ignored': `answered within ${t} s / answered`,
    'threshold-abandons-excluded': `answered within ${t} s / (answered + ${b} but after ${t} s)`,
    'threshold-abandons-met': `(answered within ${t} s + ${b} but within ${t} s) / (answered + ${b})`,
  }[config.mode];
  return { mode: config.mode, thresholdSeconds: t, shortAbandonSeconds: s, formula };
}

export function serviceLevel(c: SlCounts, mode: ServiceLevelSpec['mode']): number | null {
  const b = c.abandoned - c.shortAbandoned;
  const [num, den] = {
    'abandons-against': [c.answeredInThreshold, c.answered + b],
    'abandons-ignored': [c.answeredInThreshold, c.answered],
    'threshold-abandons-excluded': [c.answeredInThreshold, c.answered + b - c.abandonedInThreshold],
    'threshold-abandons-met': [c.answeredInThreshold + c.abandonedInThreshold, c.answered + b],
  }[mode];
  return den > 0 ? num / den : null;
}
