/**
 * The live FreeSWITCH feed: an inbound event socket (ESL) connection that authenticates,
 * subscribes to the call-centre and hold events, resyncs (`show channels` for the calls it
 * follows, `callcenter_config agent list` for the agents, each queue's members for the calls
 * it does not follow yet), translates the events and batches them to
 * the sink. Any disconnect (network, FreeSWITCH restart) is followed by a reconnect with
 * exponential backoff; a refused password (or an ACL rejection) stops the adapter instead,
 * because retrying only fills FreeSWITCH's log with failed logins.
 */
import { createFeedBatcher, createTcpFeed, recordMapped, type LiveFeedOptions, type TcpConversation, type TcpLink } from '../tcp-feed.js';
import type { FloorEventInput } from '../../../shared/events.js';
import { emptyCounters, type AdapterCounters, type FeedAdapter } from '../types.js';
import { parseAgentList, parseChannelList, parseMemberList, parseQueueList, type ApiReply } from './api-replies.js';
import { FsMapper, type FsMappingOptions } from './mapping.js';
import { EslParser, eslHeader, formatEslCommand, parseEventPlain, type EslItem, type EslMessage } from './parser.js';
import { parseEslUrl } from './url.js';

/**
 * The subscription. `CUSTOM` comes last on purpose: mod_event_socket reads every word after
 * `CUSTOM` as a subclass name, so `CUSTOM callcenter::info CHANNEL_HOLD` would subscribe to a
 * (non-existent) subclass called CHANNEL_HOLD and never deliver a hold.
 */
export const EVENT_SUBSCRIPTION = 'event plain CHANNEL_HOLD CHANNEL_UNHOLD CUSTOM callcenter::info';

/**
 * Asked once subscribed, on every connection: the event socket does not replay what happened
 * while the adapter was away (or before it came), so the state is asked for, not assumed.
 */
export const CHANNELS_QUESTION = 'api show channels as json';
export const AGENTS_QUESTION = 'api callcenter_config agent list';
export const QUEUES_QUESTION = 'api callcenter_config queue list';
/** Asked for each queue the answer to QUEUES_QUESTION names: the callers in it now. */
export const membersQuestion = (queue: string): string => `api callcenter_config queue list members ${queue}`;

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
    ...(options.surveyExtension !== undefined && { surveyExtension: options.surveyExtension }),
  });
  const batcher = createFeedBatcher(options.sink, counters, name, log, options.batch);

  /** One connection: auth/request, auth, the subscription, the resync questions, then events. */
  function converse(link: TcpLink): TcpConversation {
    const parser = new EslParser();
    let phase: Phase = 'greeting';
    // `api` answers come back in the order asked (api/response), between events.
    const awaiting: Array<(body: string | undefined) => void> = [];
    const ask = (command: string, onAnswer: (body: string | undefined) => void): void => {
      awaiting.push(onAnswer);
      link.write(formatEslCommand(command));
    };

    const resync = (): void => {
      // The calls open now: those opened after the question are not judged by its answer.
      const calls = new Set(mapper.openCalls().map((c) => c.callId));
      ask(CHANNELS_QUESTION, (body) => {
        const reply = readAnswer(body, parseChannelList);
        if (!reply.ok) {
          log?.warn({ adapter: name, reason: reply.reason }, 'FreeSWITCH show channels failed: calls that ended while disconnected stay open');
          return;
        }
        hand(mapper.endCallsGone(calls, reply.value, now()), 'FreeSWITCH resync: ending calls whose channels are gone');
      });
      ask(AGENTS_QUESTION, (body) => {
        const reply = readAnswer(body, parseAgentList);
        if (!reply.ok) {
          log?.warn({ adapter: name, reason: reply.reason }, 'FreeSWITCH agent list failed: agent statuses are known from the next change on');
          return;
        }
        hand(mapper.agentCensus(reply.value, now()), 'FreeSWITCH resync: agent statuses as they are now', 'info');
      });
      // After the agents, so an agent talking on a learnt call is logged in first.
      mapper.beginCallCensus();
      ask(QUEUES_QUESTION, (body) => {
        const reply = readAnswer(body, parseQueueList);
        if (!reply.ok) {
          log?.warn({ adapter: name, reason: reply.reason }, 'FreeSWITCH queue list failed: calls already in the queues are known from their next event on');
          return;
        }
        // The api command splits its arguments on spaces: such a name cannot be asked about.
        for (const queue of reply.value.filter((q) => !/\s/.test(q))) {
          ask(membersQuestion(queue), (members) => {
            const list = readAnswer(members, parseMemberList);
            if (!list.ok) {
              log?.warn({ adapter: name, queue, reason: list.reason }, 'FreeSWITCH queue members failed: calls already in this queue are known from their next event on');
              return;
            }
            hand(mapper.learnCalls(list.value, now()), 'FreeSWITCH resync: calls already in the queue', 'info');
          });
        }
      });
    };

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
          resync();
        }
        return;
      }
      if (type === 'api/response') {
        awaiting.shift()?.(msg.body ?? '');
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
      // log/data, events in another format: nothing the floor needs.
    };

    const onItem = (item: EslItem): void => {
      if (item.type === 'malformed') {
        // An api answer too large to read: its question concludes nothing.
        if (item.contentType?.toLowerCase() === 'api/response') {
          awaiting.shift()?.(undefined);
          return;
        }
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

  /** Events the resync produced (not from an event read): counted and queued. */
  function hand(events: FloorEventInput[], message: string, level: 'warn' | 'info' = 'warn'): void {
    if (events.length === 0) return;
    log?.[level]({ adapter: name, events: events.length }, message);
    counters.events += events.length;
    batcher.add(events);
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

/** An api answer (undefined: skipped for its size) through its parser. */
function readAnswer<T>(body: string | undefined, parse: (body: string) => ApiReply<T>): ApiReply<T> {
  return body === undefined ? { ok: false, reason: 'the answer was too large to read' } : parse(body);
}
