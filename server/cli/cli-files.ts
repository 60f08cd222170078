/**
 * Files the commands read and write, with a failure said in one line that names the
 * command, the path and the reason ("floorwatch import: cannot read day.ndjson: no such
 * file"), instead of Node's "ENOENT: no such file or directory, open '...'" or, for a
 * write stream, an unhandled 'error' event and its stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';

/** An error whose message is the whole line to print (it names the command itself). */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
};

/** What a file system error means, in words. */
export function fileReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  return err instanceof Error ? err.message : String(err);
}

/** Throws a CommandError unless `file` is a file this process may read. */
export function checkReadable(command: string, file: string): void {
  try {
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    fs.accessSync(file, fs.constants.R_OK);
  } catch (err) {
    throw new CommandError(`floorwatch ${command}: cannot read ${file}: ${fileReason(err)}`);
  }
}

/** Opens (creates or truncates) `file` for writing; a CommandError naming it and why when it cannot be. */
export function openForWriting(command: string, file: string): number {
  try {
    return fs.openSync(file, 'w');
  } catch (err) {
    throw new CommandError(`floorwatch ${command}: cannot write ${file}: ${writeReason(file, err)}`);
  }
}

/** Writes a whole file; a CommandError naming it and why when it cannot be. */
export function writeFileOrSay(command: string, file: string, content: string): void {
  try {
    fs.writeFileSync(file, content);
  } catch (err) {
    throw new CommandError(`floorwatch ${command}: cannot write ${file}: ${writeReason(file, err)}`);
  }
}

/** A write's ENOENT is the directory missing, not the file. */
export function writeReason(file: string, err: unknown): string {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return `no such directory (${path.dirname(path.resolve(file))})`;
  return fileReason(err);
}
