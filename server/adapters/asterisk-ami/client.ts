/**
 * The live Asterisk AMI feed: a TCP connection that logs in, resyncs (QueueStatus for the
 * agents, CoreShowChannels for the calls), reads events, translates them and batches them
 * to the sink. Any disconnect (network, PBX restart) is followed by a
 * reconnect with exponential backoff; a refused login stops the adapter instead, because
 * retrying a wrong secret only fills the PBX's security log.
 */
import { createFeedBatcher, createTcpFeed, recordMapped, type LiveFeedOptions, type TcpConversation, type TcpLink } from '../tcp-feed.js';
import { emptyCounters, type AdapterCounters, type FeedAdapter } from '../types.js';
import type { AmiMappingOptions } from './config.js';
import { AmiMapper, type FollowedCalls } from './mapping.js';
import { listedChannel, type ListedChannel } from './learnt-calls.js';
import { AmiParser, formatAmiMessage, header, type AmiItem, type AmiMessage } from './parser.js';
import { parseAmiUrl } from './url.js';

/** `url` is `asterisk-ami://user:secret@host:5038`; `now` stamps events without a `Timestamp` header. */
export interface AmiAdapterOptions extends Omit<AmiMappingOptions, 'host'>, LiveFeedOptions {}

type Phase = 'banner' | 'login' | 'up';

/** A CoreShowChannels in flight: the calls open when it was asked, and the channels it listed. */
interface Resync {
  id: string;
  calls: FollowedCalls;
  alive: Set<string>;
  listed: ListedChannel[];
  /** Channels hung up while the list was coming: a conversation listed with one is over. */
  hungUp: Set<string>;
}

/** AMI events read with none translated, after which the feed says why the floor may stay empty. */
export const NOTHING_MAPPED_WARNING_AFTER = 1000;
export const NOTHING_MAPPED_WARNING = 'AMI: none of the events read so far became floor events. Floorwatch follows calls through '
  + 'queues (QueueCallerJoin) and agents as queue members: check that calls go through a queue, that queues.conf has '
  + 'eventwhencalled = yes, and the manager user reads call,agent,system (docs/adapters/asterisk-ami.md)';

export function createAmiAdapter(options: AmiAdapterOptions): FeedAdapter {
  const endpoint = parseAmiUrl(options.url);
  const name = `asterisk-ami ${endpoint.display}`;
  const now = options.now ?? Date.now;
  const log = options.logger;
  const counters: AdapterCounters = { ...emptyCounters(), connected: false, reconnects: 0 };
  const mapper = new AmiMapper({ ...options, host: endpoint.host });
  const batcher = createFeedBatcher(options.sink, counters, name, log, options.batch);
  let loginSeq = 0;
  let disconnectedAt: number | undefined;

  /** One connection: the banner, the login, the resync actions, then events. */
  function converse(link: TcpLink): TcpConversation {
    const parser = new AmiParser();
    let phase: Phase = 'banner';
    const seq = ++loginSeq;
    const loginId = `floorwatch-login-${seq}`;
    let resync: Resync | undefined;
    const statusId = `floorwatch-status-${seq}`;

    const onItem = (item: AmiItem): void => {
      if (item.type === 'banner') {
        if (phase !== 'banner') return;
        phase = 'login';
        log?.debug({ adapter: name, banner: item.text }, 'AMI banner');
        // Nothing from an earlier connection is sent again: only the login of this one.
        link.write(formatAmiMessage([
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
      if (resync !== undefined && header(msg, 'ActionID') === resync.id) {
        onChannelList(msg);
        return;
      }
      if (header(msg, 'ActionID') === statusId && onMemberList(msg)) return;
      if (header(msg, 'Response') !== undefined) {
        if (phase === 'login' && header(msg, 'ActionID') === loginId) onLogin(msg);
        return;
      }
      if (resync !== undefined && header(msg, 'Event')?.toLowerCase() === 'hangup') {
        for (const key of [header(msg, 'Uniqueid'), header(msg, 'Channel')]) if (key) resync.hungUp.add(key.trim());
      }
      onEvent(msg);
    };

    const onLogin = (msg: AmiMessage): void => {
      if (header(msg, 'Response')?.toLowerCase() !== 'success') {
        link.refuse(`login refused for user ${endpoint.username}: ${header(msg, 'Message') ?? 'no reason given'}`, 'check manager.conf');
        return;
      }
      phase = 'up';
      link.up('AMI logged in');
      // What happened while we were away (or before we first came) is asked for, not
      // assumed: the queue members as they are now (answered as QueueMember events, mapped
      // like live ones), and the channels alive now, to end the calls that are gone and
      // learn those in conversation.
      mapper.beginMemberCensus();
      link.write(formatAmiMessage([['Action', 'QueueStatus'], ['ActionID', statusId]]));
      resync = { id: `floorwatch-channels-${seq}`, calls: mapper.followedCalls(), alive: new Set(), listed: [], hungUp: new Set() };
      link.write(formatAmiMessage([['Action', 'CoreShowChannels'], ['ActionID', resync.id]]));
    };

    /**
     * The answer to QueueStatus: a Response, its members (QueueMember, mapped like live
     * events: false, not handled here), then QueueStatusComplete, when the memberships it
     * did not list are ended. True when the message was handled here.
     */
    const onMemberList = (msg: AmiMessage): boolean => {
      const response = header(msg, 'Response');
      if (response !== undefined) {
        if (response.toLowerCase() !== 'success') {
          log?.warn({ adapter: name, reason: header(msg, 'Message') }, 'AMI QueueStatus refused: agents already logged in are not known, and those who left during a gap stay logged in');
          mapper.cancelMemberCensus();
        }
        return true;
      }
      if (header(msg, 'Event')?.toLowerCase() !== 'queuestatuscomplete') return false;
      const left = mapper.endMembershipsGone(now());
      if (left.length === 0) return true;
      log?.warn({ adapter: name, agents: left.length }, 'AMI resync: logging out agents no longer in any queue');
      counters.events += left.length;
      batcher.add(left);
      return true;
    };

    /** The answer to CoreShowChannels: a Response, one CoreShowChannel per channel, then CoreShowChannelsComplete. */
    const onChannelList = (msg: AmiMessage): void => {
      if (!resync) return;
      const response = header(msg, 'Response');
      if (response !== undefined) {
        if (response.toLowerCase() !== 'success') {
          log?.warn({ adapter: name, reason: header(msg, 'Message') }, 'AMI CoreShowChannels refused: calls ended while disconnected stay open (give the manager user write = reporting)');
          resync = undefined;
        }
        return;
      }
      const event = header(msg, 'Event')?.toLowerCase();
      if (event === 'coreshowchannel') {
        for (const key of [header(msg, 'Uniqueid'), header(msg, 'Channel')]) if (key) resync.alive.add(key.trim());
        const listed = listedChannel(msg);
        if (listed) resync.listed.push(listed);
        return;
      }
      if (event !== 'coreshowchannelscomplete') return;
      const at = now();
      const ended = mapper.endCallsGone(resync.calls, resync.alive, at);
      const hungUp = resync.hungUp;
      const learnt = mapper.learnCalls(resync.listed.filter((c) => !hungUp.has(c.uniqueid) && !hungUp.has(c.channel)), at);
      resync = undefined;
      if (ended.length > 0) log?.warn({ adapter: name, calls: ended.length }, 'AMI resync: ending calls whose channels are gone');
      if (learnt.length > 0) log?.info({ adapter: name, calls: learnt.length }, 'AMI resync: calls already in conversation learnt');
      const events = [...ended, ...learnt];
      if (events.length === 0) return;
      counters.events += events.length;
      batcher.add(events);
    };

    return {
      data: (chunk) => {
        for (const item of parser.push(chunk)) onItem(item);
      },
      end: () => {
        for (const item of parser.end()) onItem(item);
      },
      timeoutReason: () => (phase === 'banner' ? 'no AMI banner from the PBX' : 'no answer to the login'),
    };
  }

  function onEvent(msg: AmiMessage): void {
    const at = now();
    counters.read += 1;
    counters.lastEventAt = at;
    if (header(msg, 'Event')?.toLowerCase() === 'fullybooted') checkRestart(msg, at);
    const result = mapper.map(msg, at);
    if (result.outcome === 'failed') log?.debug({ adapter: name, reason: result.reason }, 'AMI event not translated');
    recordMapped(counters, batcher, result);
    // Said once: a PBX whose calls never pass through a queue (or without eventwhencalled)
    // gives an empty floor, and counters alone leave the installer guessing why.
    if (counters.read === NOTHING_MAPPED_WARNING_AFTER && counters.mapped === 0) {
      log?.warn({ adapter: name, read: counters.read }, NOTHING_MAPPED_WARNING);
    }
  }

  /**
   * FullyBooted follows every login; some Asterisk versions give the PBX's uptime in it
   * (many real ones do not: then the CoreShowChannels resync after login does the work).
   * An uptime shorter than our time away means the PBX restarted: the calls it carried are
   * gone and will never send a Hangup, so they are ended here.
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

  const feed = createTcpFeed({
    name, host: endpoint.host, port: endpoint.port, log, counters, now,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 30_000 },
    loginTimeoutMs: options.loginTimeoutMs ?? 10_000,
    goodbye: formatAmiMessage([['Action', 'Logoff']]),
    converse,
    onLost: (at) => { disconnectedAt = at; },
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
