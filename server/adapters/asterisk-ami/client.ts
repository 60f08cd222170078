/**
 * The live Asterisk AMI feed: a TCP connection that logs in, reads events, translates them
 * and batches them to the sink. Any disconnect (network, PBX restart) is followed by a
 * reconnect with exponential backoff; a refused login stops the adapter instead, because
 * retrying a wrong secret only fills the PBX's security log.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import { emptyCounters, type AdapterCounters, type EventSink, type FeedAdapter } from '../types.js';
import { EventBatcher } from './batcher.js';
import type { AmiMappingOptions } from './config.js';
import { AmiMapper } from './mapping.js';
import { AmiParser, formatAmiMessage, header, type AmiItem, type AmiMessage } from './parser.js';
import { parseAmiUrl } from './url.js';

export interface AmiAdapterOptions extends Omit<AmiMappingOptions, 'host'> {
  /** `asterisk-ami://user:secret@host:5038` */
  url: string;
  sink: EventSink;
  logger?: Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;
  /** Clock for events without a `Timestamp` header (epoch ms). */
  now?: () => number;
  backoff?: { initialMs: number; maxMs: number };
  batch?: { intervalMs?: number; maxEvents?: number };
  /** How long to wait for the banner and the login response. Default 10 s. */
  loginTimeoutMs?: number;
}

type Phase = 'banner' | 'login' | 'up';

export function createAmiAdapter(options: AmiAdapterOptions): FeedAdapter {
  const endpoint = parseAmiUrl(options.url);
  const name = `asterisk-ami ${endpoint.display}`;
  const now = options.now ?? Date.now;
  const log = options.logger;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const loginTimeoutMs = options.loginTimeoutMs ?? 10_000;
  const counters: AdapterCounters = { ...emptyCounters(), connected: false, reconnects: 0 };
  const mapper = new AmiMapper({ ...options, host: endpoint.host });
  const batcher = new EventBatcher(options.sink, {
    rejected(count, reason) {
      counters.failed += count;
      counters.lastError = `the floor rejected ${count} event(s): ${reason ?? 'no reason given'}`;
      log?.warn({ adapter: name, count, reason }, 'events rejected');
    },
    sendFailed(err) {
      counters.lastError = `sink: ${err.message}`;
      log?.warn({ adapter: name, err: err.message }, 'could not hand events over; will retry');
    },
  }, options.batch?.intervalMs, options.batch?.maxEvents);

  let socket: net.Socket | undefined;
  let stopped = true;
  let loginRefused = false;
  let attempt = 0;
  let loginSeq = 0;
  let everLoggedIn = false;
  let disconnectedAt: number | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let settleFirst: (() => void) | undefined;

  function connect(): void {
    const parser = new AmiParser();
    let phase: Phase = 'banner';
    const loginId = `floorwatch-login-${++loginSeq}`;
    const s = net.createConnection({ host: endpoint.host, port: endpoint.port });
    socket = s;
    s.setNoDelay(true);
    s.setKeepAlive(true, 30_000);
    const loginTimer = setTimeout(() => {
      counters.lastError = phase === 'banner' ? 'no AMI banner from the PBX' : 'no answer to the login';
      s.destroy();
    }, loginTimeoutMs);

    const onItem = (item: AmiItem): void => {
      if (item.type === 'banner') {
        if (phase !== 'banner') return;
        phase = 'login';
        log?.debug({ adapter: name, banner: item.text }, 'AMI banner');
        // Nothing from an earlier connection is sent again: only the login of this one.
        s.write(formatAmiMessage([
          ['Action', 'Login'], ['ActionID', loginId], ['Username', endpoint.username],
          ['Secret', endpoint.secret], ['Events', 'on'],
        ]));
        return;
      }
      if (item.type === 'malformed') {
        counters.read += 1;
        counters.failed += 1;
        log?.debug({ adapter: name, reason: item.reason }, 'malformed AMI message');
        return;
      }
      const msg = item.message;
      if (header(msg, 'Response') !== undefined) {
        if (phase === 'login' && header(msg, 'ActionID') === loginId) onLogin(msg);
        return;
      }
      onEvent(msg);
    };

    const onLogin = (msg: AmiMessage): void => {
      clearTimeout(loginTimer);
      if (header(msg, 'Response')?.toLowerCase() !== 'success') {
        loginRefused = true;
        counters.lastError = `login refused for user ${endpoint.username}: ${header(msg, 'Message') ?? 'no reason given'}`;
        log?.error({ adapter: name, user: endpoint.username }, 'AMI login refused; not retrying (check manager.conf)');
        s.destroy();
        return;
      }
      phase = 'up';
      if (everLoggedIn) counters.reconnects = (counters.reconnects ?? 0) + 1;
      everLoggedIn = true;
      attempt = 0;
      counters.connected = true;
      log?.info({ adapter: name }, 'AMI logged in');
      settle();
    };

    s.on('data', (chunk: Buffer) => {
      for (const item of parser.push(chunk)) onItem(item);
    });
    s.on('error', (err) => {
      if (!loginRefused) counters.lastError = `connection: ${err.message}`;
    });
    s.on('close', () => {
      clearTimeout(loginTimer);
      for (const item of parser.end()) onItem(item);
      if (counters.connected) disconnectedAt = now();
      counters.connected = false;
      if (socket === s) socket = undefined;
      settle();
      if (stopped || loginRefused) return;
      const delay = Math.min(backoff.initialMs * 2 ** attempt, backoff.maxMs);
      attempt += 1;
      log?.warn({ adapter: name, delayMs: delay, error: counters.lastError }, 'AMI connection lost; reconnecting');
      counters.nextRetryAt = now() + delay;
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined;
        delete counters.nextRetryAt;
        if (!stopped) connect();
      }, delay);
    });
  }

  function onEvent(msg: AmiMessage): void {
    const at = now();
    counters.read += 1;
    counters.lastEventAt = at;
    if (header(msg, 'Event')?.toLowerCase() === 'fullybooted') checkRestart(msg, at);
    const result = mapper.map(msg, at);
    counters[result.outcome] += 1;
    if (result.outcome === 'failed') log?.debug({ adapter: name, reason: result.reason }, 'AMI event not translated');
    if (result.events.length > 0) {
      counters.events += result.events.length;
      batcher.add(result.events);
    }
  }

  /**
   * FullyBooted follows every login and carries the PBX's uptime (Asterisk 13+). An uptime
   * shorter than our time away means the PBX restarted: the calls it carried are gone and
   * will never send a Hangup, so they are ended here.
   */
  function checkRestart(msg: AmiMessage, at: number): void {
    const uptime = Number(header(msg, 'Uptime'));
    if (disconnectedAt === undefined || !Number.isFinite(uptime)) return;
    if (uptime * 1000 <= at - disconnectedAt + 1_000) {
      const ended = mapper.endAllCalls(at);
      log?.warn({ adapter: name, calls: ended.length }, 'PBX restarted; ending the calls it carried');
      counters.events += ended.length;
      batcher.add(ended);
    }
    disconnectedAt = undefined;
  }

  function settle(): void {
    settleFirst?.();
    settleFirst = undefined;
  }

  return {
    name,
    /** Resolves once the first connection attempt logged in or failed; reconnecting goes on behind. */
    start() {
      if (!stopped) return Promise.resolve();
      stopped = false;
      loginRefused = false;
      const first = new Promise<void>((resolve) => { settleFirst = resolve; });
      connect();
      return first;
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const s = socket;
      if (s && !s.destroyed) {
        const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
        s.end(formatAmiMessage([['Action', 'Logoff']]));
        const force = setTimeout(() => s.destroy(), 1_000);
        await closed;
        clearTimeout(force);
      }
      batcher.close();
      await batcher.flush();
    },
    counters: () => ({ ...counters }),
  };
}
