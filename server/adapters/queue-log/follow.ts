/**
 * Follows a live queue_log: reads what Asterisk appends, through rotation, and sends the
 * translated events to the sink in batches.
 *
 * - Begins where the position store says the last run's lines were accepted; without a
 *   saved position, at `from` (default the file's end: the last complete line). A saved
 *   position whose file was rotated while we were away is found by inode next to the path
 *   and read to its end first; one whose file was truncated or replaced reads the file at
 *   the path from its start (position.ts tells the two apart). The log says which.
 * - Resuming re-reads the file from where sending began in it (up to `warmUpBytes`) without
 *   sending, so the translation's state (open calls, memberships, the ms given to events of
 *   one second) is what it was: lines read again after a crash come out with the same ids
 *   and timestamps, and the floor drops them as repeats.
 * - The position is saved only after the sink has taken every event of the lines it
 *   covers (the floor's ingest resolves once they are durable), at most every
 *   `saveEveryMs` and on stop: a crash re-reads at most that much, never skips.
 * - Rotation (rename + new file: a different inode at the path) drains the old file,
 *   including an unterminated last line, before the new one is read from offset 0.
 *   Truncation (copytruncate: same inode, smaller) restarts at 0.
 * - fs.watch on the directory reacts at once; a poll timer covers file systems where
 *   watch is silent (NFS, some containers). Reads are serialised, so a burst of triggers
 *   never reads a line twice.
 * - A batch the sink fails to take stays queued and is retried on the next read.
 * - A file there but unreadable to this user is refused by `start()`, naming it and why; a
 *   read or send failing later is retried every poll and said once while it lasts.
 * - A member name that calls land on but no login named is warned about once per run: the
 *   sign of a PBX that logs members by interface on login and by name on calls (options.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { FloorEventInput } from '../../../shared/events.js';
import type { AdapterCounters, EventSink, FeedAdapter } from '../types.js';
import { LineSplitter } from './line-splitter.js';
import { createQueueLogMapper } from './mapping.js';
import { memberNameWarning, type QueueLogMappingOptions } from './options.js';
import { headOf, HEAD_BYTES, type FileHead, type FilePosition } from './position.js';
import type { PositionStore } from './position-file.js';
import { createRecordReader } from './record-reader.js';
import { findStartPoint, openFile } from './start-point.js';
import { readReason, unreadableReason } from './readable.js';

export type { FilePosition } from './position.js';

export interface QueueLogFollowerOptions {
  path: string;
  sink: EventSink;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Poll fallback interval, ms (default 1000). */
  pollMs?: number;
  now?: () => number;
  /** Where to begin when `positions` holds none (default `end`). */
  from?: 'end' | 'start' | FilePosition;
  /** Where the position is kept across restarts (serve: a file beside the database). */
  positions?: PositionStore;
  /** Least time between two saves of the position, ms (default 1000; stop always saves). */
  saveEveryMs?: number;
  /** Most bytes re-read (not sent) on resume to rebuild the translation's state (default 8 MiB). */
  warmUpBytes?: number;
  /** Also react to fs.watch (default true). */
  watch?: boolean;
  batchSize?: number;
  mapping?: QueueLogMappingOptions;
  /** A live queue_log is the file form; `csv` is for a table exported continuously. */
  format?: 'pipe' | 'csv';
  timeZone?: string;
}

export interface QueueLogFollower extends FeedAdapter {
  /** Reads what is there now and sends it; resolves when the sink has taken it and the position is saved. */
  poll(): Promise<void>;
  /** The position just past the last lines the sink took (what `positions` gets). */
  position(): FilePosition | undefined;
}

const CHUNK = 64 * 1024;
const code = (err: unknown) => (err as NodeJS.ErrnoException).code;

export function createQueueLogFollower(o: QueueLogFollowerOptions): QueueLogFollower {
  const now = o.now ?? Date.now;
  const batchSize = o.batchSize ?? 500;
  const log = o.logger;
  const where = { path: o.path };
  const mapper = createQueueLogMapper(o.mapping);
  const reader = createRecordReader(mapper, { format: o.format ?? 'pipe', timeZone: o.timeZone });
  const counters: AdapterCounters = reader.counters;
  counters.connected = false;
  counters.reconnects = 0;
  const outbox: FloorEventInput[] = [];
  let file: fs.promises.FileHandle | undefined;
  let ino = 0;
  let since = 0;
  let head: FileHead = { bytes: 0, sha256: '' };
  let readPos = 0;
  let splitter = new LineSplitter(0);
  let opened = false;
  let missing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher | undefined;
  let chain: Promise<void> = Promise.resolve();
  let queued: Promise<void> | undefined;
  // Positions wait in `marks` until the sink has taken every event pushed before them.
  let pushed = 0;
  let sent = 0;
  const marks: Array<{ upTo: number; at: FilePosition }> = [];
  let committed: FilePosition | undefined;
  let saved: FilePosition | undefined;
  let savedAt = Number.NEGATIVE_INFINITY;
  const namesSaid = new Set<string>();
  /** The failure last said, while it lasts (sayFailure). */
  let failing: string | undefined;

  const take = (text: string, offset: number): void => {
    const events = reader.take({ text, offset });
    outbox.push(...events);
    pushed += events.length;
  };

  /** Records the place just read up to; it commits once the events before it are sent. */
  async function mark(): Promise<void> {
    const offset = splitter.consumed;
    if (file && head.bytes < HEAD_BYTES && offset > head.bytes) head = await headOf(file, offset);
    const at = { ino, offset, since, head };
    if (marks.at(-1)?.upTo === pushed) marks[marks.length - 1] = { upTo: pushed, at };
    else marks.push({ upTo: pushed, at });
  }

  async function use(handle: fs.promises.FileHandle, fileIno: number, offset: number, from: number, warm = false): Promise<void> {
    file = handle;
    ino = fileIno;
    since = from;
    head = await headOf(handle, offset);
    if (warm) await warmUp(handle, Math.max(from, offset - (o.warmUpBytes ?? 8 * 1024 * 1024)), offset, from);
    readPos = offset;
    splitter = new LineSplitter(offset);
    counters.connected = true;
    await mark();
  }

  /** Translates [start, end) without sending or counting: the state an unbroken run had there. */
  async function warmUp(handle: fs.promises.FileHandle, start: number, end: number, lineStart: number): Promise<void> {
    const before = { ...counters };
    const split = new LineSplitter(start);
    const buffer = Buffer.alloc(CHUNK);
    let skip = start !== lineStart; // mid-line: the first piece is not a whole line
    for (let at = start; at < end;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(CHUNK, end - at), at);
      if (bytesRead === 0) break;
      at += bytesRead;
      for (const l of split.push(buffer.subarray(0, bytesRead))) {
        if (!skip) reader.take(l);
        skip = false;
      }
    }
    const last = split.flush();
    if (last && !skip) reader.take(last);
    Object.assign(counters, before);
  }

  async function loadSaved(): Promise<FilePosition | undefined> {
    try {
      return (await o.positions?.load()) ?? (typeof o.from === 'object' ? o.from : undefined);
    } catch (err) {
      log.warn({ ...where, positionFile: o.positions?.where, reason: (err as Error).message },
        'queue_log: the saved position could not be read; starting as on a first start');
      return undefined;
    }
  }

  /** The first open: at the saved position's file and place, else where `from` says. */
  async function firstOpen(): Promise<boolean> {
    const start = await findStartPoint({
      path: o.path, logger: log, saved: missing ? undefined : await loadSaved(),
      from: o.from === 'start' ? 'start' : 'end', wasMissing: missing,
    });
    missing = start === undefined;
    if (start) await use(start.handle, start.ino, start.offset, start.since, start.warm);
    return start !== undefined;
  }

  async function openNew(): Promise<boolean> {
    const live = await openFile(o.path);
    if (live) await use(live.handle, live.st.ino, 0, 0);
    return live !== undefined;
  }

  async function drain(): Promise<void> {
    if (!file) return;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, readPos);
      if (bytesRead === 0) return;
      readPos += bytesRead;
      for (const l of splitter.push(buffer.subarray(0, bytesRead))) take(l.text, l.offset);
      await mark();
    }
  }

  async function finishFile(): Promise<void> {
    const last = splitter.flush();
    if (last) take(last.text, last.offset);
    await mark();
  }

  async function checkRotation(): Promise<void> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(o.path);
    } catch (err) {
      if (code(err) === 'ENOENT') return; // renamed; the new file is not there yet
      throw err;
    }
    if (st.ino !== ino) {
      await finishFile();
      await file?.close();
      file = undefined;
      counters.reconnects = (counters.reconnects ?? 0) + 1;
      log.info(where, 'queue_log rotated: continuing with the new file');
      if (await openNew()) await drain();
    } else if (st.size < readPos) {
      await finishFile();
      log.info(where, 'queue_log truncated: reading it from the start');
      readPos = 0;
      since = 0;
      head = { bytes: 0, sha256: '' };
      splitter = new LineSplitter(0);
      await drain();
    }
  }

  /** Each member name that calls land on but no login named, once per run (options.ts). */
  function sayUnmatchedNames(): void {
    for (const name of Object.keys(mapper.stats().unmatchedMemberNames)) {
      if (namesSaid.has(name)) continue;
      namesSaid.add(name);
      log.warn({ ...where, agent: name }, memberNameWarning(name));
    }
  }

  function advance(): void {
    while (marks.length > 0 && marks[0].upTo <= sent) committed = marks.shift()!.at;
  }

  async function send(): Promise<void> {
    advance();
    while (outbox.length > 0) {
      const batch = outbox.slice(0, batchSize);
      const result = await o.sink(batch);
      outbox.splice(0, batch.length);
      sent += batch.length;
      advance();
      counters.failed += result.rejected;
      counters.lastEventAt = now();
      for (const e of result.errors.slice(0, 5)) log.warn({ error: e }, 'queue_log event rejected');
    }
  }

  async function save(force: boolean): Promise<void> {
    if (!o.positions || !committed || committed === saved) return;
    if (!force && now() - savedAt < (o.saveEveryMs ?? 1000)) return;
    try {
      await o.positions.save(committed);
      saved = committed;
      savedAt = now();
    } catch (err) {
      // Reading goes on; a restart before the next good save re-reads (duplicates, no loss).
      counters.lastError = `position not saved: ${(err as Error).message}`;
      log.warn({ ...where, positionFile: o.positions.where, reason: (err as Error).message }, 'queue_log: position not saved; retrying');
    }
  }

  async function step(force = false): Promise<void> {
    try {
      if (!opened) {
        opened = await firstOpen();
      } else if (!file) {
        if (await openNew()) counters.reconnects = (counters.reconnects ?? 0) + 1;
      }
      await drain();
      if (file) await checkRotation();
      sayUnmatchedNames();
      await send();
      delete counters.lastError;
      sayRecovered();
    } catch (err) {
      sayFailure(err);
    }
    await save(force);
  }

  /**
   * A failure is said once while it lasts, in one line without a stack: the same error
   * every poll (a permission taken away, a disk gone) was a stack trace a second for ever,
   * burying everything else in the log. A different error is said again; so is the end.
   */
  function sayFailure(err: unknown): void {
    const reason = readReason(err);
    const message = err instanceof Error ? err.message : String(err);
    counters.lastError = message;
    if (failing === message) return;
    failing = message;
    log.warn({ ...where, reason, error: message },
      'queue_log follower: read or send failed; retrying every poll (said again only if the error changes)');
  }

  function sayRecovered(): void {
    if (failing === undefined) return;
    failing = undefined;
    log.info(where, 'queue_log follower: reading and sending again');
  }

  function poll(force = false): Promise<void> {
    if (queued && !force) return queued;
    const p = chain.then(async () => {
      if (queued === p) queued = undefined;
      await step(force);
    });
    if (!force) queued = p;
    chain = p;
    return p;
  }

  function startWatching(): void {
    try {
      watcher = fs.watch(path.dirname(o.path), (_event, name) => {
        if (!stopped && (name === null || name === path.basename(o.path))) void poll();
      });
      watcher.on('error', (err) => {
        log.warn({ ...where, reason: err.message }, 'queue_log watch failed; polling only');
        watcher?.close();
        watcher = undefined;
      });
    } catch (err) {
      // A missing directory was said already (sayMissing); anything else is said here.
      if (code(err) !== 'ENOENT') log.warn({ ...where, reason: (err as Error).message }, 'queue_log watch unavailable; polling only');
    }
  }

  return {
    name: `queue_log ${o.path}`,
    async start() {
      // A file there that this user may not read will not become readable by retrying:
      // refused now, naming it and why, rather than "started" and failing every poll.
      const unreadable = unreadableReason(o.path);
      if (unreadable !== undefined) throw new Error(`queue_log follower: ${unreadable}`);
      stopped = false;
      await poll();
      timer = setInterval(() => void poll(), o.pollMs ?? 1000);
      timer.unref();
      if (o.watch ?? true) startWatching();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      watcher?.close();
      watcher = undefined;
      await poll(true); // the last lines written, what is still queued for the sink, and the position
      await chain;
      await file?.close();
      file = undefined;
      counters.connected = false;
    },
    counters: () => ({ ...counters }),
    poll: () => poll(),
    position: () => committed,
  };
}
