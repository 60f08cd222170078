/**
 * Follows a live queue_log: reads what Asterisk appends, through rotation, and sends the
 * translated events to the sink in batches.
 *
 * - Starts at the file's end (the last complete line), at its start, or at a saved
 *   position; a saved position on a different inode, or past the end, means the file
 *   rotated while we were away, so the new file is read from its start.
 * - Rotation (rename + new file: a different inode at the path) drains the old file,
 *   including an unterminated last line, before the new one is read from offset 0.
 *   Truncation (copytruncate: same inode, smaller) restarts at 0.
 * - fs.watch on the directory reacts at once; a poll timer covers file systems where
 *   watch is silent (NFS, some containers). Reads are serialised, so a burst of triggers
 *   never reads a line twice.
 * - A batch the sink fails to take stays queued and is retried on the next read; ids are
 *   stable, so a batch that did arrive before the failure is not counted twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { FloorEventInput } from '../../../shared/events.js';
import type { AdapterCounters, EventSink, FeedAdapter } from '../types.js';
import { LineSplitter } from './line-splitter.js';
import { createQueueLogMapper } from './mapping.js';
import type { QueueLogMappingOptions } from './options.js';
import { createRecordReader } from './record-reader.js';

export interface FilePosition {
  ino: number;
  /** Just past the last complete line read. */
  offset: number;
}

export interface QueueLogFollowerOptions {
  path: string;
  sink: EventSink;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Poll fallback interval, ms (default 1000). */
  pollMs?: number;
  now?: () => number;
  /** Where to begin (default `end`). */
  from?: 'end' | 'start' | FilePosition;
  /** Also react to fs.watch (default true). */
  watch?: boolean;
  batchSize?: number;
  mapping?: QueueLogMappingOptions;
  /** A live queue_log is the file form; `csv` is for a table exported continuously. */
  format?: 'pipe' | 'csv';
  timeZone?: string;
}

export interface QueueLogFollower extends FeedAdapter {
  /** Reads what is there now and sends it; resolves when the sink has taken it. */
  poll(): Promise<void>;
  /** Where to resume after a restart (save it with the sink's success). */
  position(): FilePosition | undefined;
}

const CHUNK = 64 * 1024;

export function createQueueLogFollower(o: QueueLogFollowerOptions): QueueLogFollower {
  const now = o.now ?? Date.now;
  const batchSize = o.batchSize ?? 500;
  const mapper = createQueueLogMapper(o.mapping);
  const reader = createRecordReader(mapper, { format: o.format ?? 'pipe', timeZone: o.timeZone });
  const counters: AdapterCounters = reader.counters;
  counters.connected = false;
  counters.reconnects = 0;
  const outbox: FloorEventInput[] = [];
  let file: fs.promises.FileHandle | undefined;
  let ino = 0;
  let readPos = 0;
  let splitter = new LineSplitter(0);
  let opened = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher | undefined;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;

  const take = (text: string, offset: number): void => {
    for (const e of reader.take({ text, offset })) outbox.push(e);
  };

  async function openAt(decide: (size: number, ino: number, handle: fs.promises.FileHandle) => Promise<number>): Promise<boolean> {
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(o.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // between rename and create
      throw err;
    }
    const st = await handle.stat();
    file = handle;
    ino = st.ino;
    readPos = await decide(st.size, st.ino, handle);
    splitter = new LineSplitter(readPos);
    counters.connected = true;
    return true;
  }

  /** The first open: where `from` says, resolved against the file as it is now. */
  async function firstOpen(): Promise<boolean> {
    return openAt(async (size, fileIno, handle) => {
      const from = o.from ?? 'end';
      if (from === 'start') return 0;
      if (from !== 'end') return from.ino === fileIno && from.offset <= size ? from.offset : 0;
      // From the end, but at a line start: an unterminated last line is read once it ends.
      const start = Math.max(0, size - CHUNK);
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start);
      const nl = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      return nl >= 0 ? start + nl + 1 : start === 0 ? 0 : size;
    });
  }

  async function drain(): Promise<void> {
    if (!file) return;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, readPos);
      if (bytesRead === 0) return;
      readPos += bytesRead;
      for (const line of splitter.push(buffer.subarray(0, bytesRead))) take(line.text, line.offset);
    }
  }

  function finishFile(): void {
    const last = splitter.flush();
    if (last) take(last.text, last.offset);
  }

  async function checkRotation(): Promise<void> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(o.path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // renamed; the new file is not there yet
      throw err;
    }
    if (st.ino !== ino) {
      finishFile();
      await file?.close();
      file = undefined;
      counters.reconnects = (counters.reconnects ?? 0) + 1;
      o.logger.info({ path: o.path }, 'queue_log rotated: continuing with the new file');
      if (await openAt(async () => 0)) await drain();
    } else if (st.size < readPos) {
      finishFile();
      o.logger.info({ path: o.path }, 'queue_log truncated: reading it from the start');
      readPos = 0;
      splitter = new LineSplitter(0);
      await drain();
    }
  }

  async function send(): Promise<void> {
    while (outbox.length > 0) {
      const batch = outbox.slice(0, batchSize);
      const result = await o.sink(batch);
      outbox.splice(0, batch.length);
      counters.failed += result.rejected;
      counters.lastEventAt = now();
      for (const e of result.errors.slice(0, 5)) o.logger.warn({ error: e }, 'queue_log event rejected');
    }
  }

  async function step(): Promise<void> {
    try {
      if (!opened) {
        opened = await firstOpen();
      } else if (!file) {
        if (await openAt(async () => 0)) counters.reconnects = (counters.reconnects ?? 0) + 1;
      }
      await drain();
      if (file) await checkRotation();
      await send();
      delete counters.lastError;
    } catch (err) {
      counters.lastError = (err as Error).message;
      o.logger.warn({ err, path: o.path }, 'queue_log follower: read or send failed; retrying on the next poll');
    }
  }

  function poll(): Promise<void> {
    if (queued) return queued;
    const p = chain.then(async () => {
      queued = undefined;
      await step();
    });
    queued = p;
    chain = p;
    return p;
  }

  return {
    name: `queue_log ${o.path}`,
    async start() {
      stopped = false;
      await poll();
      timer = setInterval(() => void poll(), o.pollMs ?? 1000);
      timer.unref();
      if (o.watch ?? true) {
        try {
          watcher = fs.watch(path.dirname(o.path), (_event, name) => {
            if (!stopped && (name === null || name === path.basename(o.path))) void poll();
          });
          watcher.on('error', (err) => {
            o.logger.warn({ err }, 'queue_log watch failed; polling only');
            watcher?.close();
            watcher = undefined;
          });
        } catch (err) {
          o.logger.warn({ err }, 'queue_log watch unavailable; polling only');
        }
      }
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      watcher?.close();
      watcher = undefined;
      await poll(); // the last lines written, and what is still queued for the sink
      await chain;
      await file?.close();
      file = undefined;
      counters.connected = false;
    },
    counters: () => ({ ...counters }),
    poll,
    position: () => (file ? { ino, offset: splitter.consumed } : undefined),
  };
}
