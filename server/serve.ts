/**
 * `floorwatch serve`: storage, rules, the floor, the HTTP/socket.io edges and the timers,
 * put together and taken apart in order. Everything here is wiring; the behaviour lives
 * in the modules it wires.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { defaultRulesConfig, type RulesConfig } from '../shared/rules-config.js';
import { createApplication, type Application } from './app.js';
import { loadRulesFile, watchRulesFile, type RulesWatcher } from './config/rules-file.js';
import { Floor } from './floor/floor.js';
import { startThreadParser } from './ingest/batch-parser.js';
import { createIngestService, type IngestService } from './ingest/ingest-service.js';
import { checkFeedUrls } from './adapters/check-feeds.js';
import { startFeeds, type RunningFeeds } from './adapters/feeds.js';
import { adapterSettings, cloudWebhooks, type Adapters } from './adapters/serve-feeds.js';
import type { EventSink } from './adapters/types.js';
import type { IngestResult } from '../shared/ingest.js';
import { createAccessEdge } from './access/edge.js';
import { announceOnTerminal, oneTimePasswordFile, removeSpentPasswordFile, signInHelp } from './access/first-start.js';
import { createAccessService } from './access/service/access-service.js';
import { createSqliteAccessStore } from './access/sqlite/index.js';
import { createSqliteStorage } from './storage/sqlite/index.js';
import { isInMemoryPath } from './storage/sqlite/open.js';
import { checkDatabaseWritable, probeDatabaseDisk } from './storage/sqlite/file-problems.js';
import { lockDatabaseFile } from './storage/sqlite/file-lock.js';
import { watchStorageWrites } from './ops/storage-writes.js';
import { startSnapshotWorker } from './floor/snapshot-worker.js';
import { createSqliteHandoverStore } from './handover/sqlite-store.js';
import { openSharedHandovers } from './handover/shared.js';
import { createHandoverService } from './handover/service.js';
import { createPointsService } from './points/service.js';
import type { Storage } from './storage/types.js';
import { redactPostgresUrl } from './storage/postgres/url.js';
import { createMetrics } from './ops/metrics.js';
import { countDelivery } from './ops/hooks.js';
import { createReadiness, type Readiness } from './ops/readiness.js';
import { listenWhileBooting } from './ops/boot-server.js';
import { ingestMetrics } from './ops/ingest-metrics.js';
import { loadNotifyFile } from './notify/config/notify-file.js';
import { ensureDemoAccounts } from './notify/demo.js';
import { createNotifier } from './notify/notifier.js';
import { readDatabaseKey } from './notify/store/open.js';
import type { FloorService } from './floor/types.js';
import type { RunningCluster } from './cluster/index.js';
import type { ServeOptions } from './serve-options.js';

export type { ServeOptions } from './serve-options.js';


/**
 * Whether session cookies are marked Secure: as told, else when people reach the server
 * over https:// (its public URL), which is the usual install behind a TLS proxy.
 */
export function secureCookiesFor(options: Pick<ServeOptions, 'secureCookies' | 'publicUrl'>): boolean {
  if (options.secureCookies !== undefined) return options.secureCookies;
  if (options.publicUrl === undefined) return false;
  try {
    return new URL(options.publicUrl).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The floor as the server drives it: a single process's Floor, or a cluster process's view of the floor. */
export type ServedFloor = FloorService & Pick<Floor, 'tick' | 'snapshotNow' | 'close'>;

/** A batch sender that posts to this server with a feed token (the demo's feed). */
function httpIngest(endpoint: string, token: string): IngestService {
  return {
    async ingestBatch(batch) {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(batch),
      });
      if (!res.ok && res.status !== 422) throw new Error(`ingest answered ${res.status}`);
      return (await res.json()) as IngestResult;
    },
  };
}
export interface RunningServer {
  url: string;
  floor: ServedFloor;
  app: Application;
  ingest: IngestService;
  /** What GET /ready answers from (tests mark a shutdown with it). */
  readiness: Readiness;
  close(): Promise<void>;
}

/**
 * The built client sits beside the compiled server (dist/client), or under dist/ when the
 * server runs from its sources (tsx). A source checkout's client/ also has an index.html,
 * vite's unbuilt one (it loads /src/main.tsx): never serve that, it is a blank page.
 */
function clientDir(): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.join(here, '..', 'dist', 'client'), path.join(here, '..', 'client')]) {
    if (fs.existsSync(path.join(candidate, 'index.html')) && !fs.existsSync(path.join(candidate, 'src'))) return candidate;
  }
  return undefined;
}

/**
 * Starts the server on its database file, holding the file's lock (storage/sqlite/file-lock.ts)
 * until it is closed: a second server on the same --db (the same file, or the same side file
 * in PostgreSQL mode) refuses to start, naming the file and the holder's pid. The file, its
 * directory and its -wal/-shm files are checked writable first, so a read-only file is
 * refused at start with its path rather than found at the first append.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  // Before anything is created (the first admin's one-time password among it), the file's lock too.
  checkFeedUrls(options.feeds ?? []);
  const adapters = adapterSettings(options);
  if (options.redis !== undefined && options.postgres === undefined) {
    throw new Error('--redis needs --postgres: the processes of a floor share its event log, alerts and snapshots in PostgreSQL');
  }
  const onFile = !isInMemoryPath(options.db);
  if (onFile) checkDatabaseWritable(options.db);
  const lock = onFile ? lockDatabaseFile(options.db) : undefined;
  let server: RunningServer;
  try {
    server = await startOnLockedFile(options, adapters);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let closing: Promise<void> | undefined;
  // Released last, once every connection to the file is closed.
  const close = (): Promise<void> => (closing ??= server.close().finally(() => lock?.release()));
  return { ...server, close };
}

async function startOnLockedFile(options: ServeOptions, { settings: adapters, unused }: Adapters): Promise<RunningServer> {
  const logger = options.logger ?? pino({ name: 'floorwatch' });
  for (const kind of unused) {
    logger.warn({ file: options.adaptersConfig, section: kind },
      `adapters file: its ${kind} section is not used, as no ${kind} adapter runs (check --feed, --twilio-auth-token, --connect-secret)`);
  }
  const rules: RulesConfig = options.rulesFile ? loadRulesFile(options.rulesFile) : defaultRulesConfig();
  // Appends failing for want of room or permission (or an I/O error) make /ready say so,
  // until one succeeds again or the probe finds the disk takes a write (ops/storage-writes.ts).
  const writes = watchStorageWrites({
    logger, ...(options.postgres === undefined && !isInMemoryPath(options.db) && { probe: () => probeDatabaseDisk(options.db) }),
  });
  const storage: Storage = writes.watch(options.postgres
    ? await (await import('./storage/postgres/index.js')).createPostgresStorage({ url: options.postgres, onIdleError: (err) => logger.warn({ err }, 'postgres: an idle connection broke') })
    : createSqliteStorage(options.db, {
      synchronous: options.durability,
      backgroundCheckpoints: true,
      onCheckpointThreadFailure: (message) => logger.warn({ message }, 'sqlite: the WAL checkpoint thread failed; the floor checkpoints on its own thread from now on'),
      backgroundLookups: true,
      onLookupsFailure: (message) => logger.warn({ message }, "sqlite: the log's lookup tables"),
    }));
  // Listening already while the floor is rebuilt: /health answers, /ready says "not yet".
  const metrics = createMetrics({ processMetrics: true });
  let cluster: RunningCluster | undefined;
  const readiness = createReadiness({
    // In cluster mode Redis is storage too: inputs wait in its stream (ready = both answer).
    pingStorage: async () => {
      await storage.log.lastSeq();
      await cluster?.ping();
    }, storageWrites: () => writes.failing(), maxEngineLagMs: options.reorderWindowMs + 30_000, logger,
  });
  const starting = await listenWhileBooting({ port: options.port, host: options.host, metrics, readiness, logger });
  const started = Date.now();
  const floorSettings = {
    rules,
    reorderWindowMs: options.reorderWindowMs,
    retentionMs: options.retentionDays * 24 * 3600 * 1000,
    demo: options.demo !== undefined,
    // A delta listener that threw, or the snapshot worker failing (the floor goes on).
    onError: (err: unknown) => logger.error({ err }, 'floor: a part failed'),
    // Status deltas back off under load (sending them at most ~1/4 of the time); alerts never wait.
    statusBackoff: 4,
    // A burst of alerts goes out together (one write per screen), waiting 25 ms at most;
    // requests get in between inputs, so "busy" is answered at once even under overload.
    urgentCoalesceMs: 25,
    // Snapshots wait while the floor is behind (up to 1,000,000 entries: a longer replay after a crash).
    snapshotPostponeEntries: 1_000_000,
    // Up to 2,000 agents a snapshot is written here (~100 ms at most) rather than by a
    // thread replaying the log on the other core (options.ts).
    snapshotHereUpToAgents: 2000,
    yieldBetweenInputs: () => new Promise<void>((resolve) => { setImmediate(resolve); }),
  };
  // One process on a SQLite file: snapshots are written by a worker thread from its own
  // copy of the floor, so a big floor's snapshot (seconds of work) never stops this one.
  const snapshotTaker = options.postgres === undefined && options.db !== ':memory:'
    ? startSnapshotWorker({
      dbPath: options.db, synchronous: options.durability, rules, reorderWindowMs: options.reorderWindowMs, retentionMs: floorSettings.retentionMs,
    })
    : undefined;
  const floor: ServedFloor = await (async () => {
    if (options.redis === undefined) {
      // Snapshots are written by the worker: even a floor of 5,000 agents' takes a second by
      // the end of a day (measured: a floor writing its own, up to a second each, missed the
      // overload bench's latency target).
      return Floor.open({ storage, clock: { now: () => Date.now() }, ...floorSettings, ...(snapshotTaker && { snapshotTaker }) });
    }
    const { startCluster } = await import('./cluster/index.js');
    cluster = await startCluster({
      redisUrl: options.redis, postgresUrl: options.postgres!, floorId: options.floorId ?? 'main',
      ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }), storage, floor: floorSettings, logger, metrics,
    });
    return cluster.floor;
  })().catch(async (err: unknown) => {
    await snapshotTaker?.close();
    await starting.close();
    throw err;
  });
  const where = options.postgres ? { postgres: redactPostgresUrl(options.postgres) } : { db: options.db };
  logger.info({ ...where, ms: Date.now() - started }, 'floor state rebuilt from snapshot and log');
  // The file wins over what the log last had in force (someone edited it while we were down).
  if (JSON.stringify(floor.rules()) !== JSON.stringify(rules)) await floor.setRules(rules);

  // The stores beside the event storage in its SQLite file leave the WAL's checkpoints to its
  // connection (storage/sqlite/open.ts): one of theirs on the event loop would copy the whole WAL.
  const sideConnections = { checkpoints: options.postgres !== undefined };
  // Accounts, sessions and the audit log live in the same database file, in tables of their own.
  const accessStore = options.postgres
    ? await (await import('./access/postgres/index.js')).createPostgresAccessStore({ url: options.postgres, onIdleError: (err) => logger.warn({ err }, 'postgres: an idle connection broke') })
    : createSqliteAccessStore(options.db, sideConnections);
  const access = createAccessService({
    store: accessStore, clock: { now: () => Date.now() }, logger,
    ...(options.passwordMaxAgeDays !== undefined && { passwordMaxAgeDays: options.passwordMaxAgeDays }),
  });
  const boot = await access.bootstrapAdmin({ envPassword: options.adminPassword });
  if (!boot.created) await removeSpentPasswordFile(options.db, access, logger);
  const edge = createAccessEdge(access, logger, secureCookiesFor(options));
  // The points ledger is part of the floor's storage; handovers have their table in the same file.
  const points = createPointsService({ ledger: storage.points, floor, audit: access, clock: { now: () => Date.now() } });
  // With PostgreSQL every process shares them (and the key that seals drafts); else the file.
  const { store: handoverStore, sealKey } = options.postgres
    ? await openSharedHandovers(options.postgres, options.db, sideConnections, logger)
    : { store: createSqliteHandoverStore(options.db, sideConnections), sealKey: readDatabaseKey(options.db, sideConnections) };
  const handovers = createHandoverService({
    floor, store: handoverStore, audit: access, clock: { now: () => Date.now() }, logger: logger.child({ part: 'handover' }),
    // Drafts' figures are sealed with the database's key: a draft outlives a restart.
    sealKey,
  });

  // Notifications have their tables in the same file; the file (if any) is applied now.
  const notifyFile = options.notifyConfig === undefined ? undefined : { path: options.notifyConfig, content: loadNotifyFile(options.notifyConfig) };
  const notifier = await createNotifier({
    // In a cluster, only the floor's owner sends notifications (else every process would).
    db: options.db, ...sideConnections, floor: cluster ? cluster.floor.ownerView() : floor, accounts: access, audit: access, logger: logger.child({ part: 'notify' }), requireViewer: edge.requireViewer,
    ...(notifyFile && { file: notifyFile }), ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
  });
  // Deliveries per channel in /metrics (sent, failed and retried, given up).
  notifier.sender.on((e) => {
    if (e.type === 'sent') countDelivery(metrics, e.channelId, 'sent');
    else if (e.type === 'dead') countDelivery(metrics, e.channelId, 'dead');
    else if (e.type === 'retry') countDelivery(metrics, e.channelId, 'failed');
  });

  let feeds: RunningFeeds | undefined;
  const ingest = createIngestService(floor, ingestMetrics(metrics, logger));
  // Each in-process source is its own feed in the metrics.
  const sinkFor = (feed: string): EventSink => (batch) => ingest.ingestBatch(batch, undefined, feed);
  const hooks = cloudWebhooks(options, adapters, sinkFor, storage.log, logger);
  // Big ingest bodies are parsed on a thread of their own, beside the floor's (batch-parser.ts).
  const ingestParser = startThreadParser({
    onThreadFailure: (message) => logger.warn({ message }, 'ingest: the parse thread failed; its batches were parsed on the main thread'),
  });
  const app = createApplication({
    notify: notifier.router, ingestParser,
    floor, logger, staticDir: clientDir(),
    // In a cluster, a revocation made on any process disconnects the sockets on every one.
    access: cluster ? { ...edge, auth: cluster.relayRevocations(edge.auth) } : edge,
    points, handovers, ...(cluster && { cluster }),
    ...(options.ingestPerMinute !== undefined && { ingestPerMinute: options.ingestPerMinute }),
    ...(options.trustProxy !== undefined && { trustProxy: options.trustProxy }),
    ...(options.publicUrl !== undefined && { publicUrl: options.publicUrl }),
    webhooks: hooks.map((h) => ({ path: h.path, handler: h.handler })),
    feeds: () => [...(feeds?.list() ?? []), ...hooks.map((h) => ({ name: h.name, counters: h.handler.counters() }))],
    metrics, readiness, httpServer: starting.handOver(),
  });

  const tick = setInterval(() => {
    floor.tick().catch((err: unknown) => logger.error({ err }, 'tick failed'));
  }, options.tickMs ?? 100);

  let watcher: RulesWatcher | undefined;
  if (options.rulesFile) {
    watcher = watchRulesFile(
      options.rulesFile,
      (next) => {
        floor.setRules(next).then(
          () => {
            logger.info({ file: options.rulesFile }, 'rules reloaded');
            void access.record({ actor: 'system', action: 'rules-changed', detail: { file: options.rulesFile } });
          },
          (err: unknown) => logger.error({ err }, 'rules change could not be applied'),
        );
      },
      (err) => logger.error(err.message),
    );
  }

  const address = app.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  logger.info({ url, demo: options.demo !== undefined }, 'Floorwatch is serving');
  if (options.demo && notifyFile) await ensureDemoAccounts(access, notifyFile.content, logger);
  await notifier.start({ serverUrl: url });

  if (options.feeds && options.feeds.length > 0) {
    feeds = await startFeeds(options.feeds, sinkFor('server-feeds'), logger, {
      timeZone: floor.rules().timezone, adapters,
      // The queue_log position is kept beside the database, so a restart resumes where it stopped.
      ...(options.db !== ':memory:' && { stateBase: options.db }),
    });
  }

  let stopDemo: (() => void) | undefined;
  const stopDemoHandovers: Array<() => void> = [];
  if (options.demo) {
    // The demo is a feed like any other: its own token, over HTTP, through the same checks.
    const token = await access.ensureFeedToken('demo simulator');
    const { startDemoFeed } = await import('./simulate/demo-feed.js');
    const { postPlan } = await import('./simulate/post-plan.js');
    const { scheduleDemoHandovers } = await import('./simulate/demo-handover.js');
    // Each simulated shift's plan goes in first (as a WFM job would post it), so adherence shows at once.
    stopDemo = startDemoFeed({
      ingest: httpIngest(`${url}/api/v1/events`, token), logger, ...options.demo,
      rules: floor.rules(),
      leftoverCalls: floor.openCalls(),
      postPlan: async (plan) => {
        const posted = await postPlan(url, token, plan);
        // The outgoing lead's handover goes in a little after each lead change (articles 80-82).
        stopDemoHandovers.push(scheduleDemoHandovers(plan, { handovers, logger, now: () => Date.now() }));
        return posted;
      },
    });
  }
  (options.announce ?? announceOnTerminal)(signInHelp(url, boot, options, options.announce === undefined ? oneTimePasswordFile(options.db, boot) : undefined));

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      readiness.beginShutdown();
      // First, so another process takes the floor over at once; this one drains as a replica.
      await cluster?.handOver();
      stopDemo?.();
      for (const stop of stopDemoHandovers) stop();
      await feeds?.stop();
      watcher?.close();
      clearInterval(tick);
      await app.close();
      await ingestParser.close();
      await notifier.close();
      await floor.snapshotNow();
      await floor.close();
      await snapshotTaker?.close();
      await cluster?.close();
      await storage.close();
      await accessStore.close();
      await handoverStore.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { url, floor, app, ingest, readiness, close };
}
