/**
 * A code's parameters in the reader's words, where a parameter is itself a code: a
 * not-ready reason (`notReady: 'meal'`) is said as the floor says it. Every other value is
 * shown as it came (agent numbers, seconds, clock times).
 */
import { NOT_READY_REASONS } from '../../../shared/events.js';
import type { T, Vars } from './index.js';

const NOT_READY: ReadonlySet<string> = new Set([...NOT_READY_REASONS, 'none']);

export function paramsInWords(t: T, params: Readonly<Record<string, unknown>> | undefined): Vars {
  const vars: Vars = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    vars[name] = name === 'notReady' && NOT_READY.has(String(value)) ? t(`reason.${value}`) : value;
  }
  return vars;
}
