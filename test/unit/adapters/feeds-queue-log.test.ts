/**
 * `--feed queue-log:///...` as serve builds it: the URL's forms refused before anything is
 * made (checkFeedUrls runs first in serve), and the position kept beside the database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../shared/events.js';
import { checkFeedUrls } from '../../../server/adapters/check-feeds.js';
import { adapterFor } from '../../../server/adapters/feeds.js';
import { positionFileFor } from '../../../server/adapters/queue-log/position-file.js';
import type { EventSink } from '../../../server/adapters/types.js';

const T = 1795827600;
let dir: string;
let received: FloorEventInput[];
const sink: EventSink = async (events) => {
  received.push(...events);
  return { accepted: events.length, duplicates: 0, rejected: 0, errors: [] };
};
const silent = pino({ level: 'silent' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-feed-'));
  received = [];
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('--feed queue-log:', () => {
  it.each([
    ['queue-log://relative/path', /queue-log:\/\/relative\/path.*"relative".*queue-log:\/\/\/absolute\/path/],
    ['queue-log://var/log/asterisk/queue_log', /queue-log:\/\/\/absolute\/path/],
    ['queue-log:queue_log', /queue-log:\/\/\/absolute\/path/],
    ['queue-log:///var/log/asterisk/?from=start', /queue-log:\/\/\/absolute\/path/],
  ])('%s is refused, naming the form wanted', (url, message) => {
    expect(() => adapterFor(url, sink, silent, { timeZone: 'UTC' })).toThrow(message);
    expect(() => checkFeedUrls([url])).toThrow(message);
  });

  it('a directory that does not exist is refused before serving', () => {
    expect(() => checkFeedUrls(['queue-log:///no-such-directory-fw/queue_log'])).toThrow(/directory \/no-such-directory-fw does not exist/);
  });

  it('keeps its position beside the database: a restart sends what was written while it was down', async () => {
    const log = path.join(dir, 'queue_log');
    const db = path.join(dir, 'floor.db');
    fs.writeFileSync(log, `${T}|c0|sales|NONE|ENTERQUEUE||100|1\n`);
    const settings = { timeZone: 'UTC', stateBase: db };
    const first = adapterFor(`queue-log://${log}`, sink, silent, settings);
    await first.start();
    await first.stop();
    expect(fs.existsSync(positionFileFor(db, log))).toBe(true);
    fs.appendFileSync(log, `${T + 5}|c1|sales|NONE|ENTERQUEUE||138|1\n`);
    const second = adapterFor(`queue-log://${log}`, sink, silent, settings);
    await second.start();
    await second.stop();
    expect(received.map((e) => e.id)).toEqual([expect.stringMatching(/c1-ENTERQUEUE/)]);
  });
});
