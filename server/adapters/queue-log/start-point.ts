/**
 * Where a follower's first read begins, and what the log says about it: at the saved
 * position (in the file at the path, or in its rotated self found by inode), at the start
 * of a file that was truncated, replaced or not there at start, or, on a first start, at
 * the end of the file (its last complete line).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { findRotated, holdsPosition, type FilePosition } from './position.js';

export interface StartPoint {
  handle: fs.promises.FileHandle;
  ino: number;
  offset: number;
  /** Where sending began in this file (see FilePosition.since). */
  since: number;
  /** Re-read [since, offset) unsent to rebuild the translation's state: a resume. */
  warm: boolean;
}

export interface StartRequest {
  path: string;
  logger: Pick<Logger, 'info' | 'warn'>;
  saved: FilePosition | undefined;
  /** Without a saved position (default `end`). */
  from: 'end' | 'start';
  /** An earlier attempt found no file: this one is new, all of it unsent. */
  wasMissing: boolean;
}

const CHUNK = 64 * 1024;

export async function openFile(file: string): Promise<{ handle: fs.promises.FileHandle; st: fs.Stats } | undefined> {
  try {
    const handle = await fs.promises.open(file, 'r');
    return { handle, st: await handle.stat() };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // not created yet, or between rename and create
    throw err;
  }
}

/** Undefined while there is no file to read (said once, by the first attempt). */
export async function findStartPoint(r: StartRequest): Promise<StartPoint | undefined> {
  const where = { path: r.path };
  const p = r.saved;
  const live = await openFile(r.path);
  if (p) {
    if (live && live.st.ino === p.ino) {
      if (await holdsPosition(live.handle, live.st.size, p)) {
        r.logger.info({ ...where, offset: p.offset }, 'queue_log: resuming where the last run left off');
        return { handle: live.handle, ino: p.ino, offset: p.offset, since: p.since ?? p.offset, warm: true };
      }
      r.logger.info({ ...where, savedOffset: p.offset, size: live.st.size },
        'queue_log was truncated or replaced while Floorwatch was stopped: reading it from its start');
      return { handle: live.handle, ino: live.st.ino, offset: 0, since: 0, warm: false };
    }
    const old = await findRotated(r.path, p);
    if (old) {
      await live?.handle.close();
      r.logger.info({ ...where, rotated: old.name, offset: p.offset },
        'queue_log rotated while Floorwatch was stopped: reading the rest of the old file, then the new one from its start');
      return { handle: old.handle, ino: old.ino, offset: p.offset, since: p.since ?? p.offset, warm: true };
    }
    r.logger.warn({ ...where, savedOffset: p.offset },
      'queue_log was replaced while Floorwatch was stopped and the old file was not found next to it: lines written to it after the saved position were not read (floorwatch import can load them)');
  }
  if (!live) {
    if (!r.wasMissing) await sayMissing(r);
    return undefined;
  }
  // A file missing at start, or one whose saved file is gone, is new: all of it is unsent.
  const from = p || r.wasMissing ? 'start' : r.from;
  if (r.wasMissing) r.logger.info(where, 'queue_log appeared: reading it from its start');
  else if (from === 'end') r.logger.info(where, 'queue_log: no saved position (a first start): reading from the end of the file; lines already in it are not sent');
  const offset = from === 'start' ? 0 : await lastLineEnd(live.handle, live.st.size);
  return { handle: live.handle, ino: live.st.ino, offset, since: offset, warm: false };
}

/** An expected state, not a failure: a plain warning, no stack. */
async function sayMissing(r: StartRequest): Promise<void> {
  const dir = path.dirname(r.path);
  const dirThere = await fs.promises.stat(dir).then((s) => s.isDirectory(), () => false);
  if (dirThere) r.logger.warn({ path: r.path }, 'queue_log does not exist yet: it is read from its start once Asterisk creates it');
  else r.logger.warn({ path: r.path }, `queue_log: the directory ${dir} does not exist: nothing can be read until it and the file are created (check the path)`);
}

/** From the end, but at a line start: an unterminated last line is read once it ends. */
async function lastLineEnd(handle: fs.promises.FileHandle, size: number): Promise<number> {
  const start = Math.max(0, size - CHUNK);
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(size - start), 0, size - start, start);
  const nl = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
  return nl >= 0 ? start + nl + 1 : start === 0 ? 0 : size;
}
