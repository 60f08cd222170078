/**
 * `POST` handler for TaskRouter's Event Callback URL. Reads the urlencoded form, checks
 * X-Twilio-Signature against the public URL Twilio called (403 when it does not match),
 * translates the event and answers 200 once the sink accepted what it produced. A callback
 * about a task this process has no memory of (a restart since its first callbacks) is
 * mapped after reading what the floor's log holds about its call (earlier-events.ts).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { AdapterCounters, EventSink } from '../types.js';
import { learnFromLog, type EarlierEvents } from '../earlier-events.js';
import { createTaskRouterMapper, type TaskRouterMapper, type TaskRouterMappingOptions } from './mapping.js';
import { verifyTwilioSignature, type TwilioParams } from './signature.js';

export interface TwilioWebhookOptions {
  /** The account's (or the API key's parent account's) auth token: it signs every callback. */
  authToken: string;
  /**
   * What Twilio called, as configured: a base (`https://floor.example.com`) to which the
   * request's path and query (`req.originalUrl`) are appended, or a function that builds
   * the full URL. Behind a proxy the server cannot know its public URL itself.
   */
  publicUrl: string | ((req: Request) => string);
  sink: EventSink;
  logger: Pick<Logger, 'warn' | 'debug'>;
  mapper?: TaskRouterMapper;
  mapping?: TaskRouterMappingOptions;
  bodyLimit?: string | number;
  /** The events the floor's log holds about these calls, for the mapper to learn from after a restart. */
  earlierEvents?: EarlierEvents;
}

export type TwilioWebhook = RequestHandler & { counters(): AdapterCounters; mapper: TaskRouterMapper };

export function createTwilioWebhook(options: TwilioWebhookOptions): TwilioWebhook {
  const { authToken, publicUrl, sink, logger } = options;
  const mapper = options.mapper ?? createTaskRouterMapper(options.mapping);
  const readForm = express.urlencoded({ extended: false, limit: options.bodyLimit ?? '256kb', type: () => true });
  const urlOf = (req: Request): string => (typeof publicUrl === 'function'
    ? publicUrl(req)
    : publicUrl.replace(/\/+$/, '') + req.originalUrl);

  const handler: RequestHandler = (req, res, next) => {
    readForm(req, res, (err?: unknown) => {
      if (err) {
        res.status(400).json({ error: `unreadable body: ${(err as Error).message}` });
        return;
      }
      const params = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as TwilioParams;
      const signature = req.headers['x-twilio-signature'];
      if (!verifyTwilioSignature(authToken, urlOf(req), params, Array.isArray(signature) ? signature[0] : signature)) {
        logger.warn({ url: urlOf(req) }, 'twilio: bad or missing X-Twilio-Signature');
        res.status(403).json({ error: 'bad signature' });
        return;
      }
      learnFromLog(mapper, mapper.callsToLearn(params), options.earlierEvents, logger, 'twilio').then(() => mapAndSend(params, res, next), next);
    });
  };

  function mapAndSend(params: TwilioParams, res: Response, next: NextFunction): void {
    const result = mapper.map(params);
    if (result.outcome === 'failed') logger.warn({ reason: result.reason }, 'twilio: unreadable event');
    if (result.outcome !== 'mapped') {
      // Answered 200 all the same: a resend would not read any better.
      res.status(200).json({ outcome: result.outcome, reason: result.reason });
      return;
    }
    sink(result.events).then((ingest) => {
      if (ingest.rejected > 0) {
        mapper.noteRejected(ingest.rejected);
        logger.warn({ errors: ingest.errors.slice(0, 10) }, 'twilio: the floor rejected events');
      }
      res.status(200).json({ outcome: 'mapped', events: result.events.length, accepted: ingest.accepted, duplicates: ingest.duplicates, rejected: ingest.rejected });
    }, (sinkErr: unknown) => {
      logger.warn({ err: sinkErr }, 'twilio: the floor did not take the events');
      if (!res.headersSent) res.status(503).json({ error: 'the floor could not take the events' });
      else next(sinkErr);
    });
  }
  return Object.assign(handler, { counters: () => mapper.counters(), mapper });
}
