/**
 * `floorwatch serve`: storage, rules, the floor, the HTTP/socket.io edges and the timers,
 * put together and taken apart in order. Everything here is wiring; the behaviour lives
 * in the modules it wires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import { defaultRulesConfig, type RulesConfig } from '../shared/rules-config.js';
import { createApplication, type Application } from './app.js';
import { loadRulesFile, watchRulesFile, type RulesWatcher } from './config/rules-file.js';
import { Floor } from './floor/floor.js';
import { createIngestService, type IngestService } from './ingest/ingest-service.js';
import { createSqliteStorage } from './storage/sqlite/index.js';
import type { Storage } from './storage/types.js';

export interface ServeOptions {
  port: number;
  host: string;
  /** SQLite file; `:memory:` keeps nothing (tests). */
  db: string;
  /** YAML rules file; without one the policy defaults apply. */
  rulesFile?: string;
  reorderWindowMs: number;
  retentionDays: number;
  /** SQLite `synchronous`: NORMAL survives a process crash, FULL also a power cut. */
  durability: 'NORMAL' | 'FULL';
  /** Feed the floor from the built-in simulator (the `npm start` demo). */
  demo?: { agents: number; seed: number };
  logger?: Logger;
  /** How often the floor moves on with the clock (timers, coalesced deltas). */
  tickMs?: number;
}

export interface RunningServer {
  url: string;
  floor: Floor;
  app: Application;
  ingest: IngestService;
  close(): Promise<void>;
}

/** The built client sits beside the compiled server (dist/client) or is absent in a dev checkout. */
function clientDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'client'), path.join(here, '..', 'dist', 'client')]) {
    if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'floorwatch' });
  const rules: RulesConfig = options.rulesFile ? loadRulesFile(options.rulesFile) : defaultRulesConfig();
  const storage: Storage = createSqliteStorage(options.db, { synchronous: options.durability });
  const started = Date.now();
  const floor = await Floor.open({
    storage,
    clock: { now: () => Date.now() },
    rules,
    reorderWindowMs: options.reorderWindowMs,
    retentionMs: options.retentionDays * 24 * 3600 * 1000,
    demo: options.demo !== undefined,
    onError: (err) => logger.error({ err }, 'delta listener failed'),
  });
  logger.info({ db: options.db, ms: Date.now() - started }, 'floor state rebuilt from snapshot and log');
  // The file wins over what the log last had in force (someone edited it while we were down).
  if (JSON.stringify(floor.rules()) !== JSON.stringify(rules)) await floor.setRules(rules);

  const app = createApplication({ floor, logger, staticDir: clientDir() });
  const ingest = createIngestService(floor);

  const tick = setInterval(() => {
    floor.tick().catch((err: unknown) => logger.error({ err }, 'tick failed'));
  }, options.tickMs ?? 100);

  let watcher: RulesWatcher | undefined;
  if (options.rulesFile) {
    watcher = watchRulesFile(
      options.rulesFile,
      (next) => {
        floor.setRules(next).then(
          () => logger.info({ file: options.rulesFile }, 'rules reloaded'),
          (err: unknown) => logger.error({ err }, 'rules change could not be applied'),
        );
      },
      (err) => logger.error(err.message),
    );
  }

  let stopDemo: (() => void) | undefined;
  if (options.demo) {
    const { startDemoFeed } = await import('./simulate/demo-feed.js');
    stopDemo = startDemoFeed({ ingest, logger, ...options.demo });
  }

  await new Promise<void>((resolve, reject) => {
    app.httpServer.once('error', reject);
    app.httpServer.listen(options.port, options.host, () => resolve());
  });
  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  logger.info({ url, demo: options.demo !== undefined }, 'Floorwatch is serving');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stopDemo?.();
      watcher?.close();
      clearInterval(tick);
      await app.close();
      await floor.snapshotNow();
      await floor.close();
      await storage.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { url, floor, app, ingest, close };
}
