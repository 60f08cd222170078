/**
 * The listener of a server that is still starting. Rebuilding a big floor from its
 * snapshot and log can take a while; meanwhile the process is alive but not ready, and
 * it should say exactly that: /health 200 (so an orchestrator does not kill it for being
 * slow), /ready 503 "floor not rebuilt yet" (so no traffic comes yet), /metrics as usual,
 * and 503 with Retry-After for everything else.
 *
 * When the application is built, handOver() gives it the same listening server: the port
 * never closes, so there is no gap in which a probe is refused.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';
import { requestLog } from './request-log.js';
import { createOpsRouter } from './routes.js';
import { problem } from '../../shared/problems.js';

export interface BootServer {
  server: HttpServer;
  /** Stops answering as the boot server and returns the listening server for the application. */
  handOver(): HttpServer;
  /** For a start that failed before the hand-over. */
  close(): Promise<void>;
}

/** A listen failure in the installer's terms: which address, and what to do about it. */
function listenProblem(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  if (err.code === 'EADDRINUSE') return new Error(`${where} is in use (another Floorwatch, or another program, listens there): stop it, or choose another --port`);
  if (err.code === 'EACCES') return new Error(`not allowed to listen on ${where} (ports below 1024 need privileges): choose a --port of 1024 or above, behind a proxy for 80/443`);
  if (err.code === 'EADDRNOTAVAIL') return new Error(`${host} is not an address of this machine: choose another --host (0.0.0.0 for all, 127.0.0.1 for this machine only)`);
  return err;
}

export async function listenWhileBooting(options: {
  port: number;
  host: string;
  metrics: Metrics;
  readiness: Readiness;
  logger: Logger;
}): Promise<BootServer> {
  const boot = express();
  boot.disable('x-powered-by');
  boot.use(requestLog(options.logger, { metrics: options.metrics }));
  boot.get('/health', (_req, res) => {
    res.json({ ok: true });
  });
  boot.use(createOpsRouter({ metrics: options.metrics, readiness: options.readiness }));
  boot.use((_req, res) => {
    res.status(503).set('retry-after', '5').json(problem('starting'));
  });

  const server = createServer(boot);
  await new Promise<void>((resolve, reject) => {
    const fail = (err: NodeJS.ErrnoException): void => reject(listenProblem(err, options.host, options.port));
    server.once('error', fail);
    server.listen(options.port, options.host, () => {
      server.off('error', fail);
      resolve();
    });
  });
  return {
    server,
    handOver() {
      server.off('request', boot);
      return server;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
