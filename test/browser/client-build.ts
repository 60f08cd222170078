/**
 * The browser tests run against the built client (dist/client), as the server serves it.
 * It is rebuilt only when missing or older than its sources. Test files run in parallel,
 * so one builds while the others wait for it: two vite builds emptying the same
 * directory would pull files from under each other.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, watch } from 'node:fs';
import path from 'node:path';

export const CLIENT_DIR = 'dist/client';
/** What the bundle is made of: the client, the shared contract it imports, the build config. */
const SOURCES = ['client', 'shared', 'vite.config.ts'];
const LOCK = 'dist/.client-build.lock';
/** A lock older than this was left by a run that died mid-build. */
const STALE_LOCK_MS = 3 * 60_000;

function newestMtime(entry: string): number {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

function isFresh(): boolean {
  const index = path.join(CLIENT_DIR, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.filter((s) => existsSync(s)).every((s) => newestMtime(s) <= built);
}

function lockAgeMs(): number {
  try {
    return Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return 0;
  }
}

/** Resolves when the lock is gone (or could be stale): the watcher wakes us, no polling. */
function lockReleased(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      watcher.close();
      clearTimeout(timer);
      resolve();
    };
    const watcher = watch(path.dirname(LOCK), () => {
      if (!existsSync(LOCK)) done();
    });
    const timer = setTimeout(done, STALE_LOCK_MS);
    if (!existsSync(LOCK)) done();
  });
}

/** Returns the directory to serve, built and current. */
export async function ensureClientBuilt(): Promise<string> {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  while (!isFresh()) {
    try {
      mkdirSync(LOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockAgeMs() > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await lockReleased();
      continue;
    }
    try {
      // vitest sets NODE_ENV=test, which would make vite bundle React's development build:
      // test what ships (and leave in dist/client what `floorwatch serve` should serve).
      const env = { ...process.env, NODE_ENV: 'production' };
      if (!isFresh()) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit', env });
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return CLIENT_DIR;
}
