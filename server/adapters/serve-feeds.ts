/**
 * The adapter and webhook plumbing of `floorwatch serve` (server/serve.ts): each adapter's
 * settings (the adapters file with the flags that go in its sections), and the receivers of
 * the cloud contact centres' webhooks that are configured.
 */
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { loadAdaptersFile, unusedSections, withFlags, type AdapterKind, type AdapterSettings } from '../config/adapters-file.js';
import type { ServeOptions } from '../serve-options.js';
import type { EventLog } from '../storage/types.js';
import { createConnectWebhook } from './amazon-connect/index.js';
import { feedKind } from './feeds.js';
import { createTwilioWebhook } from './twilio/index.js';
import type { AdapterCounters, EventSink } from './types.js';

/** What of the serve options the adapters are set up from. */
export type FeedOptions = Pick<ServeOptions, 'adaptersConfig' | 'surveyExtension' | 'agentIds' | 'feeds' | 'twilio' | 'connectSecret'>;

/** How far back a webhook's call is looked for in the log: the log keeps a week. */
const CALL_LOOKBACK_MS = 8 * 24 * 3600_000;

/** The cloud contact centres' webhook receivers that are configured. */
export function cloudWebhooks(options: FeedOptions, adapters: AdapterSettings, sinkFor: (feed: string) => EventSink, log: EventLog, logger: Logger) {
  const hooks: Array<{ name: string; path: string; handler: RequestHandler & { counters(): AdapterCounters } }> = [];
  // What the log holds about calls a webhook's mapper has no memory of (a restart in between).
  const earlierEvents = async (callIds: string[]) => {
    const now = Date.now();
    const entries = await log.eventsAbout({ callIds, from: now - CALL_LOOKBACK_MS, to: now + CALL_LOOKBACK_MS });
    return entries.flatMap((entry) => (entry.payload.kind === 'event' ? [entry.payload.event] : []));
  };
  if (options.twilio) {
    hooks.push({
      name: 'twilio-taskrouter', path: '/hooks/twilio/taskrouter',
      handler: createTwilioWebhook({
        ...options.twilio, sink: sinkFor('twilio-taskrouter'), logger: logger.child({ feed: 'twilio' }), earlierEvents,
        ...(adapters.twilio && { mapping: adapters.twilio }),
      }),
    });
  }
  if (options.connectSecret) {
    hooks.push({
      name: 'amazon-connect', path: '/hooks/amazon-connect',
      handler: createConnectWebhook({
        sharedSecret: options.connectSecret, sink: sinkFor('amazon-connect'), logger: logger.child({ feed: 'amazon-connect' }), earlierEvents,
        ...(adapters['amazon-connect'] && { mapping: adapters['amazon-connect'] }),
      }),
    });
  }
  return hooks;
}

/** Each adapter's settings, and the sections of the file no adapter here uses (said in the log once it is up). */
export interface Adapters {
  settings: AdapterSettings;
  unused: AdapterKind[];
}

/**
 * The adapters file's sections, with `--survey-ext` and `--agent-ids` in the sections that
 * take them. Throws naming the file and the field. A section for an adapter this server
 * does not run is noted: a feed or a secret left out, most likely.
 */
export function adapterSettings(options: FeedOptions): Adapters {
  const fromFile = options.adaptersConfig === undefined ? {} : loadAdaptersFile(options.adaptersConfig);
  const settings = withFlags(fromFile, {
    ...(options.surveyExtension !== undefined && { surveyExtension: options.surveyExtension }),
    ...(options.agentIds !== undefined && { agentIds: options.agentIds }),
  }, options.adaptersConfig);
  const running = new Set<AdapterKind>((options.feeds ?? []).flatMap((url) => feedKind(url) ?? []));
  if (options.twilio) running.add('twilio');
  if (options.connectSecret) running.add('amazon-connect');
  // Of the file's own sections: the flags put theirs in for every adapter that takes them.
  return { settings, unused: unusedSections(fromFile, running) };
}
