/**
 * `floorwatch` from the sources run from any directory (as a service runs it, from
 * somewhere else than the checkout), with the environment given: the command itself, and
 * `serve` kept running until its start banner is out, for the tests that read its log.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ENTRY = [`--import=${TSX}`, path.join(ROOT, 'server/cli/floorwatch.ts')];

/** Nothing the calling shell set for floorwatch leaks into a test's run. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FLOORWATCH_') && !k.startsWith('npm_')));
  return { ...base, ...env };
}

export interface Ran { code: number; stdout: string; stderr: string; ms: number }

/**
 * Runs `floorwatch <args>` to its end (in `cwd`, with `env`); its exit code and output,
 * never throwing. A command still running after `timeoutMs` (a server that started when
 * it should have refused) is stopped, never left behind.
 */
export function floorwatchIn(cwd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 20_000): Promise<Ran> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [...ENTRY, ...args], { cwd, env: cleanEnv(env), timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

export interface Serving {
  url: string;
  /** Standard output so far: the JSON log lines, one a line. */
  stdout(): string;
  /** Standard error so far: the sign-in banner (the output is no terminal). */
  stderr(): string;
  stop(): Promise<void>;
}

/** `floorwatch serve` on a free port, resolved once its sign-in banner is printed (the last thing a start says). */
export function serveIn(cwd: string, args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<Serving> {
  const child: ChildProcess = spawn(process.execPath, [...ENTRY, 'serve', '--host', '127.0.0.1', '--port', '0', ...args], {
    cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => { out += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { err += b.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      void stop().then(() => reject(new Error(`serve did not start in ${timeoutMs} ms:\n${out}\n${err}`)));
    }, timeoutMs);
    const poll = setInterval(() => {
      const url = /Floorwatch is running at (\S+)\n[\s\S]*\n\n/.exec(err)?.[1];
      if (url === undefined) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ url, stdout: () => out, stderr: () => err, stop });
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}

/** The JSON log lines in `text` (the banner's lines are not JSON). */
export function logLines(text: string): Array<{ level: number; msg: string; [key: string]: unknown }> {
  return text.split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line) as unknown;
      return typeof entry === 'object' && entry !== null && 'msg' in entry ? [entry as { level: number; msg: string }] : [];
    } catch {
      return [];
    }
  });
}
