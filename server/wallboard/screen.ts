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
