/**
 * `serve --feed queue-log:///...` killed with SIGKILL and started again: what Asterisk wrote
 * while Floorwatch was down reaches the event log, once. (A queue-log URL with a host part
 * is refused before anything is made: serve-feed-check.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { positionFileFor } from '../../server/adapters/queue-log/position-file.js';
import { signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

async function loggedIds(db: string): Promise<string[]> {
  const storage = createSqliteStorage(db);
  try {
    return (await storage.log.read(0, 1_000_000)).map((e) => e.id);
  } finally {
    await storage.close();
  }
}

describe('serve --feed queue-log across a crash', () => {
  it('a line appended while the server was killed is ingested after the restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-ql-restart-'));
    const db = path.join(dir, 'floor.db');
    const log = path.join(dir, 'queue_log');
    fs.writeFileSync(log, '');
    const args = ['--db', db, '--reorder-window', '0', '--no-rules', '--feed', `queue-log://${log}`];
    const first = await startServerProcess(args);
    running.push(first);
    // The first start saves where it began (the end) before it counts as started.
    await vi.waitFor(() => expect(fs.existsSync(positionFileFor(db, log))).toBe(true), { timeout: 15_000, interval: 100 });
    await first.stop('SIGKILL');

    const now = Math.floor(Date.now() / 1000);
    fs.appendFileSync(log, `${now}|9001.1|live|NONE|ENTERQUEUE||13800001111|1\n`);
    const second = await startServerProcess(args);
    running.push(second);
    fs.appendFileSync(log, `${now + 3}|9001.1|live|NONE|ABANDON|1|1|3\n`);
    const admin = await signInAdmin(second.url);
    await vi.waitFor(async () => {
      const feeds = (await (await admin.call('GET', '/api/v1/feeds')).json()) as Array<{ counters: { read: number } }>;
      expect(feeds[0].counters.read).toBe(2);
    }, { timeout: 15_000, interval: 200 });
    await second.stop('SIGKILL');

    const ids = await loggedIds(db);
    expect(ids.filter((id) => id.startsWith('ql-'))).toEqual([
      `ql-${now}-9001.1-ENTERQUEUE-0-offer`,
      expect.stringMatching(/^ql-\d+-9001\.1-ABANDON-\d+-end$/),
    ]);
  }, 60_000);
});
