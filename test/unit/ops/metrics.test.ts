/** The metrics registry: its own per process, valid Prometheus text, state read on scrape. */
import { describe, expect, it } from 'vitest';
import { countDelivery, countFailover, setLeaseOwned } from '../../../server/ops/hooks.js';
import { createMetrics, type FloorReading } from '../../../server/ops/metrics.js';
import { emptyCounters } from '../../../server/adapters/types.js';
import { parsePrometheusText } from './prometheus-text.js';

const scrape = async (metrics: ReturnType<typeof createMetrics>) => parsePrometheusText(await metrics.registry.metrics());

describe('createMetrics', () => {
  it('exposes every floorwatch_* family as valid Prometheus text, even before anything happened', async () => {
    const exposition = await scrape(createMetrics());
    expect([...exposition.types].filter(([name]) => name.startsWith('floorwatch_')).sort()).toEqual([
      ['floorwatch_alerts_open', 'gauge'],
      ['floorwatch_alerts_opened_total', 'counter'],
      ['floorwatch_engine_lag_seconds', 'gauge'],
      ['floorwatch_feed_connected', 'gauge'],
      ['floorwatch_feed_records_total', 'counter'],
      ['floorwatch_http_request_duration_seconds', 'histogram'],
      ['floorwatch_ingest_batches_failed_total', 'counter'],
      ['floorwatch_ingest_events_accepted_total', 'counter'],
      ['floorwatch_ingest_events_duplicate_total', 'counter'],
      ['floorwatch_ingest_events_late_total', 'counter'],
      ['floorwatch_ingest_events_received_total', 'counter'],
      ['floorwatch_ingest_events_rejected_total', 'counter'],
      ['floorwatch_lease_failovers_total', 'counter'],
      ['floorwatch_lease_owned', 'gauge'],
      ['floorwatch_notification_deliveries_total', 'counter'],
      ['floorwatch_sockets', 'gauge'],
    ]);
    // Without processMetrics, nothing else.
    expect([...exposition.types.keys()].every((name) => name.startsWith('floorwatch_'))).toBe(true);
  });

  it('gives each call a registry of its own: two servers in one process never mix counts', async () => {
    const [a, b] = [createMetrics(), createMetrics()];
    a.ingestAccepted.inc({ feed: 'pbx1' }, 5);
    expect((await scrape(a)).value('floorwatch_ingest_events_accepted_total', { feed: 'pbx1' })).toBe(5);
    expect((await scrape(b)).value('floorwatch_ingest_events_accepted_total', { feed: 'pbx1' })).toBeUndefined();
  });

  it('adds the standard process metrics when asked, under their usual names', async () => {
    const exposition = await scrape(createMetrics({ processMetrics: true }));
    expect(exposition.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(exposition.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it('reads the floor on each scrape, and stops when detached', async () => {
    const metrics = createMetrics();
    let reading: FloorReading = { engineLagMs: 2_500, openAlertsBySeverity: { info: 0, warning: 3, critical: 1 } };
    const detach = metrics.observeFloor('default', () => reading);
    let exposition = await scrape(metrics);
    expect(exposition.value('floorwatch_engine_lag_seconds', { floor: 'default' })).toBe(2.5);
    expect(exposition.value('floorwatch_alerts_open', { floor: 'default', severity: 'warning' })).toBe(3);
    expect(exposition.value('floorwatch_alerts_open', { floor: 'default', severity: 'critical' })).toBe(1);
    expect(exposition.value('floorwatch_alerts_open', { floor: 'default', severity: 'info' })).toBe(0);

    reading = { engineLagMs: 40_000, openAlertsBySeverity: { info: 0, warning: 0, critical: 0 } };
    exposition = await scrape(metrics);
    expect(exposition.value('floorwatch_engine_lag_seconds', { floor: 'default' })).toBe(40);
    expect(exposition.value('floorwatch_alerts_open', { floor: 'default', severity: 'warning' })).toBe(0);

    detach();
    expect((await scrape(metrics)).value('floorwatch_engine_lag_seconds', { floor: 'default' })).toBeUndefined();
  });

  it('counts sockets by namespace and role from every source, and forgets roles that left', async () => {
    const metrics = createMetrics();
    let wallboard = [{ namespace: '/wallboard', role: 'lead', count: 2 }, { namespace: '/wallboard', role: 'display', count: 1 }];
    metrics.observeSockets(() => wallboard);
    metrics.observeSockets(() => [{ namespace: '/wallboard', role: 'lead', count: 1 }]);
    let exposition = await scrape(metrics);
    expect(exposition.value('floorwatch_sockets', { namespace: '/wallboard', role: 'lead' })).toBe(3);
    expect(exposition.value('floorwatch_sockets', { namespace: '/wallboard', role: 'display' })).toBe(1);
    wallboard = [];
    exposition = await scrape(metrics);
    expect(exposition.value('floorwatch_sockets', { namespace: '/wallboard', role: 'lead' })).toBe(1);
    expect(exposition.value('floorwatch_sockets', { namespace: '/wallboard', role: 'display' })).toBeUndefined();
  });

  it("mirrors the server's own feeds' counters, with label values escaped", async () => {
    const metrics = createMetrics();
    const counters = { ...emptyCounters(), read: 10, mapped: 7, ignored: 2, failed: 1, connected: false };
    metrics.observeFeeds(() => [{ name: 'asterisk-ami "pbx1"\\5038', counters }]);
    const exposition = await scrape(metrics);
    const feed = 'asterisk-ami "pbx1"\\5038';
    expect(exposition.value('floorwatch_feed_records_total', { feed, outcome: 'read' })).toBe(10);
    expect(exposition.value('floorwatch_feed_records_total', { feed, outcome: 'failed' })).toBe(1);
    expect(exposition.value('floorwatch_feed_connected', { feed })).toBe(0);
  });

  it('counts deliveries, lease ownership and failovers through the hooks, and ignores them without metrics', async () => {
    const metrics = createMetrics();
    countDelivery(metrics, 'wecom', 'sent');
    countDelivery(metrics, 'wecom', 'sent');
    countDelivery(metrics, 'smtp', 'dead');
    setLeaseOwned(metrics, 'site-a', true);
    setLeaseOwned(metrics, 'site-b', false);
    countFailover(metrics, 'site-a');
    const exposition = await scrape(metrics);
    expect(exposition.value('floorwatch_notification_deliveries_total', { channel: 'wecom', outcome: 'sent' })).toBe(2);
    expect(exposition.value('floorwatch_notification_deliveries_total', { channel: 'smtp', outcome: 'dead' })).toBe(1);
    expect(exposition.value('floorwatch_lease_owned', { floor: 'site-a' })).toBe(1);
    expect(exposition.value('floorwatch_lease_owned', { floor: 'site-b' })).toBe(0);
    expect(exposition.value('floorwatch_lease_failovers_total', { floor: 'site-a' })).toBe(1);
    expect(() => {
      countDelivery(undefined, 'wecom', 'sent');
      setLeaseOwned(undefined, 'x', true);
      countFailover(undefined, 'x');
    }).not.toThrow();
  });
});

describe('parsePrometheusText (the test reader itself)', () => {
  it('refuses what Prometheus would refuse', () => {
    expect(() => parsePrometheusText('# TYPE a counter\na{b="c} 1\n')).toThrow(/not a sample/);
    expect(() => parsePrometheusText('undeclared 1\n')).toThrow(/undeclared family/);
    expect(() => parsePrometheusText('# TYPE a counter\na one\n')).toThrow(/bad value/);
    expect(() => parsePrometheusText('# TYPE a thing\n')).toThrow(/bad TYPE/);
    expect(parsePrometheusText('# HELP a_total x\n# TYPE a_total counter\na_total{b="q\\"x"} 2\n').value('a_total', { b: 'q"x' })).toBe(2);
  });
});
