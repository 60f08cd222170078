/**
 * The README's path for an Asterisk site: `floorwatch serve --feed queue-log:///...` follows
 * the live queue_log, and `floorwatch import --format queue_log` loads history; both reach
 * the floor as figures a supervisor reads from the API.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';

const run = promisify(execFile);
const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

describe('Asterisk feeds through the command line', () => {
  it('serve --feed queue-log follows the live file; import loads a file; the floor shows both', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feeds-'));
    const db = path.join(dir, 'floor.db');
    const log = path.join(dir, 'queue_log');
    fs.writeFileSync(log, '');
    const server = await startServerProcess(['--db', db, '--reorder-window', '0', '--no-rules', '--feed', `queue-log://${log}`]);
    running.push(server);
    const admin = await signInAdmin(server.url);
    const floor = async () => (await (await admin.call('GET', '/api/v1/floor')).json()) as FloorSnapshot;

    // The PBX writes a call to its queue_log: joined, answered after 4 s of ringing, completed by the caller.
    const now = Math.floor(Date.now() / 1000);
    fs.appendFileSync(log, [
      `${now}|NONE|live|SIP/2001|ADDMEMBER|`,
      `${now}|1001.1|live|NONE|ENTERQUEUE||13800001111|1`,
      `${now + 1}|1001.1|live|SIP/2001|CONNECT|1|1001.2|4`,
      `${now + 2}|1001.1|live|SIP/2001|COMPLETECALLER|1|1|1`,
      '',
    ].join('\n'));
    await vi.waitFor(async () => {
      expect((await floor()).queues.find((q) => q.queue === 'live')).toMatchObject({ offered: 1, answered: 1 });
    }, { timeout: 15_000, interval: 200 });
    const feeds = (await (await admin.call('GET', '/api/v1/feeds')).json()) as Array<{ name: string; counters: { read: number; mapped: number } }>;
    expect(feeds[0].counters).toMatchObject({ read: 4, mapped: 4 });

    // History from a file, through a feed token, as an installer would load yesterday.
    const token = createFeedToken(db, 'import');
    const { stderr } = await run(process.execPath, [
      '--import', 'tsx', 'server/cli/floorwatch.ts', 'import', 'test/fixtures/queue-log/asterisk-13.queue_log',
      '--format', 'queue_log', '--url', server.url, '--token', token, '--past-events',
    ]);
    expect(JSON.parse(stderr.trim().split('\n').at(-1)!)).toMatchObject({ rejected: 0 });
    expect(JSON.parse(stderr.trim().split('\n').at(-1)!).accepted).toBeGreaterThan(10);
  }, 60_000);
});

describe('cloud contact centres through webhooks', () => {
  it('serve --connect-secret receives Amazon Connect contact records; a wrong secret is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-connect-'));
    const server = await startServerProcess(['--db', path.join(dir, 'floor.db'), '--reorder-window', '0', '--no-rules', '--connect-secret', 'forwarder-secret-123']);
    running.push(server);
    const records = fs.readFileSync('test/fixtures/amazon-connect/contact-records.json', 'utf8');
    const post = (secret: string) => fetch(`${server.url}/hooks/amazon-connect`, {
      method: 'POST', body: records, headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    });
    expect((await post('wrong')).status).toBe(401);
    const ok = await post('forwarder-secret-123');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ rejected: 0 });
    const admin = await signInAdmin(server.url);
    const feeds = (await (await admin.call('GET', '/api/v1/feeds')).json()) as Array<{ name: string; counters: { read: number } }>;
    expect(feeds).toEqual([expect.objectContaining({ name: 'amazon-connect', counters: expect.objectContaining({ read: 4 }) })]);
    const floor = (await (await admin.call('GET', '/api/v1/floor')).json()) as FloorSnapshot;
    expect(floor.floor.offered).toBeGreaterThan(0);
  }, 60_000);
});
