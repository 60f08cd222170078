/**
 * One `serve` per database file. Two servers on one file each ran an engine of their own
 * (both named alerts al-1, al-2..., the alerts table kept whichever wrote last): now the
 * second refuses to start, naming the file and the first one's pid, exit code 1. The lock
 * is the OS's: a holder killed with kill -9 leaves nothing to clean up. The CLI's other
 * commands still work beside a running server; `:memory:` takes no lock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../../server/serve.js';
import { cli, cliFailing } from './cli-run.js';
import { ADMIN_FIRST_PASSWORD, startServerProcess, type ServerProcess } from './server-process.js';

const dirs: string[] = [];
const servers: RunningServer[] = [];
const processes: ServerProcess[] = [];

afterEach(async () => {
  await Promise.all(processes.splice(0).map((p) => p.stop('SIGKILL')));
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-one-server-'));
  dirs.push(dir);
  return path.join(dir, 'floor.db');
}

function serve(db: string): Promise<RunningServer> {
  const options: ServeOptions = {
    port: 0, host: '127.0.0.1', db, reorderWindowMs: 0, retentionDays: 7, durability: 'NORMAL',
    logger: pino({ level: 'silent' }), adminPassword: ADMIN_FIRST_PASSWORD, announce: () => undefined,
  };
  return startServer(options).then((server) => {
    servers.push(server);
    return server;
  });
}

const args = (db: string) => ['--db', db, '--reorder-window', '0', '--no-rules'];

describe('one server per database file', () => {
  it('a second server on the same file refuses to start, naming it; once the first is closed, it starts', async () => {
    const db = tempDb();
    const first = await serve(db);
    await expect(serve(db)).rejects.toThrow(
      `the database ${db} is in use by another floorwatch serve (pid ${process.pid}): one server per database file`,
    );
    // The refused one left the file as it was: the first still serves.
    expect((await fetch(`${first.url}/ready`)).status).toBe(200);

    // Another spelling of the same file, or a symlink to it, finds the same lock.
    fs.mkdirSync(path.join(path.dirname(db), 'sub'));
    await expect(serve(`${path.dirname(db)}/sub/../${path.basename(db)}`)).rejects.toThrow(/is in use by another floorwatch serve/);
    const link = path.join(path.dirname(db), 'link.db');
    fs.symlinkSync(db, link);
    await expect(serve(link)).rejects.toThrow(/is in use by another floorwatch serve/);

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    const second = await serve(db);
    expect((await fetch(`${second.url}/health`)).status).toBe(200);
  });

  it('another file beside it, and :memory:, are not held', async () => {
    const db = tempDb();
    await serve(db);
    await serve(path.join(path.dirname(db), 'other.db'));
    await serve(':memory:');
    await serve(':memory:');
  });

  it('`serve` in another process: exit 1 with the file and the pid; the CLI\'s other commands still work', async () => {
    const db = tempDb();
    const holder = await startServerProcess(args(db));
    processes.push(holder);
    const refused = await cliFailing('serve', '--host', '127.0.0.1', '--port', '0', ...args(db));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`floorwatch: the database ${db} is in use by another floorwatch serve (pid ${holder.child.pid})`);
    expect(refused.stdout).not.toContain('Floorwatch is serving');

    // Beside the running server: these open the database itself, never its lock.
    const { stdout } = await cli('feed-token', 'create', 'beside the server', '--db', db);
    expect(stdout.trim()).toMatch(/^\S{20,}$/);
    expect((await cli('reset-admin', '--db', db)).stdout).toMatch(/password/i);
  });

  it('a holder killed with kill -9 leaves no lock behind', async () => {
    const db = tempDb();
    const holder = await startServerProcess(args(db));
    processes.push(holder);
    await holder.stop('SIGKILL');
    const next = await startServerProcess(args(db));
    processes.push(next);
    expect((await fetch(`${next.url}/health`)).status).toBe(200);
  });
});
