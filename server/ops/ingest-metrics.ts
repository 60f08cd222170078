/**
 * Counts every ingest batch into the metrics, per feed (see IngestObserver), and says in
 * the log when a feed's events arrive later than the reorder window: they are applied at
 * their arrival, not their own time, so a call that rang 30 s is judged as answered at once.
 * Usually a clock or time-zone mistake (a PBX sending local time as UTC) or a forwarder
 * that batches for longer than the window.
 */
import type { Logger } from 'pino';
import type { IngestObserver } from '../ingest/ingest-service.js';
import { createLogThrottle } from './log-throttle.js';
import type { Metrics } from './metrics.js';

/** One warning a minute per feed is enough to be seen, and never floods the log. */
const LATE_WARNING_EVERY_MS = 60_000;

export function ingestMetrics(metrics: Metrics, logger?: Logger, now: () => number = Date.now): IngestObserver {
  const throttle = createLogThrottle({ everyMs: LATE_WARNING_EVERY_MS, now });
  return {
    batch(feed, received, result, late) {
      const labels = { feed };
      metrics.ingestReceived.inc(labels, received);
      if (result === undefined) {
        metrics.ingestFailedBatches.inc(labels);
        return;
      }
      metrics.ingestAccepted.inc(labels, result.accepted);
      metrics.ingestDuplicates.inc(labels, result.duplicates);
      metrics.ingestRejected.inc(labels, result.rejected);
      if (late === undefined) return;
      metrics.ingestLate.inc(labels, late.count);
      const pass = throttle.pass(feed);
      if (pass === undefined) return;
      logger?.warn(
        { feed, late: late.count, behindSeconds: Math.round(late.behindMs / 1000), batchesHeldBack: pass.heldBack },
        'events arrived later than the reorder window and were applied at their arrival, not their own time: unless this feed is late by design (contact records that end calls minutes later), check its clock and time zone, or widen --reorder-window for a feed that batches',
      );
    },
  };
}
