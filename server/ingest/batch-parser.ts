/**
 * Where ingest bodies are parsed. A big batch's parse (text decoding, JSON.parse line by
 * line, the zod schema, and later the log's JSON.stringify of every event) was about a
 * third of the floor's thread at full ingest, while the machine's other core idled. The
 * thread parser does all of that on a thread of its own and hands back one JSON string the
 * floor's thread parses in one call; the log stores each event's slice of it as is.
 *
 * Small bodies (one urgent event, a few state changes) are parsed inline: a round trip to
 * the thread would only add latency. If the thread fails, the batches it held are parsed
 * inline, so none is lost or answered wrongly, and after a few failures it is not started
 * again. Either way the sender gets exactly what parseBatch says, whichever thread ran it.
 */
import type { Worker } from 'node:worker_threads';
import type { FloorEvent } from '../../shared/events.js';
import type { RejectedEvent } from '../../shared/ingest.js';
import { startThread } from '../threads/start-thread.js';
import { BatchError, parseBatch, type ParsedBatch } from './parse-batch.js';

export interface BatchParser {
  parse(body: string | Buffer, contentType: string | undefined): Promise<ParsedBatch>;
  close(): Promise<void>;
}

export interface ParseRequest {
  id: number;
  body: Uint8Array;
  contentType: string | undefined;
}
export type ParseReply =
  | { id: number; ok: true; joined: string; ends: Uint32Array; indexes: number[]; errors: RejectedEvent[]; total: number }
  | { id: number; ok: false; batchError: boolean; message: string };

/** Bodies up to this size are parsed inline (as ingest-service's SMALL_BODY_BYTES: an urgent event's). */
export const INLINE_UP_TO_BYTES = 64 * 1024;
/** Thread failures after which every body is parsed inline. */
export const MAX_THREAD_FAILURES = 3;

/** Rebuilds the batch from the thread's answer: the events, and each one's JSON text. */
function fromReply(reply: Extract<ParseReply, { ok: true }>): ParsedBatch {
  const events = JSON.parse(reply.joined) as FloorEvent[];
  const texts = new Array<string>(events.length);
  let start = 1; // after the '['
  for (let i = 0; i < events.length; i++) {
    texts[i] = reply.joined.slice(start, reply.ends[i]);
    start = reply.ends[i]! + 1; // after the ','
  }
  return { events, texts, indexes: reply.indexes, errors: reply.errors, total: reply.total };
}

/** Marks a request the thread did not answer (it ended): parsed inline instead. */
class ThreadGone extends Error {}

export interface ThreadParserOptions {
  inlineUpToBytes?: number;
  /** Told why, each time the thread fails. */
  onThreadFailure?: (message: string) => void;
  /** Starts the thread (tests start one that fails). */
  startParseThread?: () => Worker;
}

export function startThreadParser(options: ThreadParserOptions = {}): BatchParser {
  const inlineUpTo = options.inlineUpToBytes ?? INLINE_UP_TO_BYTES;
  let worker: Worker | undefined;
  let failures = 0;
  let closed = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (r: ParseReply) => void; reject: (e: Error) => void }>();

  const threadFailed = (message: string): void => {
    worker = undefined;
    for (const w of waiting.values()) w.reject(new ThreadGone(message));
    waiting.clear();
    if (closed) return;
    failures += 1;
    options.onThreadFailure?.(failures >= MAX_THREAD_FAILURES ? `${message}; parsing inline from now on` : message);
  };
  const thread = (): Worker | undefined => {
    if (worker !== undefined || closed || failures >= MAX_THREAD_FAILURES) return worker;
    const started = options.startParseThread?.() ?? startThread(import.meta.url, 'parse-thread', undefined);
    started.unref();
    started.on('message', (reply: ParseReply) => {
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    });
    started.on('error', (err) => {
      if (worker === started) threadFailed(`ingest parse thread: ${err.message}`);
    });
    started.on('exit', (code) => {
      if (worker === started) threadFailed(`ingest parse thread exited (code ${code})`);
    });
    worker = started;
    return worker;
  };

  return {
    async parse(body, contentType) {
      if (typeof body === 'string' || body.length <= inlineUpTo) return parseBatch(body, contentType);
      const target = thread();
      if (target === undefined) return parseBatch(body, contentType);
      const bytes: Uint8Array = body;
      const id = nextId++;
      let reply: ParseReply;
      try {
        reply = await new Promise<ParseReply>((resolve, reject) => {
          waiting.set(id, { resolve, reject });
          // Copied, not transferred: the body may share its memory with other buffers.
          target.postMessage({ id, body: bytes, contentType } satisfies ParseRequest);
        });
      } catch (err) {
        if (err instanceof ThreadGone) return parseBatch(body, contentType);
        throw err;
      }
      if (reply.ok) return fromReply(reply);
      throw reply.batchError ? new BatchError(reply.message) : new Error(reply.message);
    },
    async close() {
      closed = true;
      const ending = worker;
      worker = undefined;
      // Anything still waiting is parsed inline by its caller.
      for (const w of waiting.values()) w.reject(new ThreadGone('closed'));
      waiting.clear();
      await ending?.terminate();
    },
  };
}
