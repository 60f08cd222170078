/**
 * Where `serve` keeps a queue_log follower's position: a small JSON file beside the
 * database. The position belongs to the host that reads the file (the PBX's disk), not
 * to the floor's shared storage, and needs no schema: it is written whole to a temporary
 * file, synced, and renamed over the last one, so a crash leaves the old position or the
 * new one, never half of either.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FilePosition } from './position.js';

export interface PositionStore {
  /** For the log: where the position is kept. */
  readonly where: string;
  /** The last position saved; undefined before the first save. Throws on an unreadable file. */
  load(): Promise<FilePosition | undefined>;
  save(position: FilePosition): Promise<void>;
}

/** One file per followed path: `<db>.queue-log-<hash of the path>.json`. */
export function positionFileFor(base: string, followed: string): string {
  const tag = createHash('sha256').update(path.resolve(followed)).digest('hex').slice(0, 12);
  return `${base}.queue-log-${tag}.json`;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

export function createPositionFile(file: string, followed: string): PositionStore {
  return {
    where: file,
    async load() {
      let text: string;
      try {
        text = await fs.promises.readFile(file, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      let data: Partial<FilePosition> & { path?: unknown };
      try {
        data = JSON.parse(text) as typeof data;
      } catch {
        throw new Error(`${file} is not JSON`);
      }
      if (!isCount(data.ino) || !isCount(data.offset) || (data.since !== undefined && !isCount(data.since))) {
        throw new Error(`${file} holds no queue_log position`);
      }
      const head = data.head && isCount(data.head.bytes) && typeof data.head.sha256 === 'string' ? data.head : undefined;
      return { ino: data.ino, offset: data.offset, ...(data.since !== undefined && { since: data.since }), ...(head && { head }) };
    },
    async save(p) {
      const tmp = `${file}.tmp`;
      const handle = await fs.promises.open(tmp, 'w');
      try {
        await handle.writeFile(`${JSON.stringify({ path: followed, ...p, savedAt: new Date().toISOString() })}\n`);
        // Synced before the rename: after a power cut the file is the old position or the new one.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(tmp, file);
    },
  };
}
