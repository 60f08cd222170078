/**
 * The follower across a restart or a crash: it resumes where the floor last accepted its
 * lines (saved in the position file only after the sink took them), finds a file rotated,
 * truncated or replaced while it was away, and says what it did in the log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../shared/events.js';
import { createQueueLogFollower, type QueueLogFollower } from '../../../../server/adapters/queue-log/follow.js';
import { createPositionFile, type PositionStore } from '../../../../server/adapters/queue-log/position-file.js';
import type { FilePosition } from '../../../../server/adapters/queue-log/position.js';
import type { EventSink } from '../../../../server/adapters/types.js';

const T = 1795827600;
const line = (rel: number, rest: string) => `${T + rel}|${rest}\n`;

let dir: string;
let file: string;
let store: PositionStore & { frozen: boolean; saves: number };
let followers: QueueLogFollower[];
/** The floor's log: an event is a repeat when its id and ts are (repeatTimeOf). */
let floorLog: Map<string, FloorEventInput>;
let received: FloorEventInput[];
let logs: Array<{ level: string; msg: string; obj: Record<string, unknown> }>;

const sink: EventSink = async (events) => {
  received.push(...events);
  let accepted = 0;
  for (const e of events) {
    const key = `${e.ts} ${e.id}`;
    if (!floorLog.has(key)) {
      floorLog.set(key, e);
      accepted += 1;
    }
  }
  return { accepted, duplicates: events.length - accepted, rejected: 0, errors: [] };
};
const logger = {
  info: (obj: Record<string, unknown>, msg: string) => logs.push({ level: 'info', msg, obj }),
  warn: (obj: Record<string, unknown>, msg: string) => logs.push({ level: 'warn', msg, obj }),
} as unknown as Pick<Logger, 'info' | 'warn'>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-resume-'));
  file = path.join(dir, 'queue_log');
  const real = createPositionFile(path.join(dir, 'floor.db.queue-log-test.json'), file);
  // `frozen` is a crash between the sink's answer and the save: saves stop reaching the disk.
  store = {
    where: real.where, frozen: false, saves: 0,
    load: () => real.load(),
    save: async (p: FilePosition) => {
      if (store.frozen) return;
      store.saves += 1;
      await real.save(p);
    },
  };
  followers = [];
  floorLog = new Map();
  received = [];
  logs = [];
});
afterEach(async () => {
  for (const f of followers) await f.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Driven by poll() (resolves once the sink has the events and the position is saved): no sleeps.
const follow = (extra: Partial<Parameters<typeof createQueueLogFollower>[0]> = {}) => {
  const f = createQueueLogFollower({ path: file, sink, logger, pollMs: 3_600_000, watch: false, positions: store, saveEveryMs: 0, ...extra });
  followers.push(f);
  return f;
};
const summary = () => received.map((e) => `${e.type} ${'callId' in e ? e.callId : ''}`.trim());

describe('queue_log follower across restarts', () => {
  it('first start begins at the end and saves that place; a restart sends what was appended while it was down', async () => {
    fs.writeFileSync(file, line(0, 'c0|sales|NONE|ENTERQUEUE||100|1')); // history: not sent on a first start
    await follow().start(); // then killed: never stopped, never polled again
    fs.appendFileSync(file, line(10, 'c1|sales|NONE|ENTERQUEUE||138|1')); // written while Floorwatch is down
    const f = follow();
    await f.start();
    fs.appendFileSync(file, line(20, 'c1|sales|NONE|ABANDON|1|1|10'));
    await f.poll();
    expect(summary()).toEqual(['call.offered c1', 'call.ended c1']);
    expect(received[0]).toMatchObject({ from: '138' }); // from the ENTERQUEUE line, not offered retroactively
    expect(received[0].id).toContain('ENTERQUEUE');
    expect(logs.map((l) => l.msg)).toContainEqual(expect.stringMatching(/resuming/));
  });

  it('saves the position only once the sink took the lines; lines re-read after a crash repeat id and ts exactly', async () => {
    fs.writeFileSync(file, '');
    let down = false;
    const flaky: EventSink = async (events) => {
      if (down) throw new Error('floor busy');
      return sink(events);
    };
    const first = follow({ sink: flaky });
    await first.start();
    const emptyAt = await store.load();
    down = true;
    fs.appendFileSync(file, line(0, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    await first.poll();
    expect(await store.load()).toEqual(emptyAt); // refused: the position stays before the line
    down = false;
    await first.poll();
    expect((await store.load())?.offset).toBe(fs.statSync(file).size);

    // Same second as the ENTERQUEUE: its timestamp is the second + 1 ms. The sink takes
    // it, then the process dies before the position is saved.
    store.frozen = true;
    fs.appendFileSync(file, line(0, 'c1|sales|SIP/1001|CONNECT|0|c1.2|3'));
    const before = received.length;
    await first.poll();
    const sentBeforeCrash = received.slice(before);
    expect(sentBeforeCrash.map((e) => e.type)).toEqual(['call.ringing', 'call.answered']);

    store.frozen = false;
    received = [];
    const second = follow();
    await second.start();
    // Re-read, and translated as the first follower did (it knew c1 and the second's last ms).
    expect(received).toEqual(sentBeforeCrash);
    expect(floorLog.size).toBe(3);
  });

  it('a file rotated while stopped: the rest of the old file (found by its inode), then the new one from its start', async () => {
    fs.writeFileSync(file, '');
    const first = follow();
    await first.start();
    fs.appendFileSync(file, line(0, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    await first.stop();
    fs.appendFileSync(file, line(5, 'c2|sales|NONE|ENTERQUEUE||139|2')); // while stopped
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, line(9, 'c1|sales|NONE|ABANDON|1|1|9'));
    received = [];
    await follow().start();
    expect(summary()).toEqual(['call.offered c2', 'call.ended c1']);
    expect(logs.map((l) => l.msg)).toContainEqual(expect.stringMatching(/rotated while Floorwatch was stopped/));
  });

  it('a file truncated, or replaced by one that reuses the inode, while stopped is read from its start', async () => {
    fs.writeFileSync(file, line(0, 'NONE|sales|SIP/1001|ADDMEMBER|') + line(1, 'NONE|sales|SIP/1002|ADDMEMBER|'));
    const first = follow({ from: 'start' });
    await first.start();
    await first.stop();
    fs.writeFileSync(file, line(9, 'NONE|sales|SIP/1003|ADDMEMBER|')); // same inode, shorter
    received = [];
    const second = follow();
    await second.start();
    await second.stop();
    expect(received.map((e) => 'agentId' in e && e.agentId)).toEqual(['1003']);
    // Same inode, longer than the saved offset, other content: the head hash tells.
    fs.writeFileSync(file, ['1004', '1005', '1006'].map((a, i) => line(20 + i, `NONE|sales|SIP/${a}|ADDMEMBER|`)).join(''));
    received = [];
    await follow().start();
    expect(received.map((e) => 'agentId' in e && e.agentId)).toEqual(['1004', '1005', '1006']);
    expect(logs.filter((l) => /from its start/.test(l.msg))).toHaveLength(2);
  });

  it('the old file gone while stopped: warns that its tail was not read, reads the new file from its start', async () => {
    fs.writeFileSync(file, line(0, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    const first = follow();
    await first.start();
    await first.stop();
    fs.renameSync(file, path.join(os.tmpdir(), `ql-gone-${path.basename(dir)}`)); // compressed, moved away
    fs.writeFileSync(file, line(9, 'c1|sales|NONE|ABANDON|1|1|9'));
    await follow().start();
    expect(summary()).toEqual(['call.offered c1', 'call.ended c1']);
    expect(logs.find((l) => l.level === 'warn')?.msg).toMatch(/not found .* not read/);
    fs.rmSync(path.join(os.tmpdir(), `ql-gone-${path.basename(dir)}`));
  });

  it('an unreadable position file is said and then ignored (a first start)', async () => {
    fs.writeFileSync(store.where, '{"ino":');
    fs.writeFileSync(file, line(0, 'c0|sales|NONE|ENTERQUEUE||100|1'));
    const f = follow();
    await f.start();
    expect(logs.find((l) => l.level === 'warn')?.msg).toMatch(/saved position could not be read/);
    expect((await store.load())?.offset).toBe(fs.statSync(file).size); // replaced by a good one
  });

  it('a file that does not exist yet: one plain warning, then it is read from its start once created', async () => {
    const f = follow();
    await f.start();
    await f.poll();
    expect(logs.filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', msg: expect.stringMatching(/does not exist yet.*from its start/), obj: { path: file } },
    ]);
    fs.writeFileSync(file, line(0, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    await f.poll();
    expect(summary()).toEqual(['call.offered c1']);
  });

  it('a directory that does not exist: said as such, without a stack trace', async () => {
    file = path.join(dir, 'missing', 'queue_log');
    await follow({ watch: true }).start();
    const warnings = logs.filter((l) => l.level === 'warn');
    expect(warnings.map((l) => l.msg)).toEqual([expect.stringMatching(/directory .* does not exist/)]);
    expect(warnings.every((l) => !('err' in l.obj))).toBe(true);
  });
});
