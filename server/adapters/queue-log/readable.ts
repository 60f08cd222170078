/**
 * Whether the queue_log can be read by the user Floorwatch runs as. Asterisk writes it as
 * its own user, often readable by its group only (0640 asterisk:asterisk), and a service
 * user of our own is not in that group unless someone puts it there. Found at start, that
 * is one clear refusal; found by the follower's first read, it was "feed started" and then
 * a stack trace every second for ever.
 */
import fs from 'node:fs';
import os from 'node:os';

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory, not a file',
  ENOTDIR: 'a part of its path is not a directory',
  ELOOP: 'too many symbolic links',
};

/** A file system error in words: `permission denied`, else its code or message. */
export function readReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined) return REASONS[code] ?? code;
  return err instanceof Error ? err.message : String(err);
}

/** Who this process is, for "… needs read access": the user's name where it has one, and its uid. */
function runningAs(): { who: string; name: string } {
  const uid = process.getuid?.();
  let name: string | undefined;
  try {
    name = os.userInfo().username;
  } catch {
    name = undefined; // a uid without a passwd entry (some containers)
  }
  const who = uid === undefined ? (name ?? 'this user') : name === undefined ? `uid ${uid}` : `${name} (uid ${uid})`;
  return { who, name: name ?? 'floorwatch' };
}

/** What to do about a permission refused: the user to give read access to, and how it is usually done. */
function grantAccess(): string {
  const { who, name } = runningAs();
  return `; Floorwatch runs as ${who}, which needs read access to it (usually: put that user in the group that owns the file, `
    + `usermod -a -G asterisk ${name}, with the file group-readable), then restart; see docs/adapters/queue-log.md`;
}

/**
 * Why `file` cannot be read, or undefined when it can, or does not exist yet (a queue_log
 * Asterisk has not created is waited for, as documented). Opened, not only `access`ed:
 * what counts is whether this process may open it for reading now.
 */
export function unreadableReason(file: string): string | undefined {
  let fd: number;
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) return `cannot read ${file}: ${REASONS.EISDIR}`;
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const reason = readReason(err);
    return `cannot read ${file}: ${reason}${reason === REASONS.EACCES ? grantAccess() : ''}`;
  }
  fs.closeSync(fd);
  return undefined;
}
