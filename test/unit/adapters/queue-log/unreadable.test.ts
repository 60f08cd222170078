/**
 * A queue_log the service user may not read (Asterisk writes it 0640 asterisk:asterisk):
 * refused at start, naming the file and why, where it used to start "fine" and log a stack
 * trace every second for ever; a failure later on is said once while it lasts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFeedUrls } from '../../../../server/adapters/check-feeds.js';
import { createQueueLogFollower } from '../../../../server/adapters/queue-log/follow.js';
import type { EventSink } from '../../../../server/adapters/types.js';

const T = 1795827600;
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-unreadable-'));
  file = path.join(dir, 'queue_log');
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Opening `file` fails as it does for a user without read permission (tests may run as root, whom chmod does not stop). */
function denyReading(): void {
  const open = fs.openSync;
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    if (String(p) === file) throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES' });
    return (open as (...a: unknown[]) => number)(p, ...rest);
  }) as typeof fs.openSync);
}

const said: Array<{ level: number; msg: string; reason?: string; err?: unknown }> = [];
const logger = pino({ level: 'info' }, { write: (s: string) => said.push(JSON.parse(s)) });
const sink: EventSink = async (events) => ({ accepted: events.length, duplicates: 0, rejected: 0, errors: [] });

describe('a queue_log this user cannot read', () => {
  it('--feed is refused before the server starts, naming the file and the reason', () => {
    fs.writeFileSync(file, '');
    denyReading();
    expect(() => checkFeedUrls([`queue-log://${file}`]))
      .toThrow(new RegExp(`^--feed queue-log://${file}: cannot read ${file}: permission denied; Floorwatch runs as .*, which needs read access to it`));
  });

  it('a file that does not exist yet is still awaited, as documented', () => {
    expect(() => checkFeedUrls([`queue-log://${file}`])).not.toThrow();
  });

  it('the follower refuses to start on it rather than failing every poll', async () => {
    fs.writeFileSync(file, '');
    denyReading();
    const follower = createQueueLogFollower({ path: file, sink, logger, pollMs: 3_600_000, watch: false });
    await expect(follower.start()).rejects.toThrow(`queue_log follower: cannot read ${file}: permission denied`);
  });

  it('a failure later on is said once while it lasts, without a stack, and its end is said', async () => {
    said.length = 0;
    fs.writeFileSync(file, '');
    let failure: string | undefined = 'EIO: i/o error, read';
    const flaky: EventSink = async (events) => {
      if (failure !== undefined) throw Object.assign(new Error(failure), { code: 'EIO' });
      return sink(events);
    };
    const follower = createQueueLogFollower({ path: file, sink: flaky, logger, pollMs: 3_600_000, watch: false });
    await follower.start();
    fs.appendFileSync(file, `${T}|c1|sales|NONE|ENTERQUEUE||138|1\n`);
    for (let i = 0; i < 5; i += 1) await follower.poll();
    failure = 'ECONNRESET: the floor went away';
    await follower.poll();
    await follower.poll();
    failure = undefined;
    await follower.poll();
    await follower.stop();
    const failures = said.filter((l) => l.msg.startsWith('queue_log follower: read or send failed'));
    expect(failures.map((l) => l.reason)).toEqual(['EIO', 'EIO']);
    expect(failures.map((l) => (l as { error?: string }).error)).toEqual(['EIO: i/o error, read', 'ECONNRESET: the floor went away']);
    expect(failures.every((l) => l.err === undefined)).toBe(true);
    expect(said.filter((l) => l.msg === 'queue_log follower: reading and sending again')).toHaveLength(1);
    expect(follower.counters().lastError).toBeUndefined();
  });
});
