/**
 * `POST /api/v1/events`: a feed posts a batch (JSON array or NDJSON) and learns, per event,
 * what was kept. The answer is sent only after the floor made the accepted events durable,
 * so a 200 means "safe to forget"; a feed that times out resends, and duplicates are counted,
 * not applied twice.
 */
import { createLogThrottle } from '../ops/log-throttle.js';
import express, { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import {
  BatchError, JSON_CONTENT_TYPES, NDJSON_CONTENT_TYPES, isBatchContentType, mediaType,
} from './parse-batch.js';
import { BusyError, DEFAULT_ROOM_WAIT_MS, type GatedIngestService } from './ingest-service.js';
import type { Room } from './room.js';
import { rateLimit } from 'express-rate-limit';
import type { Authenticator } from '../access/principal.js';
import { problem } from '../../shared/problems.js';
import { storageRefusal } from './storage-failure.js';

export const INGEST_PATH = '/api/v1/events';
export const DEFAULT_BODY_LIMIT = '32mb';

export interface IngestRouteOptions {
  ingest: GatedIngestService;
  logger: Logger;
  /** Largest body accepted, in bytes or as `'32mb'`-style text (express/bytes syntax). */
  bodyLimit?: string | number;
  /** Feed tokens: `Authorization: Bearer <token>`; scoped to ingest only. */
  auth: Pick<Authenticator, 'feedFromToken'>;
  /** Requests per minute per feed (default 1,200: twenty batches a second). */
  perMinute?: number;
  /** How long a batch that finds the floor busy waits for room before a 503 (default DEFAULT_ROOM_WAIT_MS; 0: refused at once). */
  roomWaitMs?: number;
}

/** The token after `Bearer `, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** How often a feed's refused events are logged at most. */
export const REFUSALS_LOGGED_EVERY_MS = 10_000;

export function createIngestRouter({
  ingest, logger, auth, bodyLimit = DEFAULT_BODY_LIMIT, perMinute = 1200, roomWaitMs = DEFAULT_ROOM_WAIT_MS,
}: IngestRouteOptions): Router {
  const router = Router();
  // A feed whose events are refused says so in the log, with why, at most every 10 s per feed.
  const refusals = createLogThrottle({ everyMs: REFUSALS_LOGGED_EVERY_MS });

  // Before anything is read: an unknown feed costs the server nothing but a hash lookup.
  const feedOnly: RequestHandler = (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    auth.feedFromToken(token).then((feed) => {
      if (!feed) {
        // No token is a setup step left out; a token not taken (revoked, mistyped) is a different fix.
        // A header without the scheme (the token alone) is the commonest slip: say so.
        const header = req.headers.authorization?.trim() ?? '';
        // "Bearer " and nothing (an unset variable in the feed's script) is a token missing, not the scheme.
        const code = token !== undefined ? 'feedTokenInvalid' : header !== '' && !/^Bearer$/i.test(header) ? 'feedTokenNotBearer' : 'feedTokenRequired';
        res.status(401).set('WWW-Authenticate', 'Bearer realm="floorwatch-ingest"').json(problem(code));
        return;
      }
      res.locals.feed = feed;
      next();
    }, next);
  };
  const limit = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (_req, res) => String((res.locals.feed as { id: string }).id),
    message: { error: 'too many ingest requests for this feed; slow down or send bigger batches' },
  });

  // Checked before the body is read, so a wrong client learns at once and cheaply.
  const contentTypeGate: RequestHandler = (req, res, next) => {
    const type = req.headers['content-type'];
    // No content type at all is allowed: the body is sniffed (curl --data-binary users).
    if (type === undefined || isBatchContentType(type)) return next();
    res.status(415).json({
      error: `unsupported content type "${mediaType(type)}"`,
      accepted: [...JSON_CONTENT_TYPES, ...NDJSON_CONTENT_TYPES],
    });
  };

  // Raw bytes, whatever the type: parseBatch decides between JSON and NDJSON itself.
  const readBody = express.raw({ type: () => true, limit: bodyLimit });

  const refuseBusy = (res: Response, err: BusyError): void => {
    res.setHeader('retry-after', String(err.retryAfterSeconds));
    res.status(503).json({ error: err.message });
  };
  // Before the body is read: on a busy floor a batch waits for room (room.ts), its body
  // unread, and is refused only if none comes in time, for the cost of a header. A small
  // body (an urgent event) is let in unless the hard cap is reached (ingest-service.ts).
  const busyGate: RequestHandler = (req, res, next) => {
    const length = Number(req.headers['content-length']);
    const bytes = Number.isFinite(length) ? length : undefined;
    let room: Room | undefined;
    let gone = false;
    // However the request ends (answered, refused, or the feed hung up while it waited),
    // the room goes with it; ingestBatch gives it back sooner, once the batch counts as waiting.
    res.once('close', () => {
      gone = true;
      room?.release();
    });
    ingest.roomFor(bytes, roomWaitMs).then((given) => {
      if (given instanceof BusyError) {
        if (!gone) refuseBusy(res, given);
        return;
      }
      room = given;
      if (gone) {
        given.release();
        return;
      }
      res.locals.room = given;
      next();
    }, next);
  };

  router.post(INGEST_PATH, feedOnly, limit, contentTypeGate, busyGate, readBody, async (req, res) => {
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const result = await ingest.ingestBatch(body, req.headers['content-type'], (res.locals.feed as { name: string }).name, res.locals.room as Room | undefined);
    // 422 only when nothing in the batch was usable; duplicates count as delivered (a resend).
    const status = result.accepted === 0 && result.duplicates === 0 && result.rejected > 0 ? 422 : 200;
    // The request's own logger (server/ops/request-log.ts) when there is one: the line carries its id.
    const log = (res.locals.log as Logger | undefined) ?? logger;
    log.debug({ accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected }, 'ingest batch');
    const feed = (res.locals.feed as { name: string }).name;
    const passed = result.rejected > 0 ? refusals.pass(feed) : undefined;
    if (passed !== undefined) {
      // Whoever connects a phone system reads here why its events are not taken (the feed got them too).
      log.warn({
        feed, accepted: result.accepted, rejected: result.rejected, errors: result.errors.slice(0, 5),
        ...(passed.heldBack > 0 && { batchesWithRefusalsSinceLastLine: passed.heldBack }),
      }, `ingest: ${result.rejected} event(s) of a batch from feed "${feed}" refused: ${result.errors.slice(0, 3).map((e) => `${e.field}: ${e.reason}`).join('; ')} (logged at most every 10 s per feed)`);
    }
    res.status(status).json(result);
  });

  // Scoped to the route so it never answers for errors of other routers.
  const batchErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const storage = storageRefusal(err);
    if (storage !== undefined) {
      // Not stored, so not acknowledged: the feed keeps the batch and sends it again (503, not 500).
      ((res.locals.log as Logger | undefined) ?? logger).warn({ err }, 'ingest: the storage failed; batch refused, to be sent again');
      res.setHeader('retry-after', String(storage.retryAfterSeconds));
      res.status(503).json({ error: storage.error });
    } else if (err instanceof BatchError) {
      res.status(400).json({ error: err.message });
    } else if (err instanceof BusyError) {
      refuseBusy(res, err);
    } else if (isBodyParserError(err) && err.type === 'entity.too.large') {
      res.status(413).json({ error: 'body too large', limit: bodyLimit });
    } else {
      next(err);
    }
  };
  router.use(INGEST_PATH, batchErrors);

  return router;
}

function isBodyParserError(err: unknown): err is { type: string } {
  return typeof err === 'object' && err !== null && typeof (err as { type?: unknown }).type === 'string';
}
