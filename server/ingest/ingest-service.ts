/**
 * One batch in, one IngestResult out, whichever transport carried it: validate, hand the
 * valid events to the floor, and report every rejection (ours and the floor's) by its
 * position in the batch the sender knows.
 */
import type { IngestResult, RejectedEvent } from '../../shared/ingest.js';
import type { FloorService, IngestOutcome } from '../floor/types.js';
import type { BatchParser } from './batch-parser.js';
import { parseBatch, validateBatch, withTexts, type ParsedBatch } from './parse-batch.js';
import { RoomQueue, type Room } from './room.js';
import { ServiceRate } from './service-rate.js';

export interface IngestService {
  /**
   * A raw body (JSON array or NDJSON; throws `BatchError` when it is not a batch at all)
   * or already-decoded items. Resolves only once `floor.ingest` has made the accepted
   * events durable, so a resolved result may be shown to the sender as final.
   */
  ingestBatch(batch: string | Buffer | unknown[], contentType?: string, feed?: string, room?: Room): Promise<IngestResult>;
  /**
   * True while no batch can be taken at all (the waiting events are at the limit): the
   * HTTP route then answers 503 before reading the body, so an overloaded server spends
   * nothing on batches it would refuse anyway. Given the body's size, it also refuses a
   * body whose events, estimated at the bytes per event of the bodies read so far, would
   * take the waiting events past the bound (ingestBatch would refuse it once parsed).
   */
  busy?(bodyBytes?: number): boolean;
  /**
   * Room for a body of this size (room.ts): at once when it fits, else as soon as it does
   * within `waitMs`; a BusyError when it still does not. Pass the room to ingestBatch
   * (which gives it back once the batch counts as waiting), and release it if the request
   * ends before.
   */
  roomFor?(bodyBytes: number | undefined, waitMs: number): Promise<Room | BusyError>;
}

/** The floor's own ingest service, which answers the busy gate's questions. */
export type GatedIngestService = IngestService & Required<Pick<IngestService, 'busy' | 'roomFor'>>;

/** How long a batch that finds the floor busy waits for room before it is refused (room.ts). */
export const DEFAULT_ROOM_WAIT_MS = 1000;

/**
 * Told what became of every batch (the metrics, server/ops): how many items it held, per
 * feed, and the result, or none when the floor could not take it. It never changes what
 * the sender is answered, and its own failure is ignored.
 */
export interface IngestObserver {
  /** `late`: the accepted events stamped further behind than the reorder window (IngestOutcome.late). */
  batch(feed: string, received: number, result: IngestResult | undefined, late?: IngestOutcome['late']): void;
}

const NOTHING_VALID: IngestOutcome = { accepted: 0, duplicates: 0, refused: [] };

/**
 * The floor has more events waiting than it should queue: the batch was not taken (so
 * nothing of it was accepted) and the sender should send it again shortly. Raised instead
 * of queueing without bound, which under overload would make every alert arrive later and
 * later (HTTP 503 with Retry-After; an error ack over socket.io).
 */
export class BusyError extends Error {
  readonly retryAfterSeconds = 1;
  /**
   * `fits`: a cheap look at whether the same batch would be taken now (the cluster's
   * stream reads its count of waiting events), so a batch waiting for room is offered
   * again only when it would go in, not sent whole each time to be refused.
   */
  constructor(pending: number, limit: number, readonly fits?: () => Promise<boolean>) {
    super(`busy: ${pending} events are waiting to be applied (limit ${limit}); send the batch again in a second`);
    this.name = 'BusyError';
  }
}

export interface IngestServiceOptions {
  /**
   * Events handed to the floor and not yet durable-and-applied, above which a new batch
   * is refused with BusyError. Keeps the wait of an accepted event (and so alert latency)
   * bounded under overload. A batch is always taken when nothing is waiting, however big.
   */
  maxPendingEvents?: number;
  /**
   * The event loop's lag (server/ingest/loop-lag.ts) and the bound above which the server
   * counts as busy too: requests queued before any handler are invisible to the count of
   * waiting events. Without it only that count decides.
   */
  loopLag?: { current(): number };
  maxLoopLagMs?: number;
  /**
   * The waiting events are also kept to about this much of the floor's work, at the rate
   * it was measured to apply them (server/ingest/service-rate.ts): a fixed count would be
   * a quarter of a second on a quiet floor and several seconds on one whose screens cost
   * more per event, which is exactly when alerts must not wait. Default 250 ms.
   */
  maxQueueMs?: number;
  /** Real time in ms (performance.now), for the rate and the floor's busy wait; tests pass a fake. */
  now?: () => number;
  /** Where bodies are parsed (batch-parser.ts); inline on the caller's thread by default. */
  parser?: BatchParser;
  /**
   * How long a parsed batch the floor itself refuses as busy (a cluster's input stream,
   * whose waiting events are counted in Redis, across the processes) is offered again
   * before the sender is refused: default DEFAULT_ROOM_WAIT_MS, as the wait for room.
   */
  floorBusyWaitMs?: number;
}

/** Lag of the event loop above which ingest refuses new batches. */
export const DEFAULT_MAX_LOOP_LAG_MS = 300;

/**
 * How often a batch the floor refused as busy looks for room again while it may wait. A
 * refused batch is sent again whole by its feed (read, parsed and checked again): one
 * run of the three-process bench refused 483 batches that way, on a machine short of CPU.
 */
export const FLOOR_BUSY_RETRY_MS = 50;

/** Under half a second of work at full speed on a modest machine (a few batches in flight). */
export const DEFAULT_MAX_PENDING_EVENTS = 20_000;

/** The measured bound never goes below this: a rate taken from tiny batches undersells big ones. */
const MIN_LIMIT = 1000;

/**
 * A batch this small (one urgent event, a few state changes) is held only to the fixed
 * cap, not to the measured bound: under overload the big batches keep the waiting work at
 * the bound, and refusing a feed's single alert-raising event for their sake would make
 * alerts the ones that wait. The queue still ends at most this much over its bound.
 */
export const SMALL_BATCH_EVENTS = 100;
/** A body this small cannot hold more than about SMALL_BATCH_EVENTS events. */
export const SMALL_BODY_BYTES = 64 * 1024;

/** Work the waiting events may amount to, at the measured rate. */
export const DEFAULT_MAX_QUEUE_MS = 250;

export function createIngestService(floor: FloorService, observer?: IngestObserver, options: IngestServiceOptions = {}): GatedIngestService {
  const cap = options.maxPendingEvents ?? DEFAULT_MAX_PENDING_EVENTS;
  const clock = options.now ?? (() => performance.now());
  const rate = new ServiceRate(clock);
  const maxQueueMs = options.maxQueueMs ?? DEFAULT_MAX_QUEUE_MS;
  /** The bound right now: the cap, or less when the measured rate says it is more work than maxQueueMs. */
  const limit = (): number => {
    const perMs = rate.eventsPerMs();
    return perMs === undefined ? cap : Math.min(cap, Math.max(MIN_LIMIT, Math.round(perMs * maxQueueMs)));
  };
  let pending = 0;
  const rooms = new RoomQueue();
  /** Events handed to the floor and not yet applied, and those of batches let in and not yet parsed. */
  const waiting = (): number => pending + rooms.held;
  /**
   * Bytes per event of the bodies read so far (a running mean, weighted to recent ones):
   * lets `busy` tell from Content-Length alone that a body would be refused once parsed,
   * and refuse it before reading. Without it a busy floor read and parsed batch after
   * batch only to refuse each (the ingest bench saw 311 such in 200 batches).
   */
  let bytesPerEvent: number | undefined;
  const learnSize = (bytes: number, items: number): void => {
    if (items === 0) return;
    const sample = bytes / items;
    bytesPerEvent = bytesPerEvent === undefined ? sample : bytesPerEvent * 0.8 + sample * 0.2;
  };
  const observe = (feed: string, received: number, result: IngestResult | undefined, late?: IngestOutcome['late']): void => {
    try {
      observer?.batch(feed, received, result, late);
    } catch {
      // Counting must never cost a sender its answer.
    }
  };
  const isSmall = (bodyBytes: number | undefined): boolean => bodyBytes !== undefined && bodyBytes <= SMALL_BODY_BYTES;
  const estimate = (bodyBytes: number | undefined): number =>
    bodyBytes === undefined || bytesPerEvent === undefined ? 0 : Math.ceil(bodyBytes / bytesPerEvent);
  const busy = (bodyBytes: number | undefined): boolean => {
    if (isSmall(bodyBytes)) return waiting() >= cap;
    const bound = limit();
    if (waiting() >= bound || (options.loopLag?.current() ?? 0) > (options.maxLoopLagMs ?? DEFAULT_MAX_LOOP_LAG_MS)) return true;
    // The same test ingestBatch makes once the body is parsed, on the estimated count.
    return waiting() > 0 && waiting() + estimate(bodyBytes) > bound;
  };
  return {
    busy,
    roomFor: async (bodyBytes, waitMs) => {
      const room = await rooms.take(estimate(bodyBytes), () => !busy(bodyBytes), waitMs, isSmall(bodyBytes));
      return room ?? new BusyError(waiting(), isSmall(bodyBytes) ? cap : limit());
    },
    async ingestBatch(batch, contentType, feed = 'unnamed', room) {
      try {
        return await ingest(batch, contentType, feed, room);
      } finally {
        room?.release();
      }
    },
  };

  /**
   * floor.ingest, offered again while the floor says busy, until the wait runs out: every
   * FLOOR_BUSY_RETRY_MS it asks whether the batch would fit now (BusyError's `fits`, when
   * the floor can tell), and offers it when it would. `retried`: it waited, so its time was
   * not the floor's work alone.
   */
  async function ingestWhenRoom(parsed: ParsedBatch): Promise<{ outcome: IngestOutcome; retried: boolean }> {
    const deadline = clock() + (options.floorBusyWaitMs ?? DEFAULT_ROOM_WAIT_MS);
    for (let retried = false; ; retried = true) {
      try {
        return { outcome: await floor.ingest(parsed.events, parsed.texts), retried };
      } catch (err) {
        if (!(err instanceof BusyError)) throw err;
        do {
          if (clock() >= deadline) throw err;
          await new Promise((resolve) => setTimeout(resolve, FLOOR_BUSY_RETRY_MS));
        } while (err.fits !== undefined && !(await err.fits()));
      }
    }
  }

  async function ingest(batch: string | Buffer | unknown[], contentType: string | undefined, feed: string, room: Room | undefined): Promise<IngestResult> {
    // Inline, the batch counts as waiting from the moment it is handed over, with no turn of the loop in between.
    // withTexts: each event's JSON, made here (the log would make it anyway) so that an
    // event without one is rejected alone instead of failing the batch's write each time.
    const parsed = withTexts(Array.isArray(batch) ? validateBatch(batch)
      : options.parser ? await options.parser.parse(batch, contentType) : parseBatch(batch, contentType));
    if (!Array.isArray(batch)) learnSize(typeof batch === 'string' ? Buffer.byteLength(batch) : batch.length, parsed.total);
    const size = parsed.events.length;
    const bound = size <= SMALL_BATCH_EVENTS ? cap : limit();
    // The test the gate made on the estimate, now on the count: the room held for this
    // batch (its estimate) is not what it waits behind.
    const others = waiting() - (room?.held ?? 0);
    if (size > 0 && others > 0 && others + size > bound) {
      observe(feed, parsed.total, undefined);
      throw new BusyError(others, bound);
    }
    let outcome: IngestOutcome;
    pending += size;
    room?.release();
    const submitted = rate.submitted();
    try {
      // An all-bad batch need not touch the floor (or its storage) at all.
      if (size === 0) outcome = NOTHING_VALID;
      else {
        const taken = await ingestWhenRoom(parsed);
        outcome = taken.outcome;
        // A batch that waited for the floor's room would count its wait as the floor's work.
        if (!taken.retried) rate.completed(submitted, size);
      }
    } catch (err) {
      observe(feed, parsed.total, undefined);
      throw err;
    } finally {
      pending -= size;
      rooms.wake();
    }
    const errors = mergeRefused(parsed, outcome.refused);
    const result = {
      accepted: outcome.accepted,
      duplicates: outcome.duplicates,
      rejected: errors.length,
      errors,
    };
    observe(feed, parsed.total, result, outcome.late);
    return result;
  }
}

/** The floor numbers refusals by position among the valid events; the sender needs batch positions. */
function mergeRefused(parsed: ParsedBatch, refused: IngestOutcome['refused']): RejectedEvent[] {
  if (refused.length === 0) return parsed.errors;
  const errors = parsed.errors.slice();
  for (const r of refused) {
    const event = parsed.events[r.index];
    // An index outside the valid list is a floor bug; -1 keeps the refusal visible rather than misplaced.
    const entry: RejectedEvent = { index: parsed.indexes[r.index] ?? -1, field: r.field, reason: r.reason };
    if (event) entry.id = event.id;
    errors.push(entry);
  }
  return errors.sort((a, b) => a.index - b.index);
}
