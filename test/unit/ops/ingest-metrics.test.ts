/** Every ingest batch counted per feed: received, accepted, duplicate, rejected, and failed batches. */
import { describe, expect, it } from 'vitest';
import { createIngestService } from '../../../server/ingest/ingest-service.js';
import { ingestMetrics } from '../../../server/ops/ingest-metrics.js';
import { createMetrics } from '../../../server/ops/metrics.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { T0 } from '../../helpers/engine-harness.js';
import { openFloor } from '../../helpers/floor-harness.js';
import { parsePrometheusText } from './prometheus-text.js';

const login = (id: string, agentId = '1001') => ({ id, ts: T0, type: 'agent.login', agentId, stationId: 'S-1' });

async function counts(metrics: ReturnType<typeof createMetrics>, feed: string) {
  const exposition = parsePrometheusText(await metrics.registry.metrics());
  const value = (name: string) => exposition.value(`floorwatch_ingest_${name}`, { feed }) ?? 0;
  return {
    received: value('events_received_total'), accepted: value('events_accepted_total'),
    duplicates: value('events_duplicate_total'), rejected: value('events_rejected_total'), failed: value('batches_failed_total'),
  };
}

describe('ingestMetrics', () => {
  it('counts what became of each batch, per feed, without changing the answer', async () => {
    const { floor } = await openFloor();
    const metrics = createMetrics();
    const ingest = createIngestService(floor, ingestMetrics(metrics));
    const first = await ingest.ingestBatch([login('e1'), login('e2', '1002'), { id: 'bad', type: 'agent.login' }], undefined, 'pbx one');
    expect(first).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1 });
    const ndjson = `${JSON.stringify(login('e2', '1002'))}\n${JSON.stringify(login('e3', '1003'))}\n`;
    await ingest.ingestBatch(ndjson, 'application/x-ndjson', 'pbx one');
    await ingest.ingestBatch([login('x1', '2001')], undefined, 'pbx two');
    expect(await counts(metrics, 'pbx one')).toEqual({ received: 5, accepted: 3, duplicates: 1, rejected: 1, failed: 0 });
    expect(await counts(metrics, 'pbx two')).toEqual({ received: 1, accepted: 1, duplicates: 0, rejected: 0, failed: 0 });
  });

  it('counts a batch the floor could not store as failed, and still lets the error reach the sender', async () => {
    const storage = createMemoryStorage();
    const { floor } = await openFloor({ storage });
    const metrics = createMetrics();
    const ingest = createIngestService(floor, ingestMetrics(metrics));
    await storage.close();
    await expect(ingest.ingestBatch([login('e1')], undefined, 'pbx one')).rejects.toThrow(/closed/);
    expect(await counts(metrics, 'pbx one')).toEqual({ received: 1, accepted: 0, duplicates: 0, rejected: 0, failed: 1 });
  });

  it('never lets a failing observer cost the sender its answer', async () => {
    const { floor } = await openFloor();
    const ingest = createIngestService(floor, { batch: () => { throw new Error('metrics broke'); } });
    await expect(ingest.ingestBatch([login('e1')])).resolves.toMatchObject({ accepted: 1 });
  });
});
