/**
 * A follower's place in a queue_log, and how a restarted follower finds the file it names.
 * An inode number alone is not enough: once a rotated file is deleted, the file system
 * may give its inode to the next new queue_log, so the position also carries a hash of
 * the file's first bytes (its first line: an epoch and a callid, unique in practice).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface FileHead {
  /** How many of the file's first bytes were hashed (fewer while the file is shorter). */
  bytes: number;
  sha256: string;
}

export interface FilePosition {
  ino: number;
  /** Just past the last complete line read. */
  offset: number;
  /**
   * Where this follower began sending in the file (0, or the end a first start found).
   * A resumed follower re-reads from here (without sending) to rebuild the translation's
   * state, so what it sends is what an uninterrupted follower would have sent.
   */
  since?: number;
  head?: FileHead;
}

export const HEAD_BYTES = 256;

export async function headOf(handle: fs.promises.FileHandle, upTo: number): Promise<FileHead> {
  const want = Math.max(0, Math.min(HEAD_BYTES, upTo));
  const buffer = Buffer.alloc(want);
  const { bytesRead } = want > 0 ? await handle.read(buffer, 0, want, 0) : { bytesRead: 0 };
  return { bytes: bytesRead, sha256: createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex') };
}

/** The open file is the one the position was taken in, and still holds everything before it. */
export async function holdsPosition(handle: fs.promises.FileHandle, size: number, p: FilePosition): Promise<boolean> {
  if (size < p.offset) return false;
  if (!p.head) return true;
  const now = await headOf(handle, p.head.bytes);
  return now.bytes === p.head.bytes && now.sha256 === p.head.sha256;
}

export interface FoundFile {
  name: string;
  handle: fs.promises.FileHandle;
  ino: number;
}

/**
 * The position's file under its rotated name (`queue_log.1`, `queue_log-20261128`): in the
 * live file's directory, a name that starts with the live one's, the same inode and head.
 * Compressed rotations have new inodes and are never found (nor could they be read).
 */
export async function findRotated(live: string, p: FilePosition): Promise<FoundFile | undefined> {
  const dir = path.dirname(live);
  const base = path.basename(live);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (name === base || !name.startsWith(base)) continue;
    const full = path.join(dir, name);
    const st = await fs.promises.stat(full).catch(() => undefined);
    if (!st?.isFile() || st.ino !== p.ino) continue;
    const handle = await fs.promises.open(full, 'r');
    if (await holdsPosition(handle, st.size, p)) return { name: full, handle, ino: st.ino };
    await handle.close();
  }
  return undefined;
}
