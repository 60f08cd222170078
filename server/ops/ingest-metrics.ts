/** Counts every ingest batch into the metrics, per feed (see IngestObserver). */
import type { IngestObserver } from '../ingest/ingest-service.js';
import type { Metrics } from './metrics.js';

export function ingestMetrics(metrics: Metrics): IngestObserver {
  return {
    batch(feed, received, result) {
      const labels = { feed };
      metrics.ingestReceived.inc(labels, received);
      if (result === undefined) {
        metrics.ingestFailedBatches.inc(labels);
        return;
      }
      metrics.ingestAccepted.inc(labels, result.accepted);
      metrics.ingestDuplicates.inc(labels, result.duplicates);
      metrics.ingestRejected.inc(labels, result.rejected);
    },
  };
}
