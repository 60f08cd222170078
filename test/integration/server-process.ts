/**
 * Runs `floorwatch serve` as a child process (through tsx, straight from the sources) and
 * finds its URL in its JSON log, so tests can kill it for real.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { execFileSync } from 'node:child_process';
import type { IngestResult } from '../../shared/ingest.js';
import { Browser } from './access/access-server.js';

/** The first admin's initial password in these tests (the server forces a change). */
export const ADMIN_FIRST_PASSWORD = 'initial-admin-password-for-tests';
export const ADMIN_PASSWORD = 'Harbour lantern 47 quietly';

/** Signs in as admin (choosing the real password on the first sign-in); returns the session. */
export async function signInAdmin(url: string): Promise<Browser> {
  const browser = new Browser(url);
  let res = await browser.call('POST', '/api/v1/session', { body: { username: 'admin', password: ADMIN_PASSWORD } });
  if (res.status === 401) {
    res = await browser.call('POST', '/api/v1/session', { body: { username: 'admin', password: ADMIN_FIRST_PASSWORD } });
    if (res.status !== 200) throw new Error(`admin sign-in answered ${res.status}`);
    const changed = await browser.call('POST', '/api/v1/session/password', {
      csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_PASSWORD },
    });
    if (changed.status !== 200) throw new Error(`password change answered ${changed.status}: ${await changed.text()}`);
  } else if (res.status !== 200) {
    throw new Error(`admin sign-in answered ${res.status}`);
  }
  return browser;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it logged, for failure messages. */
  log: string[];
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** `port` 0 lets the system choose; a fixed one restarts a server where its clients expect it. */
/** How the server is started: from its sources through tsx (the tests), or built (the bench, as production runs it). */
export const FROM_SOURCES = ['--import', 'tsx', 'server/cli/floorwatch.ts'];
export const BUILT = ['--enable-source-maps', 'dist/server/cli/floorwatch.js'];

export async function startServerProcess(
  args: string[], timeoutMs = 30_000, port = 0, nodeFlags: string[] = [], entry: string[] = FROM_SOURCES,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeFlags, ...entry, 'serve', '--host', '127.0.0.1', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FLOORWATCH_PORT: '', FLOORWATCH_DB: '', FLOORWATCH_ADMIN_PASSWORD: ADMIN_FIRST_PASSWORD },
  });
  const log: string[] = [];
  child.stderr!.on('data', (b: Buffer) => log.push(b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${log.join('')}`)), timeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      log.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'Floorwatch is serving' && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log.join('\n')}`));
    });
  });
  return {
    url,
    child,
    log,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * A feed token for the database at `db`, made the way an installer makes one: some tests
 * make it before the server's first start, so the file may not exist yet (--create-db).
 */
export function createFeedToken(db: string, name = 'test feed'): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'feed-token', 'create', name, '--db', db, '--create-db'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString().trim();
}

/** Posts events to a running server with a feed token; throws unless every one was accepted. */
export async function postEvents(url: string, feedToken: string, events: object[]): Promise<void> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST', body: JSON.stringify(events),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${feedToken}` },
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text}`);
  const result = JSON.parse(text) as IngestResult;
  if (result.rejected > 0) throw new Error(`ingest rejected: ${text}`);
}
