/**
 * Phone-system adapters: each turns one source's events (Asterisk AMI, queue_log,
 * FreeSWITCH, cloud contact centres) into v1 contract events and hands them to a sink.
 * An adapter only translates: no rule logic, no floor state beyond what the translation
 * itself needs (e.g. which agent a channel belongs to). It keeps its own counters.
 */
import type { FloorEventInput } from '../../shared/events.js';
import type { IngestResult } from '../../shared/ingest.js';

/** Where translated events go: the floor's ingest (in-process) or a server's HTTP API. */
export type EventSink = (events: FloorEventInput[]) => Promise<IngestResult>;

export interface AdapterCounters {
  /** Source records read (AMI messages, queue_log lines, webhook bodies ...). */
  read: number;
  /** Records that became one or more contract events. */
  mapped: number;
  /** Records understood but of no interest to the floor (or unknown event names). */
  ignored: number;
  /** Records that could not be read (malformed) or whose events the floor rejected. */
  failed: number;
  /** Contract events produced. */
  events: number;
  /** Connection state for live feeds. */
  connected?: boolean;
  reconnects?: number;
  /** Set while a reconnect is scheduled (live feeds), so an admin sees it is retrying. */
  nextRetryAt?: number;
  lastError?: string;
  lastEventAt?: number;
}

/** What translating one source record gave: events, or why nothing. */
export type SourceMapResult =
  | { outcome: 'mapped'; events: FloorEventInput[] }
  | { outcome: 'ignored'; events: []; reason: string }
  | { outcome: 'failed'; events: []; reason: string };

export interface FeedAdapter {
  /** A name for logs, counters and the admin page (e.g. `asterisk-ami pbx1:5038`). */
  readonly name: string;
  start(): Promise<void>;
  /** Stops reading and flushes what was translated. */
  stop(): Promise<void>;
  counters(): AdapterCounters;
}

export function emptyCounters(): AdapterCounters {
  return { read: 0, mapped: 0, ignored: 0, failed: 0, events: 0 };
}
