/**
 * Notifications, put together: the database tables (the same file as the floor's), the
 * configuration file applied, the decider listening to the floor's alert changes, the
 * sender delivering the outbox, the acknowledge links and the admin API.
 *
 * Never losing a decision: a decision is written to the outbox before anything is sent;
 * and on start every live alert is decided again, so one whose decision was lost (the
 * process died between the alert changing and the outbox write) is decided now. Deciding
 * is idempotent (deterministic ids), so this costs nothing when nothing was lost.
 */
import type { LookupFunction } from 'node:net';
import { type RequestHandler, Router } from 'express';
import type { Logger } from 'pino';
import type { Role } from '../../shared/access.js';
import type { Alert } from '../../shared/alerts.js';
import { notifySettingsSchema, type NotifyFile, type NotifySettings, type NotifySettingsView } from '../../shared/notify.js';
import type { FloorService } from '../floor/types.js';
import { createCommandHandlers, type Auditor } from '../http/command-handlers.js';
import { createAckService, type AckService } from './ack/ack-service.js';
import { createConfigAdmin, type ConfigAdmin } from './admin/config-admin.js';
import { NotifyInputError } from './admin/errors.js';
import { createOperations, type Operations } from './admin/operations.js';
import type { ChannelDeps } from './channels/types.js';
import { NotifyFileError } from './config/notify-file.js';
import { alertUrl, createDecider, recipientsWithoutAccount, routingRecipients, type AccountDirectory } from './decider.js';
import { Sender } from './delivery/sender.js';
import { createAckRouter, type AckSessions } from './http/ack-routes.js';
import { createNotifyAdminRouter } from './http/admin-routes.js';
import { createConfigTables, type ConfigTables } from './store/config-tables.js';
import { createHealthTable, type HealthTable } from './store/health.js';
import { openNotifyDatabase } from './store/open.js';
import { createOutbox, type Outbox } from './store/outbox.js';
import { ackKeyOf } from './store/schema.js';

export interface NotifierOptions {
  /** The SQLite file (the server's own); `:memory:` for tests that need no restart. */
  db: string;
  /** False when the event storage's connection checkpoints the same file (storage/sqlite/open.ts). */
  checkpoints?: boolean;
  floor: FloorService;
  /**
   * The access service: its accounts decide who is told, and its sessions who is using an
   * acknowledge link (a link acts only for the account it was sent to, signed in).
   */
  accounts: AccountDirectory & AckSessions;
  audit: Auditor;
  logger: Logger;
  requireViewer(roles: readonly Role[]): RequestHandler;
  /** The configuration file, already read and validated (config/notify-file.ts). */
  file?: { path: string; content: NotifyFile };
  /** `--public-url`: wins over the file's `publicUrl`; without either, the server's own address. */
  publicUrl?: string;
  clock?: { now(): number };
  random?: () => number;
  /** How channel hosts are resolved (tests); every answer still passes the destination guard. */
  lookup?: LookupFunction;
  /** How long a receiver may take to answer (default 10 s). */
  timeoutMs?: number;
  /** Share of a retry's wait added at random (default 0.2). */
  jitter?: number;
}

export interface Notifier {
  /** The admin API and the acknowledge pages, for the app to mount. */
  router: Router;
  sender: Sender;
  outbox: Outbox;
  health: HealthTable;
  tables: ConfigTables;
  config: ConfigAdmin;
  ops: Operations;
  ack: AckService;
  settings: NotifySettings;
  /** Decides for these alerts now (what the floor's deltas trigger). */
  decide(alerts: readonly Alert[]): Promise<string[]>;
  /** Resolves when every alert change seen so far has been decided. */
  settled(): Promise<void>;
  /** Listens to the floor, decides its live alerts again, and (unless `send` is false) starts sending. */
  start(options: { serverUrl: string; pollMs?: number; send?: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** Stops and closes the database. */
  close(): Promise<void>;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/** Sent notifications are kept this long (for the admin page and the de-duplication window). */
const KEEP_SENT_MS = 30 * 24 * 3_600_000;

export async function createNotifier(o: NotifierOptions): Promise<Notifier> {
  const db = openNotifyDatabase(o.db, { ...(o.checkpoints !== undefined && { checkpoints: o.checkpoints }) });
  const clock = o.clock ?? { now: () => Date.now() };
  const settings: NotifySettings = o.file?.content ?? notifySettingsSchema.parse({});
  const tables = createConfigTables(db);
  const outbox = createOutbox(db);
  const health = createHealthTable(db);
  const deps: ChannelDeps = { timeoutMs: o.timeoutMs ?? 10_000, ...(o.lookup !== undefined && { lookup: o.lookup }) };
  let serverUrl = 'http://127.0.0.1:8080';
  const publicUrl = () => trimSlash(o.publicUrl ?? settings.publicUrl ?? serverUrl);

  const config = createConfigAdmin({ db, tables, health, clock, audit: o.audit });
  try {
    if (o.file) {
      const { written, removed } = await config.applyFile(o.file.content, o.file.path);
      o.logger.info({ file: o.file.path, written: written.length, removed: removed.length }, 'notifications file applied');
    }
  } catch (err) {
    db.close();
    // A reference the file gets wrong is a problem of the file: say which file, and where in it.
    if (err instanceof NotifyInputError && o.file) throw new NotifyFileError(o.file.path, [err.message.replace(/^invalid /, '')]);
    throw err;
  }

  const sender = new Sender({
    outbox, health, clock, logger: o.logger.child({ part: 'notify' }), deps,
    channel: (id) => tables.channels.get(id)?.config,
    random: o.random ?? Math.random,
    policy: {
      maxAttempts: settings.delivery.maxAttempts,
      baseDelayMs: settings.delivery.baseDelaySeconds * 1000,
      maxDelayMs: settings.delivery.maxDelaySeconds * 1000,
      jitter: o.jitter ?? 0.2,
    },
  });
  const decider = createDecider({
    tables, outbox, accounts: o.accounts, ackKey: ackKeyOf(db), settings, publicUrl, clock, logger: o.logger.child({ part: 'notify' }),
    timeZone: () => o.floor.rules().timezone,
  });
  const ops = createOperations({ tables, outbox, health, clock, audit: o.audit, deps, publicUrl, wake: () => sender.wake() });
  const ack = createAckService({
    outbox, ackKey: ackKeyOf(db), accounts: o.accounts, floor: o.floor, audit: o.audit, clock, logger: o.logger,
    commands: createCommandHandlers(o.floor, o.audit, o.logger),
  });
  const settingsView = (): NotifySettingsView => ({
    publicUrl: publicUrl(), dedupeWindowMinutes: settings.dedupeWindowMinutes, ackLinkMinutes: settings.ackLinkMinutes,
    delivery: settings.delivery, ...(o.file && { file: o.file.path }),
  });
  const router = Router();
  router.use(createAckRouter({ ack, sessions: o.accounts, clock, alertUrl: (id) => alertUrl(publicUrl(), id), logger: o.logger }));
  router.use(createNotifyAdminRouter({ config, ops, settings: settingsView, requireViewer: o.requireViewer }));

  // Alert changes are decided one batch at a time, in the order the floor made them.
  let chain: Promise<unknown> = Promise.resolve();
  const enqueue = (alerts: readonly Alert[]): Promise<string[]> => {
    const run = chain.then(() => decider.decide(alerts)).then((ids) => {
      if (ids.length > 0) sender.wake();
      return ids;
    });
    chain = run.catch((err: unknown) => o.logger.error({ err }, 'notification decision failed'));
    return run;
  };

  let unsubscribe: (() => void) | undefined;
  let pruning: NodeJS.Timeout | undefined;
  let closed = false;
  const prune = () => {
    try {
      const removed = outbox.prune(clock.now() - KEEP_SENT_MS);
      if (removed > 0) o.logger.info({ removed }, 'old sent notifications pruned');
    } catch (err) {
      o.logger.error({ err }, 'pruning notifications failed');
    }
  };
  const stop = async () => {
    unsubscribe?.();
    unsubscribe = undefined;
    if (pruning) clearInterval(pruning);
    pruning = undefined;
    await chain;
    await sender.stop();
  };

  return {
    router, sender, outbox, health, tables, config, ops, ack, settings,
    decide: enqueue,
    settled: () => chain.then(() => undefined),
    async start({ serverUrl: url, pollMs, send = true }) {
      serverUrl = url;
      unsubscribe = o.floor.onDelta((delta) => {
        if (delta.alerts.length > 0) void enqueue(delta.alerts).catch(() => undefined);
      });
      const unreachable = recipientsWithoutAccount(await routingRecipients(tables, o.accounts));
      if (unreachable.length > 0) {
        o.logger.warn({ recipients: unreachable }, 'notification recipients name accounts that do not exist or are disabled: they will be told nothing until the account exists');
      }
      const again = await enqueue(o.floor.liveAlerts());
      if (again.length > 0) o.logger.info({ notifications: again.length }, 'live alerts decided again on start');
      if (send) {
        sender.start(pollMs);
        prune();
        pruning = setInterval(prune, 3_600_000);
        pruning.unref();
      }
    },
    stop,
    async close() {
      if (closed) return;
      closed = true;
      await stop();
      db.close();
    },
  };
}
