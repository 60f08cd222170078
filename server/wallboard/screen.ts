/**
 * What a screen is sent, from what the floor holds: alerts as summaries and the
 * floor-wide compliance only (shared/wallboard.ts, ScreenSnapshot). Applied after the
 * audience's cut, so what a role may see is decided in one place (access/audience.ts).
 */
import { alertSummary } from '../../shared/alerts.js';
import type { FloorDelta, FloorSnapshot, ScreenDelta, ScreenSnapshot } from '../../shared/wallboard.js';

export function screenSnapshot(s: FloorSnapshot): ScreenSnapshot {
  return { ...s, alerts: s.alerts.map(alertSummary), compliance: s.compliance.floor };
}

export function screenDelta(d: FloorDelta): ScreenDelta {
  return d.alerts.length === 0 ? { ...d, alerts: [] } : { ...d, alerts: d.alerts.map(alertSummary) };
}

/** Items of each list encoded to estimate the whole list's size. */
const SAMPLE = 16;

/**
 * About how many bytes a screen snapshot is as JSON, without encoding it (megabytes on a
 * big floor): a few agents and alerts are encoded and the lists' sizes taken from their
 * mean, the rest counted whole. Backpressure weighs a slow screen's backlog against it.
 */
export function screenSnapshotBytes(s: ScreenSnapshot): number {
  // The rest encoded with both lists empty (`[]`, two bytes each), then the lists' estimates instead.
  return JSON.stringify({ ...s, agents: [], alerts: [] }).length - 4 + sampled(s.agents) + sampled(s.alerts);
}

/** About how many bytes a screen delta is as JSON (see screenSnapshotBytes). */
export function screenDeltaBytes(d: ScreenDelta): number {
  return JSON.stringify({ ...d, agents: [], alerts: [] }).length - 4 + sampled(d.agents) + sampled(d.alerts);
}

/** A list's size as JSON: its brackets, its items and the commas between them. */
function sampled(items: readonly unknown[]): number {
  if (items.length === 0) return 2;
  const step = Math.max(1, Math.floor(items.length / SAMPLE));
  let bytes = 0;
  let n = 0;
  for (let i = 0; i < items.length; i += step, n += 1) bytes += JSON.stringify(items[i]).length + 1;
  return Math.round((bytes / n) * items.length) + 1; // n items with n commas, less one, plus two brackets
}
