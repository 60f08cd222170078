/**
 * The thin functions other parts call to count what only they see. Each takes the
 * process's Metrics (or undefined, when metrics are off: then it does nothing), so a
 * caller needs no `if` and no knowledge of metric names.
 */
import type { Metrics } from './metrics.js';

/** A notification delivery attempt ended: `sent`, `failed` (will retry) or `dead` (gave up). */
export function countDelivery(metrics: Metrics | undefined, channel: string, outcome: 'sent' | 'failed' | 'dead'): void {
  metrics?.deliveries.inc({ channel, outcome });
}

/** This process took (true) or lost/handed over (false) the lease on a floor's engine. */
export function setLeaseOwned(metrics: Metrics | undefined, floor: string, owned: boolean): void {
  metrics?.leaseOwned.set({ floor }, owned ? 1 : 0);
}

/** This process took over a floor whose owner stopped renewing its lease. */
export function countFailover(metrics: Metrics | undefined, floor: string): void {
  metrics?.leaseFailovers.inc({ floor });
}
