/**
 * `floorwatch serve --feed URL`: the phone-system feeds the server runs itself.
 *
 *   asterisk-ami://user:secret@pbx:5038          Asterisk Manager Interface (live)
 *   queue-log:///var/log/asterisk/queue_log      an Asterisk queue_log followed through rotation,
 *                                                resumed after a restart from its saved position
 *   freeswitch-esl://:password@host:8021         FreeSWITCH mod_callcenter over the event socket
 *
 * Each feed hands its events to the floor's ingest in-process (validated like any batch)
 * and keeps its counters, which `GET /api/v1/feeds` shows to admins.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import type { Logger } from 'pino';
import type { AdapterCounters, EventSink, FeedAdapter } from './types.js';
import { createAmiAdapter } from './asterisk-ami/index.js';
import { createQueueLogFollower } from './queue-log/follow.js';
import { createPositionFile, positionFileFor } from './queue-log/position-file.js';
import { unreadableReason } from './queue-log/readable.js';
import { createFreeswitchAdapter } from './freeswitch/index.js';
import type { AdapterKind, AdapterSettings } from '../config/adapters-file.js';

export interface FeedSettings {
  /**
   * Each adapter's site settings (`--adapters-config`, with `--survey-ext` and `--agent-ids`
   * already in the sections that take them: config/adapters-file.ts withFlags).
   */
  adapters?: AdapterSettings;
  timeZone: string;
  /**
   * The database file: feeds keep what they must remember across a restart beside it
   * (the queue_log position, `<db>.queue-log-<hash>.json`). None (`:memory:`) keeps nothing.
   */
  stateBase?: string;
}

export interface RunningFeeds {
  list(): Array<{ name: string; counters: AdapterCounters }>;
  stop(): Promise<void>;
}

/** The adapter kind a feed URL's scheme names (its section in the adapters file), if any. */
export function feedKind(url: string): AdapterKind | undefined {
  const scheme = url.slice(0, Math.max(0, url.indexOf(':')));
  if (scheme === 'asterisk-ami' || scheme === 'ami') return 'asterisk-ami';
  if (scheme === 'queue-log') return 'queue-log';
  if (scheme === 'freeswitch-esl' || scheme === 'esl') return 'freeswitch';
  return undefined;
}

/** Builds an adapter for one feed URL; throws a message naming the problem (never the secret). */
export function adapterFor(url: string, sink: EventSink, logger: Logger, settings: FeedSettings): FeedAdapter {
  const kind = feedKind(url);
  if (kind === 'asterisk-ami') {
    return createAmiAdapter({ ...settings.adapters?.['asterisk-ami'], url, sink, logger: logger.child({ feed: 'asterisk-ami' }) });
  }
  if (kind === 'queue-log') {
    const path = queueLogPath(url);
    return createQueueLogFollower({
      path, sink, logger: logger.child({ feed: 'queue-log' }), timeZone: settings.timeZone,
      ...(settings.stateBase !== undefined && { positions: createPositionFile(positionFileFor(settings.stateBase, path), path) }),
      mapping: settings.adapters?.['queue-log'] ?? {},
    });
  }
  if (kind === 'freeswitch') {
    return createFreeswitchAdapter({ ...settings.adapters?.freeswitch, url, sink, logger: logger.child({ feed: 'freeswitch-esl' }) });
  }
  throw new Error(`--feed: unknown feed "${url.slice(0, url.indexOf(':'))}:" (use asterisk-ami://user:secret@host:5038, queue-log:///path/to/queue_log or freeswitch-esl://:password@host:8021)`);
}

const QUEUE_LOG_FORM = 'use queue-log:///absolute/path/to/queue_log (three slashes), e.g. queue-log:///var/log/asterisk/queue_log';

/**
 * The file a queue-log URL names. `queue-log://var/log/...` would make `var` a host name
 * that URL parsing drops, so any host is refused rather than guessed at. The directory
 * must exist (a typo, or Asterisk not installed here); the file need not yet, but if it
 * is there this user must be able to read it.
 */
function queueLogPath(url: string): string {
  let parsed: URL;
  let file: string;
  try {
    parsed = new URL(url);
    file = decodeURIComponent(parsed.pathname);
  } catch {
    throw new Error(`--feed ${url}: not a URL; ${QUEUE_LOG_FORM}`);
  }
  if (parsed.host !== '') throw new Error(`--feed ${url}: "${parsed.host}" would be read as a host name and left out of the path; ${QUEUE_LOG_FORM}`);
  if (parsed.search !== '' || parsed.hash !== '') throw new Error(`--feed ${url}: a queue-log URL takes no ? or # part; ${QUEUE_LOG_FORM}`);
  if (!nodePath.isAbsolute(file) || file.endsWith('/')) throw new Error(`--feed ${url}: not an absolute path to a file; ${QUEUE_LOG_FORM}`);
  const dir = nodePath.dirname(file);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`--feed ${url}: the directory ${dir} does not exist (check the path: Asterisk writes /var/log/asterisk/queue_log)`);
  }
  // A file there that this user may not read is refused now: the follower would only retry it.
  const unreadable = unreadableReason(file);
  if (unreadable !== undefined) throw new Error(`--feed ${url}: ${unreadable}`);
  return file;
}

export async function startFeeds(urls: string[], sink: EventSink, logger: Logger, settings: FeedSettings): Promise<RunningFeeds> {
  const adapters = urls.map((url) => adapterFor(url, sink, logger, settings));
  for (const adapter of adapters) {
    await adapter.start();
    logger.info({ feed: adapter.name }, 'feed started');
  }
  return {
    list: () => adapters.map((a) => ({ name: a.name, counters: a.counters() })),
    stop: async () => {
      await Promise.all(adapters.map((a) => a.stop()));
    },
  };
}
