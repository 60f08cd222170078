/**
 * Every ingest batch counted per feed: received, accepted, duplicate, rejected, failed
 * batches, and events that came later than the reorder window (counted, and said in the log
 * once a minute per feed).
 */
import type { Logger } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { createIngestService } from '../../../server/ingest/ingest-service.js';
import { ingestMetrics } from '../../../server/ops/ingest-metrics.js';
import { createMetrics } from '../../../server/ops/metrics.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { T0 } from '../../helpers/engine-harness.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openFloor, WINDOW } from '../../helpers/floor-harness.js';
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

  it('counts events later than the reorder window and warns once a minute per feed, saying how far behind', async () => {
    const clock = new FakeClock(T0 + 8 * 3600_000);
    const { floor } = await openFloor({ clock });
    const metrics = createMetrics();
    const warn = vi.fn();
    const ingest = createIngestService(floor, ingestMetrics(metrics, { warn } as unknown as Logger, clock.now));
    const at = (id: string, ts: number, agentId: string) => ({ id, ts, type: 'agent.login', agentId, stationId: `S-${agentId}` });
    // On time, within the window, and a PBX sending local time (UTC+8) as UTC: 8 h behind.
    const answer = await ingest.ingestBatch([
      at('now', clock.time, '1001'), at('window', clock.time - WINDOW + 1, '1002'), at('local', T0, '1003'), at('minute', clock.time - 60_000, '1004'),
    ], undefined, 'pbx one');
    expect(answer).toEqual({ accepted: 4, duplicates: 0, rejected: 0, errors: [] });
    const late = async () => parsePrometheusText(await metrics.registry.metrics()).value('floorwatch_ingest_events_late_total', { feed: 'pbx one' });
    expect(await late()).toBe(2);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toEqual({ feed: 'pbx one', late: 2, behindSeconds: 8 * 3600, batchesHeldBack: 0 });
    expect(warn.mock.calls[0][1]).toMatch(/reorder window.*clock and time zone/);
    // A resend of the same is a duplicate, not late again; another late one within the minute is counted, not said.
    await ingest.ingestBatch([at('local', T0, '1003')], undefined, 'pbx one');
    clock.advance(1000);
    await ingest.ingestBatch([at('local-2', T0 + 1000, '1005')], undefined, 'pbx one');
    expect(await late()).toBe(3);
    expect(warn).toHaveBeenCalledTimes(1);
    clock.advance(60_000);
    await ingest.ingestBatch([at('local-3', T0 + 2000, '1006')], undefined, 'pbx one');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toMatchObject({ late: 1, batchesHeldBack: 1 });
  });
});
