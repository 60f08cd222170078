/**
 * `POST` handler for a small forwarder (a Lambda on the Kinesis streams) that posts the
 * decoded records as JSON: one record or an array, agent events and contact records mixed.
 * `Authorization: Bearer <sharedSecret>` or 401. The answer comes after the sink accepted
 * the events, so a 2xx means "safe to forget"; a 503 asks the forwarder to retry (the
 * events' ids are stable, so a retried batch only adds duplicates).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { FloorEventInput } from '../../../shared/events.js';
import type { AdapterCounters, EventSink } from '../types.js';
import { learnFromLog, type EarlierEvents } from '../earlier-events.js';
import { createConnectMapper, type ConnectMapper, type ConnectMappingOptions } from './mapping.js';
import { recordKind } from './records.js';

export interface ConnectWebhookOptions {
  sink: EventSink;
  logger: Pick<Logger, 'warn' | 'debug'>;
  /** The forwarder's bearer token. Required: an empty secret refuses every request. */
  sharedSecret: string;
  /** A mapper to share (e.g. with a replay import); otherwise one is made from `mapping`. */
  mapper?: ConnectMapper;
  mapping?: ConnectMappingOptions;
  /** Largest body, express/bytes syntax. Default `'5mb'` (a Kinesis batch is at most ~6 MB). */
  bodyLimit?: string | number;
  /** The events the floor's log holds about these calls (contacts), for the mapper to learn from. */
  earlierEvents?: EarlierEvents;
}

export type ConnectWebhook = RequestHandler & { counters(): AdapterCounters; mapper: ConnectMapper };

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time check of `Authorization: Bearer <secret>`. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  if (secret === '') return false;
  const token = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return token !== undefined && timingSafeEqual(digest(token), digest(secret));
}

export function createConnectWebhook(options: ConnectWebhookOptions): ConnectWebhook {
  const { sink, logger, sharedSecret } = options;
  const mapper = options.mapper ?? createConnectMapper(options.mapping);
  const readJson = express.json({ type: () => true, limit: options.bodyLimit ?? '5mb', strict: false });

  const handler: RequestHandler = (req, res, next) => {
    if (!bearerMatches(req.headers.authorization, sharedSecret)) {
      res.status(401).set('WWW-Authenticate', 'Bearer realm="floorwatch-amazon-connect"')
        .json({ error: 'the forwarder\'s shared secret is required (Authorization: Bearer <secret>)' });
      return;
    }
    readJson(req, res, (err?: unknown) => {
      if (err) {
        const status = (err as { status?: number }).status ?? 400;
        res.status(status >= 400 && status < 500 ? status : 400).json({ error: `unreadable body: ${(err as Error).message}` });
        return;
      }
      const body: unknown = req.body;
      const records: unknown[] = Array.isArray(body) ? body : [body];
      const unknown = options.earlierEvents ? mapper.contactsToLearn(records) : [];
      learnFromLog(mapper, unknown, options.earlierEvents, logger, 'amazon-connect').then(() => mapAndSend(records, res, next), next);
    });
  };

  function mapAndSend(records: unknown[], res: express.Response, next: express.NextFunction): void {
    const events: FloorEventInput[] = [];
    let ignored = 0;
    const failures: string[] = [];
    for (const record of records) {
      const kind = recordKind(record);
      const result = kind === 'contact-record' ? mapper.mapContactRecord(record) : mapper.mapAgentEvent(record);
      if (result.outcome === 'mapped') events.push(...result.events);
      else if (result.outcome === 'ignored') ignored += 1;
      else failures.push(result.reason);
    }
    if (failures.length > 0) logger.warn({ failures: failures.slice(0, 10), count: failures.length }, 'amazon-connect: unreadable records');
    const reply = (accepted: number, duplicates: number, rejected: number) =>
      res.status(200).json({ records: records.length, events: events.length, accepted, duplicates, rejected, ignored, failed: failures.length });
    if (events.length === 0) {
      reply(0, 0, 0);
      return;
    }
    sink(events).then((result) => {
      if (result.rejected > 0) {
        mapper.noteRejected(result.rejected);
        logger.warn({ errors: result.errors.slice(0, 10) }, 'amazon-connect: the floor rejected events');
      }
      logger.debug({ accepted: result.accepted, duplicates: result.duplicates }, 'amazon-connect batch');
      reply(result.accepted, result.duplicates, result.rejected);
    }, (sinkErr: unknown) => {
      logger.warn({ err: sinkErr }, 'amazon-connect: the floor did not take the batch');
      if (!res.headersSent) res.status(503).json({ error: 'the floor could not take the events; retry' });
      else next(sinkErr);
    });
  }
  return Object.assign(handler, { counters: () => mapper.counters(), mapper });
}
