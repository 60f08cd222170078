/**
 * What every live TCP feed (Asterisk AMI, FreeSWITCH ESL) does the same way: connect,
 * hold a login timer while the protocol's handshake runs, reconnect with exponential
 * backoff after any disconnect (network, PBX restart), stop for good when the credentials
 * are refused (retrying only fills the PBX's security log), say goodbye on stop, batch the
 * translated events to the sink and keep the counters. The protocol itself (parsing, the
 * handshake, the mapping) is the adapter's `converse`.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import type { FloorEventInput } from '../../shared/events.js';
import { EventBatcher } from './asterisk-ami/batcher.js';
import type { AdapterCounters, EventSink } from './types.js';

export type FeedLog = Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;

/** The options every live TCP feed adapter takes, besides its protocol's own. */
export interface LiveFeedOptions {
  /** The feed's URL, credentials included (never logged). */
  url: string;
  sink: EventSink;
  logger?: FeedLog;
  /** Clock for events that carry no time of their own (epoch ms). */
  now?: () => number;
  backoff?: { initialMs: number; maxMs: number };
  batch?: { intervalMs?: number; maxEvents?: number };
  /** How long to wait for the protocol's greeting and login replies. Default 10 s. */
  loginTimeoutMs?: number;
}

/** What a protocol may do with its connection. */
export interface TcpLink {
  write(text: string): void;
  /** The handshake is done (logged in, subscribed): the feed is up. */
  up(message: string): void;
  /** Credentials or access refused: close and never retry. */
  refuse(error: string, hint: string): void;
}

/** One connection's protocol state, made fresh for every connection. */
export interface TcpConversation {
  data(chunk: Buffer): void;
  /** The connection closed: the parser's last items. */
  end(): void;
  /** Why the login timer fired, in words (depends on how far the handshake got). */
  timeoutReason(): string;
}

export interface TcpFeedOptions {
  name: string;
  host: string;
  port: number;
  log: FeedLog | undefined;
  counters: AdapterCounters;
  now: () => number;
  backoff: { initialMs: number; maxMs: number };
  loginTimeoutMs: number;
  /** Sent before closing on stop (AMI Logoff, ESL exit). */
  goodbye: string;
  converse(link: TcpLink): TcpConversation;
  /** A connection that was up is gone (AMI remembers when, to detect a PBX restart). */
  onLost?(at: number): void;
}

export interface TcpFeed {
  /** Resolves once the first attempt is up or failed; reconnecting goes on behind. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createTcpFeed(o: TcpFeedOptions): TcpFeed {
  const { counters, log, name } = o;
  let socket: net.Socket | undefined;
  let stopped = true;
  let refused = false;
  let attempt = 0;
  let everUp = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let settleFirst: (() => void) | undefined;
  const settle = (): void => {
    settleFirst?.();
    settleFirst = undefined;
  };

  function connect(): void {
    const s = net.createConnection({ host: o.host, port: o.port });
    socket = s;
    s.setNoDelay(true);
    s.setKeepAlive(true, 30_000);
    let conversation: TcpConversation | undefined;
    const loginTimer = setTimeout(() => {
      counters.lastError = conversation?.timeoutReason() ?? 'no answer';
      s.destroy();
    }, o.loginTimeoutMs);
    conversation = o.converse({
      write: (text) => {
        s.write(text);
      },
      up: (message) => {
        clearTimeout(loginTimer);
        if (everUp) counters.reconnects = (counters.reconnects ?? 0) + 1;
        everUp = true;
        attempt = 0;
        counters.connected = true;
        log?.info({ adapter: name }, message);
        settle();
      },
      refuse: (error, hint) => {
        clearTimeout(loginTimer);
        refused = true;
        counters.lastError = error;
        log?.error({ adapter: name }, `${error}; not retrying (${hint})`);
        s.destroy();
      },
    });
    s.on('data', (chunk: Buffer) => conversation!.data(chunk));
    s.on('error', (err) => {
      if (!refused) counters.lastError = `connection: ${err.message}`;
    });
    s.on('close', () => {
      clearTimeout(loginTimer);
      conversation!.end();
      if (counters.connected) o.onLost?.(o.now());
      counters.connected = false;
      if (socket === s) socket = undefined;
      settle();
      if (stopped || refused) return;
      const delay = Math.min(o.backoff.initialMs * 2 ** attempt, o.backoff.maxMs);
      attempt += 1;
      counters.nextRetryAt = o.now() + delay;
      log?.warn({ adapter: name, delayMs: delay, error: counters.lastError }, 'connection lost; reconnecting');
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined;
        delete counters.nextRetryAt;
        if (!stopped) connect();
      }, delay);
    });
  }

  return {
    start() {
      if (!stopped) return Promise.resolve();
      stopped = false;
      refused = false;
      const first = new Promise<void>((resolve) => { settleFirst = resolve; });
      connect();
      return first;
    },
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      delete counters.nextRetryAt;
      const s = socket;
      if (s && !s.destroyed) {
        const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
        s.end(o.goodbye);
        const force = setTimeout(() => s.destroy(), 1_000);
        await closed;
        clearTimeout(force);
      }
    },
  };
}

/** The batcher every feed uses, reporting into its counters. */
export function createFeedBatcher(
  sink: EventSink, counters: AdapterCounters, name: string, log: FeedLog | undefined,
  batch: { intervalMs?: number; maxEvents?: number } | undefined,
): EventBatcher {
  return new EventBatcher(sink, {
    rejected(count, reason) {
      counters.failed += count;
      counters.lastError = `the floor rejected ${count} event(s): ${reason ?? 'no reason given'}`;
      log?.warn({ adapter: name, count, reason }, 'events rejected');
    },
    sendFailed(err) {
      counters.lastError = `sink: ${err.message}`;
      log?.warn({ adapter: name, err: err.message }, 'could not hand events over; will retry');
    },
  }, batch?.intervalMs, batch?.maxEvents);
}

/** Counts one mapped source record and queues its events. */
export function recordMapped(
  counters: AdapterCounters, batcher: EventBatcher,
  result: { outcome: 'mapped' | 'ignored' | 'failed'; events: FloorEventInput[] },
): void {
  counters[result.outcome] += 1;
  if (result.events.length > 0) {
    counters.events += result.events.length;
    batcher.add(result.events);
  }
}
