/**
 * `floorwatch import` and `replay` say when part of a file did not get through: an
 * unreadable line, or an event the server refused, makes the exit code 1 and ends the
 * output with one line saying how many and where to look; a clean file (sent twice: the
 * second time all duplicates) exits 0. A wrong --url is named as such, and a server that
 * is not there is said to be unreachable, not "fetch failed".
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedToken, startServerProcess, type ServerProcess } from './server-process.js';
import { cli, cliFailing } from './cli-run.js';


const lastLine = (text: string): string => text.trim().split('\n').at(-1)!;
const login = (id: string, ts: number) => JSON.stringify({ id, type: 'agent.login', ts, agentId: id, stationId: `S-${id}`, teamId: 'A' });

let dir: string;
let server: ServerProcess;
let token: string;
const file = (name: string, lines: string[]): string => {
  const at = path.join(dir, name);
  fs.writeFileSync(at, `${lines.join('\n')}\n`);
  return at;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-import-cli-'));
  const db = path.join(dir, 'floor.db');
  server = await startServerProcess(['--db', db, '--reorder-window', '0']);
  token = createFeedToken(db, 'history');
});

afterAll(async () => {
  await server?.stop();
});

describe('floorwatch import', () => {
  it('exits 1 when every line is unreadable, ending with how many and where to look', async () => {
    // JSON, but no line an event (a file of nothing but non-JSON is refused whole, as before).
    const junk = file('junk.ndjson', Array.from({ length: 29 }, (_, i) => JSON.stringify({ junk: i })));
    const { code, stderr } = await cliFailing('import', junk, '--url', server.url, '--token', token);
    expect(code).toBe(1);
    expect(stderr).toContain(`${junk}: line 29: `);
    const lines = stderr.trim().split('\n');
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({ read: 0, accepted: 0, rejected: 0, unreadable: 29 });
    expect(lines.at(-1)).toBe(`floorwatch import: 29 unreadable lines in ${junk} not sent; each is listed above, with where and why`);
  }, 60_000);

  it('sends the readable lines of a mixed file, and still exits 1', async () => {
    const now = Date.now();
    const mixed = file('mixed.ndjson', [login('mixed-1', now), '{"broken"', login('mixed-2', now)]);
    const { code, stderr } = await cliFailing('import', mixed, '--url', server.url, '--token', token);
    expect(code).toBe(1);
    expect(stderr).toContain(`${mixed}: line 2: `);
    expect(JSON.parse(stderr.trim().split('\n').at(-2)!)).toMatchObject({ read: 2, accepted: 2, unreadable: 1 });
    expect(lastLine(stderr)).toBe(`floorwatch import: 1 unreadable line in ${mixed} not sent; each is listed above, with where and why`);
  }, 60_000);

  it('exits 1 naming each event the server refused', async () => {
    // Readable, but dated far ahead of the server's clock: the floor refuses it.
    const future = file('future.ndjson', [login('from-the-future', Date.parse('2099-01-01T00:00:00Z'))]);
    const { code, stderr } = await cliFailing('import', future, '--url', server.url, '--token', token);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`${future}: event from-the-future: ts: more than .* ahead of the server's clock.*\\(refused by the server\\)`));
    expect(lastLine(stderr)).toBe('floorwatch import: 1 event refused by the server; each is listed above, with where and why');
  }, 60_000);

  it('exits 0 for a clean file, and again when it is sent twice (duplicates are a resend)', async () => {
    const now = Date.now();
    const clean = file('clean.ndjson', [login('clean-1', now), login('clean-2', now)]);
    const first = await cli('import', clean, '--url', server.url, '--token', token);
    expect(JSON.parse(lastLine(first.stderr))).toMatchObject({ read: 2, accepted: 2, duplicates: 0, rejected: 0, unreadable: 0 });
    const again = await cli('import', clean, '--url', server.url, '--token', token);
    expect(JSON.parse(lastLine(again.stderr))).toMatchObject({ read: 2, accepted: 0, duplicates: 2, rejected: 0, unreadable: 0 });
  }, 60_000);

  it('names --url when it is not a URL, and says a server that is not listening cannot be reached', async () => {
    const clean = file('one.ndjson', [login('one', Date.now())]);
    const notUrl = await cliFailing('import', clean, '--url', 'notaurl', '--token', token);
    expect(notUrl.code).toBe(1);
    expect(notUrl.stderr).toContain('floorwatch: --url notaurl is not a URL');

    // A port just given back by the system: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const nobody = await cliFailing('import', clean, '--url', `http://127.0.0.1:${port}`, '--token', token);
    expect(nobody.code).toBe(1);
    expect(lastLine(nobody.stderr)).toBe(`floorwatch: cannot reach http://127.0.0.1:${port} (connection refused): is the server running?`);
  }, 60_000);
});

describe('floorwatch replay', () => {
  it('still prints its report for an unreadable file, but exits 1 with how many and where to look', async () => {
    const junk = file('replay-junk.ndjson', ['{"nothing":1}', '{"readable":2}', '{"here":3}']);
    const { code, stdout, stderr } = await cliFailing('replay', junk, '--json');
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ alerts: [], problems: [expect.stringContaining(`${junk}: line 1: `), expect.any(String), expect.any(String)] });
    expect(lastLine(stderr)).toBe(`floorwatch replay: 3 unreadable lines in ${junk} left out of the report; each is listed above, with where and why`);
  }, 60_000);

  it('counts every unreadable line of a queue_log, though it lists the first', async () => {
    const log = 'test/fixtures/queue-log/truncated-and-garbage.queue_log';
    const { code, stderr } = await cliFailing('replay', log, '--format', 'queue_log');
    expect(code).toBe(1);
    expect(lastLine(stderr)).toBe(`floorwatch replay: 5 unreadable lines in ${log} left out of the report; each is listed above, with where and why`);
  }, 60_000);

  it('exits 0 for a clean file', async () => {
    const clean = file('replay-clean.ndjson', [login('r-1', Date.parse('2026-11-27T01:00:00Z'))]);
    const { stderr } = await cli('replay', clean);
    expect(stderr).toBe('');
  }, 60_000);
});
