/**
 * What the command line says when something is wrong, as an installer meets it: one line
 * naming the command, the path or option and the reason, exit code 1; never Node's raw
 * ENOENT, an unhandled 'error' event and its stack trace, or half a minute of silence.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorwatchIn } from './cli-anywhere.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A local port nothing listens on (taken from the system, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('floorwatch --version', () => {
  it("prints the package's version, also run from another directory", async () => {
    for (const [cwd, flag] of [[ROOT, '--version'], [tmp('fw-version-'), '-V']] as const) {
      const { code, stdout, stderr } = await floorwatchIn(cwd, [flag]);
      expect(code, stderr).toBe(0);
      expect(stdout.trim()).toBe(VERSION);
    }
  }, 30_000);
});

describe('files that cannot be read or written', () => {
  it('simulate --out in a directory that does not exist: one line with the path and why, exit 1', async () => {
    const { code, stderr } = await floorwatchIn(ROOT, ['simulate', '--out', '/nonexistent/dir/x.ndjson', '--agents', '2', '--hours', '0.1']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('floorwatch simulate: cannot write /nonexistent/dir/x.ndjson: no such directory (/nonexistent/dir)');
  }, 30_000);

  it('import and replay of a file that does not exist: "cannot read FILE: no such file"', async () => {
    const missing = path.join(tmp('fw-missing-'), 'day.ndjson');
    const imported = await floorwatchIn(ROOT, ['import', missing, '--url', 'http://127.0.0.1:9', '--token', 'x']);
    expect(imported.code).toBe(1);
    expect(imported.stderr.trim()).toBe(`floorwatch import: cannot read ${missing}: no such file`);
    const replayed = await floorwatchIn(ROOT, ['replay', missing]);
    expect(replayed.code).toBe(1);
    expect(replayed.stderr.trim()).toBe(`floorwatch replay: cannot read ${missing}: no such file`);
  }, 30_000);
});

describe('simulate --url', () => {
  it('without --token is refused up front, naming --token', async () => {
    const { code, stderr } = await floorwatchIn(ROOT, ['simulate', '--url', 'http://127.0.0.1:9', '--hours', '0.1']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^floorwatch: --url needs --token/);
  }, 30_000);

  it('with nothing listening fails at once, saying it cannot reach the server', async () => {
    const port = await closedPort();
    const { code, stderr, ms } = await floorwatchIn(ROOT, ['simulate', '--url', `http://127.0.0.1:${port}`, '--token', 'x', '--hours', '0.1']);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`floorwatch: cannot reach http://127.0.0.1:${port} (connection refused): is the server running?`);
    // It took ~27 s of retries, silent; starting the command through tsx takes a few seconds.
    expect(ms).toBeLessThan(12_000);
  }, 60_000);

  it('simulate --help shows the breach rate default', async () => {
    const { stdout } = await floorwatchIn(ROOT, ['simulate', '--help']);
    expect(stdout.replace(/\s+/g, ' ')).toMatch(/--breach-rate <r> .*\(default: 0\.025\)/);
  }, 30_000);

  it('import of a past day into a running floor is refused unless --past-events, naming when and what to use instead', async () => {
    const past = await floorwatchIn(ROOT, ['import', 'test/fixtures/one-breach-each.ndjson', '--url', 'http://127.0.0.1:9', '--token', 'x']);
    expect(past.code).toBe(1);
    expect(past.stderr).toMatch(/floorwatch import: the newest event in test\/fixtures\/one-breach-each\.ndjson is from 2026-11-2\d.*h ago\. A running floor applies events that old now/);
    expect(past.stderr).toContain('floorwatch replay test/fixtures/one-breach-each.ndjson');
    expect(past.stderr).toContain('Nothing was sent.');
    // With --past-events it goes on to send (and fails on the unreachable server, not on the age).
    const anyway = await floorwatchIn(ROOT, ['import', 'test/fixtures/one-breach-each.ndjson', '--url', 'http://127.0.0.1:9', '--token', 'x', '--past-events']);
    expect(anyway.code).toBe(1);
    expect(anyway.stderr).not.toContain('h ago');
  }, 60_000);
});

