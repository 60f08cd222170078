/**
 * `floorwatch serve --feed URL`: the phone-system feeds the server runs itself.
 *
 *   asterisk-ami://user:secret@pbx:5038          Asterisk Manager Interface (live)
 *   queue-log:///var/log/asterisk/queue_log      an Asterisk queue_log followed through rotation
 *   freeswitch-esl://:password@host:8021         FreeSWITCH mod_callcenter over the event socket
 *
 * Each feed hands its events to the floor's ingest in-process (validated like any batch)
 * and keeps its counters, which `GET /api/v1/feeds` shows to admins.
 */
import type { Logger } from 'pino';
import type { AdapterCounters, EventSink, FeedAdapter } from './types.js';
import { createAmiAdapter } from './asterisk-ami/index.js';
import { createQueueLogFollower } from './queue-log/follow.js';
import { createFreeswitchAdapter } from './freeswitch/index.js';

export interface FeedSettings {
  /** The survey's extension: a transfer there is `target: survey` (art. 76). */
  surveyExtension?: string;
  timeZone: string;
}

export interface RunningFeeds {
  list(): Array<{ name: string; counters: AdapterCounters }>;
  stop(): Promise<void>;
}

/** Builds an adapter for one feed URL; throws a message naming the problem (never the secret). */
export function adapterFor(url: string, sink: EventSink, logger: Logger, settings: FeedSettings): FeedAdapter {
  const scheme = url.slice(0, url.indexOf(':'));
  if (scheme === 'asterisk-ami' || scheme === 'ami') {
    return createAmiAdapter({
      url, sink, logger: logger.child({ feed: 'asterisk-ami' }),
      ...(settings.surveyExtension !== undefined && { surveyExtension: settings.surveyExtension }),
    });
  }
  if (scheme === 'queue-log') {
    const path = decodeURIComponent(new URL(url).pathname);
    return createQueueLogFollower({
      path, sink, logger: logger.child({ feed: 'queue-log' }), timeZone: settings.timeZone,
      ...(settings.surveyExtension !== undefined && { mapping: { surveyExtensions: [settings.surveyExtension] } }),
    });
  }
  if (scheme === 'freeswitch-esl' || scheme === 'esl') {
    return createFreeswitchAdapter({ url, sink, logger: logger.child({ feed: 'freeswitch-esl' }) });
  }
  throw new Error(`--feed: unknown feed "${scheme}:" (use asterisk-ami://user:secret@host:5038, queue-log:///path/to/queue_log or freeswitch-esl://:password@host:8021)`);
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
