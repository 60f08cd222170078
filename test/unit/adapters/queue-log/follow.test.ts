import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../shared/events.js';
import { createQueueLogFollower, type QueueLogFollower } from '../../../../server/adapters/queue-log/follow.js';
import type { EventSink } from '../../../../server/adapters/types.js';

const T = 1795827600;
const line = (rel: number, rest: string) => `${T + rel}|${rest}\n`;

let dir: string;
let file: string;
let follower: QueueLogFollower | undefined;
let received: FloorEventInput[];
const sink: EventSink = async (events) => {
  received.push(...events);
  return { accepted: events.length, duplicates: 0, rejected: 0, errors: [] };
};
const logger = pino({ level: 'silent' });

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-follow-'));
  file = path.join(dir, 'queue_log');
  received = [];
});
afterEach(async () => {
  await follower?.stop();
  follower = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

// Reads are driven by poll(), which resolves once the sink has the events: no sleeps.
// watch: false and a long pollMs keep the timer and fs.watch out of the way.
const follow = (extra: Partial<Parameters<typeof createQueueLogFollower>[0]> = {}) =>
  (follower = createQueueLogFollower({ path: file, sink, logger, pollMs: 3_600_000, watch: false, ...extra }));

describe('createQueueLogFollower', () => {
  it('tails from the end, follows a rotation (rename + new file) and sends every event once', async () => {
    fs.writeFileSync(file, line(0, 'c0|sales|NONE|ENTERQUEUE||100|1')); // history: not sent
    const f = follow();
    await f.start();
    fs.appendFileSync(file, line(10, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    await f.poll();
    // A line written in two pieces is read once it is complete.
    fs.appendFileSync(file, `${T + 12}|c1|sales|SIP/1001|CONN`);
    await f.poll();
    fs.appendFileSync(file, 'ECT|2|c1.2|1\n');
    await f.poll();
    // Rotation: the old file is renamed, gets a last line from the PBX, and a new file starts.
    fs.renameSync(file, `${file}.1`);
    fs.appendFileSync(`${file}.1`, line(20, 'c2|sales|NONE|ENTERQUEUE||139|2'));
    fs.writeFileSync(file, line(30, 'c1|sales|SIP/1001|COMPLETECALLER|2|18|1'));
    await f.poll();
    fs.appendFileSync(file, line(31, 'c2|sales|NONE|ABANDON|1|2|11'));
    await Promise.all([f.poll(), f.poll()]); // concurrent triggers read once
    await f.stop();
    follower = undefined;

    expect(received.map((e) => `${e.type} ${'callId' in e ? e.callId : ''}`)).toEqual([
      'call.offered c1', 'call.ringing c1', 'call.answered c1', 'call.offered c2', 'call.ended c1', 'call.ended c2',
    ]);
    expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    expect(f.counters()).toMatchObject({ read: 5, mapped: 5, failed: 0, events: 6, reconnects: 1, connected: false });
  });

  it('resumes from a saved position, and restarts a truncated file from its start', async () => {
    fs.writeFileSync(file, line(0, 'c0|sales|NONE|ENTERQUEUE||100|1'));
    const first = follow({ from: 'start' });
    await first.start();
    const saved = first.position();
    await first.stop();
    expect(received).toHaveLength(1);
    fs.appendFileSync(file, line(5, 'c0|sales|NONE|ABANDON|1|1|5'));

    received = [];
    const f = follow({ from: saved });
    await f.start();
    // Only the new line is sent. The lines before the position are re-read unsent, so this
    // follower knows c0 entered and sends the bare end an unbroken run would have sent.
    expect(received.map((e) => e.type)).toEqual(['call.ended']);
    fs.writeFileSync(file, line(9, 'NONE|sales|SIP/1001|ADDMEMBER|')); // copytruncate-style
    await f.poll();
    expect(received.map((e) => e.type)).toEqual(['call.ended', 'agent.login']);
  });

  it('keeps a batch the sink refused and sends it on the next poll', async () => {
    fs.writeFileSync(file, '');
    let fail = true;
    const flaky: EventSink = async (events) => {
      if (fail) throw new Error('server down');
      return sink(events);
    };
    const f = follow({ sink: flaky });
    await f.start();
    fs.appendFileSync(file, line(1, 'c1|sales|NONE|ENTERQUEUE||138|1'));
    await f.poll();
    expect(f.counters().lastError).toBe('server down');
    fail = false;
    await f.poll();
    expect(received.map((e) => e.type)).toEqual(['call.offered']);
    expect(f.counters().lastError).toBeUndefined();
  });

  it('warns once when calls land on a member name that no login named', async () => {
    // FreePBX: ADDMEMBER by interface, CONNECT by member name (app_queue.c member->membername).
    const said: Array<{ level: number; msg: string; agent?: string }> = [];
    const capture = pino({ level: 'warn' }, { write: (s: string) => said.push(JSON.parse(s)) });
    fs.writeFileSync(file, '');
    const f = follow({ logger: capture });
    await f.start();
    fs.appendFileSync(file, line(0, 'MANAGER|sales|Local/1001@from-queue/n|ADDMEMBER|')
      + line(5, 'c1|sales|NONE|ENTERQUEUE||138|1') + line(11, 'c1|sales|Alice Tan|CONNECT|6|c1.2|2'));
    await f.poll();
    fs.appendFileSync(file, line(20, 'c2|sales|NONE|ENTERQUEUE||139|1') + line(23, 'c2|sales|Alice Tan|CONNECT|3|c2.2|1'));
    await f.poll();
    expect(said.map((l) => l.agent)).toEqual(['Alice Tan']);
    expect(said[0].msg).toContain('agentNames');
  });

  it('reacts to fs.watch without a manual poll', async () => {
    fs.writeFileSync(file, '');
    const f = follow({ watch: true, pollMs: 50 }); // the poll timer is the fallback if watch is silent here
    await f.start();
    fs.appendFileSync(file, line(1, 'NONE|sales|SIP/1001|ADDMEMBER|'));
    await expect.poll(() => received.length, { timeout: 5000 }).toBe(1);
  });
});
