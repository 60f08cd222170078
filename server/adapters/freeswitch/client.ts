/**
 * The live FreeSWITCH feed: an inbound event socket (ESL) connection that authenticates,
 * subscribes to the call-centre and hold events, translates them and batches them to the sink.
 * Any disconnect (network, FreeSWITCH restart) is followed by a reconnect with exponential
 * backoff; a refused password (or an ACL rejection) stops the adapter instead, because
 * retrying only fills FreeSWITCH's log with failed logins.
 */
import { createFeedBatcher, createTcpFeed, recordMapped, type LiveFeedOptions, type TcpConversation, type TcpLink } from '../tcp-feed.js';
import { emptyCounters, type AdapterCounters, type FeedAdapter } from '../types.js';
import { FsMapper, type FsMappingOptions } from './mapping.js';
import { EslParser, eslHeader, formatEslCommand, parseEventPlain, type EslItem, type EslMessage } from './parser.js';
import { parseEslUrl } from './url.js';

/**
 * The subscription. `CUSTOM` comes last on purpose: mod_event_socket reads every word after
 * `CUSTOM` as a subclass name, so `CUSTOM callcenter::info CHANNEL_HOLD` would subscribe to a
 * (non-existent) subclass called CHANNEL_HOLD and never deliver a hold.
 */
export const EVENT_SUBSCRIPTION = 'event plain CHANNEL_HOLD CHANNEL_UNHOLD CUSTOM callcenter::info';

/** `url` is `freeswitch-esl://:password@host:8021`; `now` stamps events without `Event-Date-Timestamp`. */
export interface FreeswitchAdapterOptions extends Omit<FsMappingOptions, 'host'>, LiveFeedOptions {}

type Phase = 'greeting' | 'auth' | 'subscribe' | 'up';

export function createFreeswitchAdapter(options: FreeswitchAdapterOptions): FeedAdapter {
  const endpoint = parseEslUrl(options.url);
  const name = `freeswitch-esl ${endpoint.display}`;
  const now = options.now ?? Date.now;
  const log = options.logger;
  const counters: AdapterCounters = { ...emptyCounters(), connected: false, reconnects: 0 };
  const mapper = new FsMapper({
    host: endpoint.host,
    ...(options.holdConsent !== undefined && { holdConsent: options.holdConsent }),
    ...(options.agentIds !== undefined && { agentIds: options.agentIds }),
  });
  const batcher = createFeedBatcher(options.sink, counters, name, log, options.batch);

  /** One connection: auth/request, auth, the subscription, then events. */
  function converse(link: TcpLink): TcpConversation {
    const parser = new EslParser();
    let phase: Phase = 'greeting';

    const onMessage = (msg: EslMessage): void => {
      const type = eslHeader(msg, 'Content-Type')?.trim().toLowerCase();
      if (type === 'auth/request') {
        if (phase !== 'greeting') return;
        phase = 'auth';
        // The password is written to the socket only, never to a log or an error.
        link.write(formatEslCommand(`auth ${endpoint.password}`));
        return;
      }
      if (type === 'command/reply') {
        const reply = eslHeader(msg, 'Reply-Text')?.trim() ?? '';
        if (phase === 'auth') {
          if (!reply.startsWith('+OK')) {
            link.refuse(`authentication refused: ${reply.replace(/^-ERR\s*/, '') || 'no reason given'}`, 'check the password in event_socket.conf.xml');
            return;
          }
          phase = 'subscribe';
          link.write(formatEslCommand(EVENT_SUBSCRIPTION));
          return;
        }
        if (phase === 'subscribe') {
          if (!reply.startsWith('+OK')) {
            link.refuse(`event subscription refused: ${reply || 'no reason given'}`, 'is mod_event_socket current?');
            return;
          }
          phase = 'up';
          link.up('ESL authenticated and subscribed');
        }
        return;
      }
      if (type === 'text/rude-rejection') {
        link.refuse(`connection rejected by FreeSWITCH: ${(msg.body ?? '').trim() || 'no reason given'}`, 'check apply-inbound-acl in event_socket.conf.xml');
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

    return {
      data: (chunk) => {
        for (const item of parser.push(chunk)) onItem(item);
      },
      end: () => {
        for (const item of parser.end()) onItem(item);
      },
      timeoutReason: () => (phase === 'greeting' ? 'no auth/request from FreeSWITCH' : `no reply to the ${phase} command`),
    };
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
    if (result.outcome === 'failed') log?.debug({ adapter: name, reason: result.reason }, 'FreeSWITCH event not translated');
    recordMapped(counters, batcher, result);
  }

  const feed = createTcpFeed({
    name, host: endpoint.host, port: endpoint.port, log, counters, now,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 30_000 },
    loginTimeoutMs: options.loginTimeoutMs ?? 10_000,
    goodbye: formatEslCommand('exit'),
    converse,
  });

  return {
    name,
    start: () => feed.start(),
    async stop() {
      await feed.stop();
      batcher.close();
      await batcher.flush();
    },
    counters: () => ({ ...counters }),
  };
}
