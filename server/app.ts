/**
 * The composition root (after socket.io's basic-crud-application example): given a floor
 * and a logger, build the express app, the http server and the typed socket.io server,
 * and wire every edge to the floor. It does not listen; the caller picks the port.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { FloorService } from './floor/types.js';
import { createCommandHandlers, type Auditor } from './http/command-handlers.js';
import type { Authenticator } from './access/principal.js';
import type { Role } from '../shared/access.js';
import type { AdapterCounters } from './adapters/types.js';
import { apiNotFound, jsonErrorHandler } from './http/errors.js';
import { createFloorRouter } from './http/floor-routes.js';
import { createHandoverRouter } from './handover/routes.js';
import type { HandoverService } from './handover/service.js';
import { createPointsRouter } from './points/routes.js';
import { createScheduleRouter } from './schedule/routes.js';
import type { PointsService } from './points/service.js';
import type { BatchParser } from './ingest/batch-parser.js';
import { createIngestService } from './ingest/ingest-service.js';
import { watchLoopLag } from './ingest/loop-lag.js';
import { DEFAULT_BODY_LIMIT, createIngestRouter } from './ingest/http-route.js';
import { registerIngestNamespace, type IngestNamespace } from './ingest/socket-namespace.js';
import { limitFrames } from './http/socket-frame-limit.js';
import proxyaddr from 'proxy-addr';
import { registerWallboardNamespace, type WallboardNamespace } from './wallboard/namespace.js';
import { createOpsEdge } from './ops/edge.js';
import type { Metrics } from './ops/metrics.js';
import type { Readiness } from './ops/readiness.js';
import type { TrustProxy } from './http/trust-proxy.js';
import { securityHeaders, servedOverHttps } from './http/security-headers.js';
import { noStore } from './access/http/request-context.js';
import { socketOriginCheck, type TrustProxyFn } from './http/socket-origin.js';

export interface ApplicationDeps {
  floor: FloorService;
  logger: Logger;
  /** Access control: who is asking, what they may do, the access routes, the audit log. */
  access: AccessEdge;
  /** Largest ingest body (HTTP) and socket.io message, e.g. `'32mb'` or a byte count. */
  bodyLimit?: string | number;
  /** The feeds the server runs itself, with their counters (admin page, GET /api/v1/feeds). */
  feeds?: () => Array<{ name: string; counters: AdapterCounters }>;
  /** Webhook receivers of cloud contact centres (Twilio, Amazon Connect): they check their own signatures. */
  webhooks?: Array<{ path: string; handler: RequestHandler }>;
  /** Ingest requests a feed may make per minute (default 1,200). */
  ingestPerMinute?: number;
  /**
   * express's `trust proxy` (server/http/trust-proxy.ts): the proxies in front whose
   * X-Forwarded-For gives `req.ip`, which the per-address rate limits and the audit use.
   * Default: off (the connection's own address).
   */
  trustProxy?: TrustProxy;
  /**
   * The address people use (`--public-url`). https:// turns on the HTTPS-only headers
   * (HSTS, CSP `upgrade-insecure-requests`); its origin may open sockets whatever the Host
   * header says (a reverse proxy in front). Default: none (plain HTTP, the Host's origin).
   */
  publicUrl?: string;
  /** Events waiting for the floor above which a new batch is refused with 503 (default 20,000). */
  ingestMaxPending?: number;
  /**
   * How long a batch that finds the floor busy waits for room before a 503 (default 1,000 ms;
   * 0: refused at once); also how long a parsed batch a cluster's input stream refuses as busy
   * is offered again.
   */
  ingestRoomWaitMs?: number;
  /** Where ingest bodies are parsed (server/ingest/batch-parser.ts); inline when not given. Owned by the caller. */
  ingestParser?: BatchParser;
  /** The built client: served, with an SPA fallback to its index.html, when it exists. */
  staticDir?: string;
  /** How long close() lets in-flight requests finish before cutting them. */
  shutdownGraceMs?: number;
  /** The points ledger (articles 104-105): /api/v1/points... when given. */
  points?: PointsService;
  /** The seat handover log (articles 80-82): /api/v1/handovers... when given. */
  handovers?: HandoverService;
  /** Notifications (docs/notifications.md): the admin API under /api/v1/notify and the acknowledge pages at /ack. */
  notify?: Router;
  /** The process's Prometheus metrics (server/ops), served at GET /metrics; without them the app keeps its own. */
  metrics?: Metrics;
  /** What GET /ready answers from (storage ping, lag bound); the app attaches its floor and marks shutdown. */
  readiness?: Readiness;
  /** An already listening server to answer on (server/ops/boot-server.ts hands it over); otherwise a new one. */
  httpServer?: HttpServer;
  /**
   * Cluster mode (server/cluster): called with the socket.io server before the namespaces
   * are set up (the Redis Streams adapter). Each process then sends wallboard deltas to its
   * own sockets only, from its own copy of the floor.
   */
  cluster?: { attach(io: Server): void };
}

export interface AccessEdge {
  auth: Authenticator;
  audit: Auditor;
  /** Sign-in, TV pairing, and the admin routes (accounts, displays, feed tokens, audit). */
  router: Router;
  /** Resolves the viewer of a request (401), checks its role (403), sets res.locals.viewer. */
  requireViewer: (roles: readonly Role[]) => RequestHandler;
  /** Refuses unsafe requests that carry a session cookie but not its CSRF token. */
  csrf: RequestHandler;
}

export interface Application {
  app: Express;
  httpServer: HttpServer;
  io: Server;
  close(): Promise<void>;
}

export function createApplication(deps: ApplicationDeps): Application {
  const { floor, logger, access } = deps;
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  const ops = createOpsEdge({
    floor, logger, ...(deps.metrics && { metrics: deps.metrics }), ...(deps.readiness && { readiness: deps.readiness }),
    ...(deps.feeds && { feeds: deps.feeds }),
  });
  // Busy while events wait or the event loop lags (overload): a batch waits for room, its body
  // unread, and is refused (503) if none comes in time.
  const loopLag = watchLoopLag();
  const ingest = createIngestService(floor, ops.ingestObserver, {
    ...(deps.ingestMaxPending !== undefined && { maxPendingEvents: deps.ingestMaxPending }),
    ...(deps.ingestParser && { parser: deps.ingestParser }),
    ...(deps.ingestRoomWaitMs !== undefined && { floorBusyWaitMs: deps.ingestRoomWaitMs }),
    loopLag,
  });
  const commands = createCommandHandlers(floor, access.audit, logger);

  const app = express();
  app.disable('x-powered-by');
  if (deps.trustProxy !== undefined && deps.trustProxy !== false) app.set('trust proxy', deps.trustProxy);
  // First, so every request has its id (x-request-id) and its one log line.
  app.use(ops.requestLog);
  // Security headers; no CORS headers are ever sent, so other origins cannot read the API.
  // The HTTPS-only ones only when served over https://: over plain HTTP they blank the page.
  app.use(securityHeaders({ https: servedOverHttps(deps.publicUrl) }));
  // Every API answer is someone's view of the floor (customer numbers, points, handovers,
  // who is who): no browser or proxy cache keeps one, whichever router answers, errors too.
  app.use('/api', noStore);

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // GET /metrics (Prometheus) and GET /ready (load balancers): no credentials, like /health.
  app.use(ops.router);
  // The ingest route reads its own raw body, so it goes before anything that parses one.
  app.use(createIngestRouter({
    ingest, logger, bodyLimit, auth: access.auth, ...(deps.ingestPerMinute !== undefined && { perMinute: deps.ingestPerMinute }),
    ...(deps.ingestRoomWaitMs !== undefined && { roomWaitMs: deps.ingestRoomWaitMs }),
  }));
  // Before CSRF and the JSON parsers: each webhook reads and authenticates its own body.
  for (const hook of deps.webhooks ?? []) app.post(hook.path, hook.handler);
  app.use('/api', access.csrf);
  app.use(access.router);
  app.use(createFloorRouter({ floor, commands, requireViewer: access.requireViewer, feeds: deps.feeds ?? (() => []) }));
  if (deps.points) app.use(createPointsRouter({ points: deps.points, requireViewer: access.requireViewer }));
  if (deps.handovers) app.use(createHandoverRouter({ handovers: deps.handovers, requireViewer: access.requireViewer }));
  // The plan is part of the floor, so its routes come with every floor (docs/schedules.md).
  app.use(createScheduleRouter({ floor, auth: access.auth, requireViewer: access.requireViewer, audit: access.audit, logger }));
  if (deps.notify) app.use(deps.notify);
  app.use('/api', apiNotFound);
  if (deps.staticDir !== undefined) mountClient(app, deps.staticDir, logger);
  app.use(jsonErrorHandler(logger));

  const httpServer = deps.httpServer ?? createServer(app);
  // Before socket.io attaches: it passes every request that is not its own to the listeners it finds.
  if (deps.httpServer) httpServer.on('request', app);
  const originAllowed = socketOriginCheck({
    logger, trustProxy: () => app.get('trust proxy fn') as TrustProxyFn, ...(deps.publicUrl !== undefined && { publicUrl: deps.publicUrl }),
  });
  const io = new Server(httpServer, {
    serveClient: false,
    // The default 1 MB would drop a feed's socket mid-batch; allow what HTTP allows, but
    // only on a connection a feed has authenticated on (limitFrames, below).
    maxHttpBufferSize: toBytes(bodyLimit),
    // Closed to other origins: a page elsewhere cannot open a socket with our cookies
    // (http/socket-origin.ts: this server's origin by Host, public URL or trusted proxy).
    allowRequest: (req, callback) => callback(null, originAllowed(req)),
  });
  deps.cluster?.attach(io);
  const frames = limitFrames(io, logger, toBytes(bodyLimit));

  // socket.io types of() with the main namespace's events; each namespace has its own contract.
  const stopIngest = registerIngestNamespace(io.of('/ingest') as unknown as IngestNamespace, { ingest, logger, auth: access.auth });
  // Runs once the namespace's middleware admitted the feed: its batches may be big.
  io.of('/ingest').on('connection', (socket) => frames.widen(socket.conn));
  const stopWallboard = registerWallboardNamespace(io.of('/wallboard') as unknown as WallboardNamespace, {
    floor, commands, auth: access.auth, logger, ...(deps.cluster && { localOnly: true }),
    // The client's address as express reads it for HTTP requests (its `trust proxy`).
    addressOf: (req) => proxyaddr(req, app.get('trust proxy fn') as Parameters<typeof proxyaddr>[1]),
  });
  ops.observeSockets(io);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= shutdown();
    return closing;
  };

  async function shutdown(): Promise<void> {
    // Not ready from the first moment, so a load balancer stops sending traffic here.
    ops.beginShutdown();
    loopLag.stop();
    stopWallboard();
    stopIngest();
    // Idle keep-alive connections would hold server.close() open; requests still being
    // answered (an ingest awaiting durability) get a grace period before being cut.
    httpServer.closeIdleConnections();
    const grace = setTimeout(() => httpServer.closeAllConnections(), deps.shutdownGraceMs ?? 5000);
    grace.unref();
    try {
      await io.close(); // disconnects every socket, then closes the http server
    } finally {
      clearTimeout(grace);
      ops.stop();
    }
  }

  return { app, httpServer, io, close };
}

/** Serves the built wallboard, and index.html for client-side routes (never for the API). */
function mountClient(app: Express, staticDir: string, logger: Logger): void {
  const root = path.resolve(staticDir);
  if (!existsSync(root)) {
    logger.warn({ staticDir: root }, 'client directory missing: the wallboard is not served');
    return;
  }
  app.use(express.static(root, { index: 'index.html' }));
  const index = path.join(root, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ index }, 'index.html missing: no client-side route fallback');
    return;
  }
  const spaFallback: RequestHandler = (req, res, next) => {
    const isPage = req.method === 'GET' || req.method === 'HEAD';
    if (!isPage || req.path.startsWith('/api/') || req.path.startsWith('/socket.io/')) return next();
    res.sendFile(index);
  };
  app.use(spaFallback);
}

/** `'32mb'`-style limits (the express syntax) in bytes, for socket.io's numeric option. */
export function toBytes(limit: string | number): number {
  if (typeof limit === 'number') return limit;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(limit);
  if (!match) throw new Error(`bodyLimit "${limit}" is not a size like "32mb" or a byte count`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Math.floor(Number(match[1]) * unit);
}
