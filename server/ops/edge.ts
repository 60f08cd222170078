/**
 * The operations edge of one application (server/app.ts): the request log, /metrics and
 * /ready, the floor and its sockets counted into the metrics, and the readiness that
 * goes false the moment shutdown starts. Everything app.ts needs in one object, so the
 * composition root stays a list of mounts.
 */
import type { RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Server } from 'socket.io';
import type { FloorService } from '../floor/types.js';
import type { IngestObserver } from '../ingest/ingest-service.js';
import { trackFloor } from './floor-tracker.js';
import { ingestMetrics } from './ingest-metrics.js';
import { createMetrics, type FeedReading, type Metrics } from './metrics.js';
import { createReadiness, type Readiness } from './readiness.js';
import { requestLog } from './request-log.js';
import { createOpsRouter } from './routes.js';
import { countSockets } from './socket-census.js';

/** The one floor a single-process server runs. (A cluster names its floors by site.) */
export const DEFAULT_FLOOR = 'default';

export interface OpsEdgeDeps {
  floor: FloorService;
  logger: Logger;
  /** The process's metrics; without them the application keeps a registry of its own. */
  metrics?: Metrics;
  /** Without one, readiness checks the floor and shutdown only (no storage ping). */
  readiness?: Readiness;
  feeds?: () => FeedReading[];
  now?: () => number;
}

export interface OpsEdge {
  metrics: Metrics;
  readiness: Readiness;
  /** First middleware: request id, one log line per request, the latency histogram. */
  requestLog: RequestHandler;
  /** GET /metrics and GET /ready. */
  router: Router;
  ingestObserver: IngestObserver;
  /** Counts the sockets of this socket.io server on each scrape. */
  observeSockets(io: Server): void;
  /** Not ready from now on (the start of close()). */
  beginShutdown(): void;
  /** Detaches from the floor, the sockets and the feeds. */
  stop(): void;
}

export function createOpsEdge(deps: OpsEdgeDeps): OpsEdge {
  const now = deps.now ?? Date.now;
  const metrics = deps.metrics ?? createMetrics();
  const readiness = deps.readiness ?? createReadiness({ now, logger: deps.logger });
  const tracker = trackFloor(deps.floor, {
    onAlertOpened: (alert) => metrics.alertsOpened.inc({ floor: DEFAULT_FLOOR, rule: alert.rule }),
  });
  const stops = [
    tracker.stop,
    metrics.observeFloor(DEFAULT_FLOOR, () => tracker.read(now())),
    readiness.attachFloor(DEFAULT_FLOOR, tracker),
    ...(deps.feeds ? [metrics.observeFeeds(deps.feeds)] : []),
  ];
  return {
    metrics,
    readiness,
    requestLog: requestLog(deps.logger, { metrics }),
    router: createOpsRouter({ metrics, readiness }),
    ingestObserver: ingestMetrics(metrics, deps.logger),
    observeSockets(io) {
      stops.push(metrics.observeSockets(() => countSockets(io)));
    },
    beginShutdown: () => readiness.beginShutdown(),
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
