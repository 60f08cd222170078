/**
 * What operations need to know about a running floor, kept up to date from the delta
 * stream the floor already sends its wallboards, so a scrape or a load balancer's probe
 * never has to build a snapshot of 50,000 agents:
 *
 * - the engine's time (every delta carries it; a quiet floor still sends a heartbeat
 *   delta every few seconds), so lag = now - engine time. A floor whose tick loop has
 *   stopped sends nothing, and its lag grows: exactly what readiness must notice;
 * - the live alerts by severity (every delta carries the floor figures);
 * - each alert as it opens (deltas carry every alert change, never merged away).
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorService } from '../floor/types.js';
import type { FloorReading, Severity } from './metrics.js';

export interface FloorTracker {
  read(now: number): FloorReading;
  stop(): void;
}

export interface FloorTrackerOptions {
  /** Called once for each alert the floor opens from now on. */
  onAlertOpened?: (alert: Alert) => void;
}

export function trackFloor(floor: Pick<FloorService, 'onDelta' | 'figures'>, options: FloorTrackerOptions = {}): FloorTracker {
  // The figures to start from, so they are right before the first delta.
  const first = floor.figures();
  let engineTime = first.at;
  // (Optional chaining: a test double of the floor may leave the figures out.)
  const none: Record<Severity, number> = { info: 0, warning: 0, critical: 0 };
  let openAlerts: Record<Severity, number> = { ...(first.floor?.openAlertsBySeverity ?? none) };

  const unsubscribe = floor.onDelta((delta) => {
    engineTime = delta.at;
    if (delta.floor) openAlerts = { ...delta.floor.openAlertsBySeverity };
    // An alert's change carries its history; a change whose last step is "opened", made when
    // it opened, is its opening (sent again later with nothing new in its history, it is not).
    for (const alert of delta.alerts) {
      if (alert.history.at(-1)?.action === 'opened' && alert.updatedAt === alert.openedAt) options.onAlertOpened?.(alert);
    }
  });

  return {
    read: (now) => ({ engineLagMs: Math.max(0, now - engineTime), openAlertsBySeverity: { ...openAlerts } }),
    stop: unsubscribe,
  };
}
