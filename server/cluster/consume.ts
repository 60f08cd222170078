/**
 * The owner reading the floor's input stream: a page of entries at a time, in order,
 * stamped and logged in one append and applied (Floor.applyAccepted); then each waiting
 * sender is answered, the replicas are told, and the cursor moves (only while this
 * process's lease holds; entries behind it are in the log and are trimmed).
 */
import type { Logger } from 'pino';
import type { AcceptedOutcome, Floor } from '../floor/floor.js';
import { FenceLostError } from './fence.js';
import type { FloorKeys } from './keys.js';
import type { RedisClient } from './redis.js';
import { sendReply } from './replies.js';
import { acceptedInputOf, answerOf } from './stream-inputs.js';
import type { InputStream, StreamEntry } from './stream-log.js';

export interface ConsumeOptions {
  stream: InputStream;
  /** A connection of its own: the read blocks it. */
  reader: RedisClient;
  /** For the answers. */
  redis: RedisClient;
  keys: Pick<FloorKeys, 'replies'>;
  logger: Logger;
  /** Entries taken at once. */
  readCount: number;
}

/** Shared between the loop and the owner that runs it. */
export interface Consumer {
  /** Set by the owner: the loop ends after the page under way. */
  stop: boolean;
  /** The backlog is consumed: ticks may move the engine to the wall clock. */
  caughtUp: boolean;
  /** The last entry made durable in the log. */
  cursor: string;
  /** The lease's value: the cursor moves only while it still holds. */
  leaseValue: string;
  /** Events consumed whose cursor move did not reach Redis yet (counted off with the next). */
  uncounted: number;
}

export interface ConsumeHooks {
  /** The floor must be given up (a write fenced off, the storage failed, the lease taken). */
  lost(why: string, err?: unknown): void;
  /** A page was applied (the owner tells the replicas). */
  applied(): void;
}

export async function consumeStream(o: ConsumeOptions, floor: Floor, c: Consumer, hooks: ConsumeHooks): Promise<void> {
  while (!c.stop) {
    let entries: StreamEntry[];
    try {
      entries = await o.stream.read(o.reader, c.cursor, o.readCount, 200);
    } catch (err) {
      if (c.stop) return;
      o.logger.debug({ err }, 'cluster: input stream unreadable');
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (c.stop) return;
    if (entries.length === 0) {
      c.caughtUp = true;
      continue;
    }
    const readable = entries.flatMap((entry) => {
      const input = acceptedInputOf(entry);
      if (input === null) o.logger.warn({ streamId: entry.streamId, kind: entry.kind }, 'cluster: an unreadable input stream entry was skipped');
      return input === null ? [] : [{ entry, input }];
    });
    let outcomes: AcceptedOutcome[];
    try {
      outcomes = await floor.applyAccepted(readable.map((r) => r.input));
    } catch (err) {
      hooks.lost(err instanceof FenceLostError ? 'fenced off' : 'the storage failed', err);
      return;
    }
    answer(o, entries, readable.map((r) => r.entry), outcomes);
    const last = entries[entries.length - 1];
    c.cursor = last.streamId;
    // Ticks wait while a backlog is consumed (its inputs keep the times they were
    // accepted), not while inputs merely keep coming: a full page of fresh ones is no backlog.
    c.caughtUp = entries.length < o.readCount || Date.now() - last.acceptedAt < 500;
    hooks.applied();
    try {
      c.uncounted += entries.reduce((sum, entry) => sum + (entry.events ?? 0), 0);
      if (!(await o.stream.advanceCursor(c.leaseValue, c.cursor, c.uncounted))) {
        hooks.lost('the lease was taken');
        return;
      }
      c.uncounted = 0;
    } catch (err) {
      // The cursor only saves re-reading: the log skips what it already holds.
      o.logger.debug({ err }, 'cluster: cursor not moved');
    }
  }
}

/** Tells the processes waiting on commands, rules or plan changes what became of them. */
function answer(o: ConsumeOptions, all: StreamEntry[], read: StreamEntry[], outcomes: AcceptedOutcome[]): void {
  for (const entry of all) {
    if (entry.replyTo === undefined || entry.id === undefined) continue;
    const index = read.indexOf(entry);
    const outcome = index < 0 ? undefined : outcomes[index];
    sendReply(o.redis, o.keys, entry.replyTo, entry.id, answerOf(entry.kind, outcome)).catch((err: unknown) => {
      o.logger.warn({ err, id: entry.id }, 'cluster: an answer could not be sent');
    });
  }
}
