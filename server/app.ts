/**
 * The composition root (after socket.io's basic-crud-application example): given a floor
 * and a logger, build the express app, the http server and the typed socket.io server,
 * and wire every edge to the floor. It does not listen; the caller picks the port.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import type { FloorService } from './floor/types.js';
import { createCommandHandlers, identifyLocal, type Identify } from './http/command-handlers.js';
import { apiNotFound, jsonErrorHandler } from './http/errors.js';
import { createFloorRouter } from './http/floor-routes.js';
import { createIngestService } from './ingest/ingest-service.js';
import { DEFAULT_BODY_LIMIT, createIngestRouter } from './ingest/http-route.js';
import { registerIngestNamespace, type IngestNamespace } from './ingest/socket-namespace.js';
import { registerWallboardNamespace, type WallboardNamespace } from './wallboard/namespace.js';

export interface ApplicationDeps {
  floor: FloorService;
  logger: Logger;
  /** Who gives commands; defaults to `local` until access control replaces it. */
  identify?: Identify;
  /** Largest ingest body (HTTP) and socket.io message, e.g. `'32mb'` or a byte count. */
  bodyLimit?: string | number;
  /** The built client: served, with an SPA fallback to its index.html, when it exists. */
  staticDir?: string;
  /** How long close() lets in-flight requests finish before cutting them. */
  shutdownGraceMs?: number;
}

export interface Application {
  app: Express;
  httpServer: HttpServer;
  io: Server;
  close(): Promise<void>;
}

export function createApplication(deps: ApplicationDeps): Application {
  const { floor, logger } = deps;
  const identify = deps.identify ?? identifyLocal;
  const bodyLimit = deps.bodyLimit ?? DEFAULT_BODY_LIMIT;

  const ingest = createIngestService(floor);
  const commands = createCommandHandlers(floor, logger);

  const app = express();
  app.disable('x-powered-by');

  app.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  // The ingest route reads its own raw body, so it goes before anything that parses one.
  app.use(createIngestRouter({ ingest, logger, bodyLimit }));
  app.use(createFloorRouter({ floor, commands, identify }));
  app.use('/api', apiNotFound);
  if (deps.staticDir !== undefined) mountClient(app, deps.staticDir, logger);
  app.use(jsonErrorHandler(logger));

  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    serveClient: false,
    // The default 1 MB would drop a feed's socket mid-batch; allow what HTTP allows.
    maxHttpBufferSize: toBytes(bodyLimit),
  });

  // socket.io types of() with the main namespace's events; each namespace has its own contract.
  registerIngestNamespace(io.of('/ingest') as unknown as IngestNamespace, { ingest, logger });
  const stopDeltas = registerWallboardNamespace(io.of('/wallboard') as unknown as WallboardNamespace, {
    floor, commands, identify, logger,
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= shutdown();
    return closing;
  };

  async function shutdown(): Promise<void> {
    stopDeltas();
    // Idle keep-alive connections would hold server.close() open; requests still being
    // answered (an ingest awaiting durability) get a grace period before being cut.
    httpServer.closeIdleConnections();
    const grace = setTimeout(() => httpServer.closeAllConnections(), deps.shutdownGraceMs ?? 5000);
    grace.unref();
    try {
      await io.close(); // disconnects every socket, then closes the http server
    } finally {
      clearTimeout(grace);
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
