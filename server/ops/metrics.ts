/**
 * The Prometheus metrics of one Floorwatch process (prom-client), all named floorwatch_*.
 *
 * Each process makes its own Registry with createMetrics() and hands it to the parts
 * that count (no global default registry: two servers in one test process, or a test and
 * the server it starts, never share or clash). Things that are counted as they happen
 * (ingest, alerts opened, deliveries, failovers) are counters the edges increment; things
 * that are a state (engine lag, open alerts, sockets, feed counters) are read from their
 * source when Prometheus scrapes, so they cost nothing between scrapes.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AdapterCounters } from '../adapters/types.js';

export type Severity = 'info' | 'warning' | 'critical';
const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** What a floor's tracker reports on each scrape (see floor-tracker.ts). */
export interface FloorReading {
  /** Now minus the engine's time, in ms. */
  engineLagMs: number;
  openAlertsBySeverity: Record<Severity, number>;
}

export interface SocketCount {
  namespace: string;
  role: string;
  count: number;
}

export interface FeedReading {
  name: string;
  counters: AdapterCounters;
}

export interface MetricsOptions {
  /**
   * Also the standard process and Node.js metrics (process_cpu_seconds_total,
   * nodejs_eventloop_lag_seconds ...), under their usual names so stock dashboards work.
   */
  processMetrics?: boolean;
}

export interface Metrics {
  readonly registry: Registry;
  /** Per feed (the feed token's name, or the server's own feed): events in a batch, and what became of them. */
  readonly ingestReceived: Counter<'feed'>;
  readonly ingestAccepted: Counter<'feed'>;
  readonly ingestRejected: Counter<'feed'>;
  readonly ingestDuplicates: Counter<'feed'>;
  /** Batches the floor could not take (storage down): the sender was told to resend. */
  readonly ingestFailedBatches: Counter<'feed'>;
  readonly ingestLate: Counter<'feed'>;
  readonly alertsOpened: Counter<'floor' | 'rule'>;
  readonly deliveries: Counter<'channel' | 'outcome'>;
  readonly leaseOwned: Gauge<'floor'>;
  readonly leaseFailovers: Counter<'floor'>;
  readonly httpRequestSeconds: Histogram<'method' | 'route' | 'status'>;
  /** Read on scrape from `read` until the returned function is called. */
  observeFloor(floor: string, read: () => FloorReading): () => void;
  observeSockets(read: () => SocketCount[]): () => void;
  observeFeeds(read: () => FeedReading[]): () => void;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const floors = new Map<string, () => FloorReading>();
  const socketSources = new Set<() => SocketCount[]>();
  const feedSources = new Set<() => FeedReading[]>();
  const detach = <T>(set: Set<T>, item: T) => {
    set.add(item);
    return () => {
      set.delete(item);
    };
  };

  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers });

  // A reading is a few fields of memory (floor-tracker.ts): cheap to take per gauge.
  const readFloors = (): Array<[string, FloorReading]> => [...floors].map(([name, read]) => [name, read()]);

  new Gauge<'floor'>({
    name: 'floorwatch_engine_lag_seconds',
    help: "How far the floor's engine is behind the wall clock (includes the reorder window)",
    labelNames: ['floor'],
    registers,
    collect() {
      this.reset();
      for (const [floor, reading] of readFloors()) this.set({ floor }, reading.engineLagMs / 1000);
    },
  });
  new Gauge<'floor' | 'severity'>({
    name: 'floorwatch_alerts_open',
    help: 'Live (open or acknowledged) alerts by severity',
    labelNames: ['floor', 'severity'],
    registers,
    collect() {
      this.reset();
      for (const [floor, reading] of readFloors()) {
        for (const severity of SEVERITIES) this.set({ floor, severity }, reading.openAlertsBySeverity[severity] ?? 0);
      }
    },
  });
  new Gauge<'namespace' | 'role'>({
    name: 'floorwatch_sockets',
    help: 'Connected socket.io clients of this process by namespace and role',
    labelNames: ['namespace', 'role'],
    registers,
    collect() {
      this.reset();
      for (const read of socketSources) for (const { namespace, role, count } of read()) this.inc({ namespace, role }, count);
    },
  });
  new Counter<'feed' | 'outcome'>({
    name: 'floorwatch_feed_records_total',
    help: "Source records of the server's own feeds (AMI, queue_log, ESL, webhooks) by outcome",
    labelNames: ['feed', 'outcome'],
    registers,
    collect() {
      // The adapters keep the totals; the counter mirrors them at each scrape.
      this.reset();
      for (const read of feedSources) {
        for (const { name, counters } of read()) {
          for (const outcome of ['read', 'mapped', 'ignored', 'failed'] as const) this.inc({ feed: name, outcome }, counters[outcome]);
        }
      }
    },
  });
  new Gauge<'feed'>({
    name: 'floorwatch_feed_connected',
    help: 'Live feeds: 1 while connected to the phone system',
    labelNames: ['feed'],
    registers,
    collect() {
      this.reset();
      for (const read of feedSources) {
        for (const { name, counters } of read()) if (counters.connected !== undefined) this.set({ feed: name }, counters.connected ? 1 : 0);
      }
    },
  });

  if (options.processMetrics) collectDefaultMetrics({ register: registry });

  return {
    registry,
    ingestReceived: counter('floorwatch_ingest_events_received_total', 'Events received in ingest batches', ['feed']),
    ingestAccepted: counter('floorwatch_ingest_events_accepted_total', 'Events accepted and made durable', ['feed']),
    ingestRejected: counter('floorwatch_ingest_events_rejected_total', 'Events rejected (invalid, or refused by the floor)', ['feed']),
    ingestDuplicates: counter('floorwatch_ingest_events_duplicate_total', 'Events already held (a resend): counted, not applied again', ['feed']),
    ingestFailedBatches: counter('floorwatch_ingest_batches_failed_total', 'Batches the floor could not store; the sender was told to resend', ['feed']),
    ingestLate: counter('floorwatch_ingest_events_late_total', 'Events accepted later than the reorder window behind their own time: applied at their arrival', ['feed']),
    alertsOpened: counter('floorwatch_alerts_opened_total', 'Alerts opened, by rule', ['floor', 'rule']),
    deliveries: counter('floorwatch_notification_deliveries_total', 'Alert notification deliveries by channel (its id) and outcome (sent, failed = will retry, dead)', ['channel', 'outcome']),
    leaseOwned: new Gauge({ name: 'floorwatch_lease_owned', help: "1 while this process holds the floor's lease (owns its engine)", labelNames: ['floor'], registers }),
    leaseFailovers: counter('floorwatch_lease_failovers_total', "Times this process took over a floor whose owner was gone", ['floor']),
    httpRequestSeconds: new Histogram({
      name: 'floorwatch_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    observeFloor(floor, read) {
      floors.set(floor, read);
      return () => {
        if (floors.get(floor) === read) floors.delete(floor);
      };
    },
    observeSockets: (read) => detach(socketSources, read),
    observeFeeds: (read) => detach(feedSources, read),
  };
}
