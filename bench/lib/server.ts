/**
 * The real server for the bench: `floorwatch serve` as a child process on a fresh SQLite
 * file (the embedded default, durable log and all), with a feed token for ingest and a
 * signed-in session for wallboard sockets. Reuses the integration tests' helpers, which
 * start it exactly as an installer would.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILT, FROM_SOURCES, createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from '../../test/integration/server-process.js';

export interface BenchServer {
  url: string;
  pid: number;
  token: string;
  /** Cookie header of a signed-in administrator, for wallboard sockets. */
  cookie: string;
  dbFile: string;
  /** performance.now() just before the process was spawned. */
  spawnedAt: number;
  process: ServerProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Removes the database folder (after stop). */
  cleanup(): void;
}

export interface BenchServerOptions {
  /** Reuse a database file (restart scenario); else a fresh temp one. */
  dbFile?: string;
  /** A feed token already in that file (skips making one). */
  token?: string;
  extraArgs?: string[];
  cpuProfDir?: string;
  /** Node flags for the server process (e.g. --max-old-space-size). */
  nodeFlags?: string[];
  timeoutMs?: number;
}

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const dir = options.dbFile === undefined ? mkdtempSync(path.join(tmpdir(), 'floorwatch-bench-')) : undefined;
  const dbFile = options.dbFile ?? path.join(dir!, 'bench.db');
  const token = options.token ?? createFeedToken(dbFile, `bench ${Date.now()}`);
  const args = [
    '--db', dbFile,
    // The bench is one feed sending as fast as it can: lift the per-feed request limit.
    '--ingest-per-minute', '1000000',
    ...(options.extraArgs ?? []),
  ];
  const nodeFlags = [
    ...(options.nodeFlags ?? []),
    ...(options.cpuProfDir !== undefined ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
  ];
  const spawnedAt = performance.now();
  // The built server when there is one (npm run bench builds it first), as production runs it.
  const entry = existsSync('dist/server/cli/floorwatch.js') ? BUILT : FROM_SOURCES;
  const proc = await startServerProcess(args, options.timeoutMs ?? 60_000, 0, nodeFlags, entry);
  // A server that dies mid-scenario says why here: the scenario only sees its sockets reset.
  let stopping = false;
  proc.child.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`  the server exited by itself (code ${code}, signal ${signal}); its last lines:\n${proc.log.slice(-40).join('\n')}\n`);
  });
  const admin = await signInAdmin(proc.url);
  const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    url: proc.url,
    pid: proc.child.pid!,
    token,
    cookie,
    dbFile,
    spawnedAt,
    process: proc,
    async stop(signal = 'SIGTERM') {
      stopping = true;
      await proc.stop(signal);
    },
    cleanup() {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}
