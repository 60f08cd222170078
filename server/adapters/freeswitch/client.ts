/**
 * The live FreeSWITCH feed: an inbound event socket (ESL) connection that authenticates,
 * subscribes to the call-centre and hold events, translates them and batches them to the sink.
 * Any disconnect (network, FreeSWITCH restart) is followed by a reconnect with exponential
 * backoff; a refused password (or an ACL rejection) stops the adapter instead, because
 * retrying only fills FreeSWITCH's log with failed logins.
 */
import net from 'node:net';
import type { Logger } from 'pino';
import { emptyCounters, type AdapterCounters, type EventSink, type FeedAdapter } from '../types.js';
import { EventBatcher } from '../asterisk-ami/batcher.js';
import { FsMapper, type FsMappingOptions } from './mapping.js';
import { EslParser, eslHeader, formatEslCommand, parseEventPlain, type EslItem, type EslMessage } from './parser.js';
import { parseEslUrl } from './url.js';

/**
 * The subscription. `CUSTOM` comes last on purpose: mod_event_socket reads every word after
 * `CUSTOM` as a subclass name, so `CUSTOM callcenter::info CHANNEL_HOLD` would subscribe to a
 * (non-existent) subclass called CHANNEL_HOLD and never deliver a hold.
 */
export const EVENT_SUBSCRIPTION = 'event plain CHANNEL_HOLD CHANNEL_UNHOLD CUSTOM callcenter::info';

export interface FreeswitchAdapterOptions extends Omit<FsMappingOptions, 'host'> {
  /** `freeswitch-esl://:password@host:8021` */
  url: string;
  sink: EventSink;
  logger?: Pick<Logger, 'info' | 'warn' | 'debug' | 'error'>;
  /** Clock for events without `Event-Date-Timestamp` (epoch ms). */
  now?: () => number;
  backoff?: { initialMs: number; maxMs: number };
  batch?: { intervalMs?: number; maxEvents?: number };
  /** How long to wait for `auth/request` and the replies to `auth` and `event`. Default 10 s. */
  loginTimeoutMs?: number;
}

type Phase = 'greeting' | 'auth' | 'subscribe' | 'up';

export function createFreeswitchAdapter(options: FreeswitchAdapterOptions): FeedAdapter {
  const endpoint = parseEslUrl(options.url);
  const name = `freeswitch-esl ${endpoint.display}`;
  const now = options.now ?? Date.now;
  const log = options.logger;
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 30_000 };
  const loginTimeoutMs = options.loginTimeoutMs ?? 10_000;
  const counters: AdapterCounters = { ...emptyCounters(), connected: false, reconnects: 0 };
  const mapper = new FsMapper({
    host: endpoint.host,
    ...(options.holdConsent !== undefined && { holdConsent: options.holdConsent }),
    ...(options.agentIds !== undefined && { agentIds: options.agentIds }),
  });
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
  let refused = false;
  let attempt = 0;
  let everUp = false;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let settleFirst: (() => void) | undefined;

  function refuse(s: net.Socket, error: string, hint: string): void {
    refused = true;
    counters.lastError = error;
    log?.error({ adapter: name }, `${error}; not retrying (${hint})`);
    s.destroy();
  }

  function connect(): void {
    const parser = new EslParser();
    let phase: Phase = 'greeting';
    const s = net.createConnection({ host: endpoint.host, port: endpoint.port });
    socket = s;
    s.setNoDelay(true);
    s.setKeepAlive(true, 30_000);
    const loginTimer = setTimeout(() => {
      counters.lastError = phase === 'greeting' ? 'no auth/request from FreeSWITCH' : `no reply to the ${phase} command`;
      s.destroy();
    }, loginTimeoutMs);

    const onMessage = (msg: EslMessage): void => {
      const type = eslHeader(msg, 'Content-Type')?.trim().toLowerCase();
      if (type === 'auth/request') {
        if (phase !== 'greeting') return;
        phase = 'auth';
        // The password is written to the socket only, never to a log or an error.
        s.write(formatEslCommand(`auth ${endpoint.password}`));
        return;
      }
      if (type === 'command/reply') {
        const reply = eslHeader(msg, 'Reply-Text')?.trim() ?? '';
        if (phase === 'auth') {
          if (!reply.startsWith('+OK')) {
            clearTimeout(loginTimer);
            refuse(s, `authentication refused: ${reply.replace(/^-ERR\s*/, '') || 'no reason given'}`, 'check the password in event_socket.conf.xml');
            return;
          }
          phase = 'subscribe';
          s.write(formatEslCommand(EVENT_SUBSCRIPTION));
          return;
        }
        if (phase === 'subscribe') {
          clearTimeout(loginTimer);
          if (!reply.startsWith('+OK')) {
            refuse(s, `event subscription refused: ${reply || 'no reason given'}`, 'is mod_event_socket current?');
            return;
          }
          phase = 'up';
          if (everUp) counters.reconnects = (counters.reconnects ?? 0) + 1;
          everUp = true;
          attempt = 0;
          counters.connected = true;
          log?.info({ adapter: name }, 'ESL authenticated and subscribed');
          settle();
        }
        return;
      }
      if (type === 'text/rude-rejection') {
        clearTimeout(loginTimer);
        refuse(s, `connection rejected by FreeSWITCH: ${(msg.body ?? '').trim() || 'no reason given'}`, 'check apply-inbound-acl in event_socket.conf.xml');
        return;
      }
      if (type === 'text/disconnect-notice') {
        log?.info({ adapter: name }, 'FreeSWITCH is closing the event socket');
        return;
      }
      if (type === 'text/event-plain' && phase === 'up') {
        onEvent(msg.body ?? '');
        return;
      }
      // api/response, log/data, events in another format: nothing the floor needs.
    };

    const onItem = (item: EslItem): void => {
      if (item.type === 'malformed') {
        counters.read += 1;
        counters.failed += 1;
        log?.debug({ adapter: name, reason: item.reason }, 'malformed ESL message');
        return;
      }
      onMessage(item.message);
    };

    s.on('data', (chunk: Buffer) => {
      for (const item of parser.push(chunk)) onItem(item);
    });
    s.on('error', (err) => {
      if (!refused) counters.lastError = `connection: ${err.message}`;
    });
    s.on('close', () => {
      clearTimeout(loginTimer);
      for (const item of parser.end()) onItem(item);
      counters.connected = false;
      if (socket === s) socket = undefined;
      settle();
      if (stopped || refused) return;
      const delay = Math.min(backoff.initialMs * 2 ** attempt, backoff.maxMs);
      attempt += 1;
      log?.warn({ adapter: name, delayMs: delay, error: counters.lastError }, 'ESL connection lost; reconnecting');
      reconnectTimer = setTimeout(() => {
        reconnectTimer = undefined;
        if (!stopped) connect();
      }, delay);
    });
  }

  function onEvent(body: string): void {
    const at = now();
    counters.read += 1;
    counters.lastEventAt = at;
    const event = parseEventPlain(body);
    if (typeof event === 'string') {
      counters.failed += 1;
      log?.debug({ adapter: name, reason: event }, 'malformed FreeSWITCH event');
      return;
    }
    const result = mapper.map(event, at);
    counters[result.outcome] += 1;
    if (result.outcome === 'failed') log?.debug({ adapter: name, reason: result.reason }, 'FreeSWITCH event not translated');
    if (result.events.length > 0) {
      counters.events += result.events.length;
      batcher.add(result.events);
    }
  }

  function settle(): void {
    settleFirst?.();
    settleFirst = undefined;
  }

  return {
    name,
    /** Resolves once the first connection attempt subscribed or failed; reconnecting goes on behind. */
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
      const s = socket;
      if (s && !s.destroyed) {
        const closed = new Promise<void>((resolve) => s.once('close', () => resolve()));
        s.end(formatEslCommand('exit'));
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
