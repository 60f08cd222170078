/**
 * A Redis of the test's own (redis-server on a free port, in a temporary directory), so a
 * test may stop, kill and restart it without touching the shared one on 6379. With
 * `appendonly` it keeps an append-only file there, as a durable deployment would
 * (docs/deployment.md); without, it keeps nothing, like the machine's shared Redis.
 *
 * Needs the `redis-server` binary (Debian: apt-get install redis-server). Missing, the
 * tests FAIL saying so; only FLOORWATCH_SKIP_REDIS=1 skips them (a machine without Redis,
 * on purpose), as FLOORWATCH_SKIP_POSTGRES does for PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const SKIP_REDIS = process.env.FLOORWATCH_SKIP_REDIS === '1';

export interface PrivateRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM: an append-only file is flushed) and starts it again on the same port and directory. */
  /** Stops Redis, keeps it down `downMs` (and until `whileDown` has run), starts it again. */
  restart(options?: { downMs?: number; signal?: NodeJS.Signals; whileDown?: () => Promise<void> }): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateRedis(options: { appendonly?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-redis-'));
  let child: ChildProcess | undefined;

  const launch = (): Promise<void> => new Promise((resolve, reject) => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', options.appendonly ? 'yes' : 'no'];
    if (options.appendonly) args.push('--appendfsync', 'always');
    const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start on ${port}:\n${out}`)), 10_000);
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${out}`));
    });
    proc.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`redis-server could not be started (${err.message}). These tests need it: install it ` +
        '(apt-get install redis-server), or set FLOORWATCH_SKIP_REDIS=1 to skip them.'));
    });
  });

  const halt = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await exited;
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart({ downMs = 0, signal = 'SIGTERM', whileDown } = {}) {
      await halt(signal);
      if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
      await whileDown?.();
      await launch();
    },
    async stop() {
      await halt('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
