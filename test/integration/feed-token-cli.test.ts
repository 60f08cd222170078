/**
 * `floorwatch feed-token` and `reset-admin` run on the server machine, against the file the
 * server runs with: a --db that does not exist (a typo) is refused and nothing is created,
 * instead of printing a token no server knows. A token made for the server's own file
 * feeds the running server, and the server tells a missing token from one it does not
 * take (revoked or mistyped), over HTTP and socket.io.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from './once.js';
import { postEvents, startServerProcess, type ServerProcess } from './server-process.js';
import { cli, cliFailing } from './cli-run.js';


const REQUIRED = 'a feed token is required (Authorization: Bearer <token>)';
const INVALID = 'the feed token is not valid (revoked or mistyped)';
const login = (id: string) => ({ id, type: 'agent.login', ts: Date.now(), agentId: '1001', stationId: 'S-1', teamId: 'A' });

let server: ServerProcess;
let db: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  // A path nothing made yet: serve still creates its database on the first start.
  db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-feed-token-')), 'floor.db');
  server = await startServerProcess(['--db', db, '--reorder-window', '0']);
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

describe('feed-token and reset-admin against the wrong --db', () => {
  it('refuse a database file that does not exist, for every command, and create nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-typo-'));
    const typo = path.join(dir, 'typo.db');
    for (const command of [['feed-token', 'create', 'pbx1'], ['feed-token', 'list'], ['feed-token', 'revoke', 'feed-x'], ['reset-admin']]) {
      const { code, stdout, stderr } = await cliFailing(...command, '--db', typo);
      expect(code, command.join(' ')).toBe(1);
      expect(stdout, command.join(' ')).toBe('');
      expect(stderr, command.join(' ')).toContain(`no such database file: ${typo} (pass the --db the server runs with)`);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('create a new file only when asked to (--create-db), to set up before the first start', async () => {
    const fresh = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-fresh-')), 'floor.db');
    const { stdout } = await cli('feed-token', 'create', 'installer', '--db', fresh, '--create-db');
    expect(stdout.trim()).toMatch(/^\S{20,}$/);
    expect(fs.existsSync(fresh)).toBe(true);
  }, 60_000);
});

describe('feed-token and reset-admin against the database serve made', () => {
  it('make a token the running server takes, and a new admin password', async () => {
    const { stdout: token } = await cli('feed-token', 'create', 'asterisk pbx1', '--db', db);
    await postEvents(server.url, token.trim(), [login('cli-token-1')]);
    const { stdout: listed } = await cli('feed-token', 'list', '--db', db);
    expect(listed).toMatch(/\tasterisk pbx1\tactive\t/);
    const { stdout: reset } = await cli('reset-admin', '--db', db);
    expect(reset).toMatch(/^"admin" one-time password: \S+/);
  }, 60_000);

  it('refuse a feed token without a name, naming the name argument, and make none', async () => {
    const before = (await cli('feed-token', 'list', '--db', db)).stdout;
    for (const name of ['', '   ']) {
      const { code, stdout, stderr } = await cliFailing('feed-token', 'create', name, '--db', db);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/argument 'name'/);
      expect(stderr).toMatch(/a feed token needs a name/);
    }
    expect((await cli('feed-token', 'list', '--db', db)).stdout).toBe(before);
  }, 60_000);
});

describe('the ingest endpoints, with a token missing or not taken', () => {
  const ingest = (authorization?: string) => fetch(`${server.url}/api/v1/events`, {
    method: 'POST', body: JSON.stringify([login('cli-token-2')]),
    headers: { 'content-type': 'application/json', ...(authorization !== undefined && { authorization }) },
  });

  it('HTTP: says a token is required when none is sent, that the Bearer scheme is missing, and that it is not valid when it is revoked or mistyped', async () => {
    const missing = await ingest();
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ error: REQUIRED, code: 'feedTokenRequired' });
    const mistyped = await ingest('Bearer not-a-token-anyone-made-0123456789');
    expect(mistyped.status).toBe(401);
    expect(mistyped.headers.get('www-authenticate')).toBe('Bearer realm="floorwatch-ingest"');
    expect(await mistyped.json()).toEqual({ error: INVALID, code: 'feedTokenInvalid' });
    // The token alone, without its scheme: named as that, not as no token at all.
    const schemeless = await ingest('not-a-token-anyone-made-0123456789');
    expect(schemeless.status).toBe(401);
    expect(await schemeless.json()).toMatchObject({ code: 'feedTokenNotBearer', error: expect.stringContaining('Authorization: Bearer <token>') });
    // The scheme with no token after it (an unset variable in the feed's script): a token is missing.
    expect(await (await ingest('Bearer ')).json()).toMatchObject({ code: 'feedTokenRequired' });

    const token = (await cli('feed-token', 'create', 'to revoke', '--db', db)).stdout.trim();
    const id = (await cli('feed-token', 'list', '--db', db)).stdout.split('\n').find((l) => l.includes('\tto revoke\t'))!.split('\t')[0]!;
    await cli('feed-token', 'revoke', id, '--db', db);
    const revoked = await ingest(`Bearer ${token}`);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ error: INVALID, code: 'feedTokenInvalid' });
  }, 60_000);

  it('socket.io /ingest: the same two refusals', async () => {
    const refusal = async (auth: Record<string, string>): Promise<string> => {
      const socket = connect(`${server.url}/ingest`, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
      sockets.push(socket);
      return (await once<Error>(socket, 'connect_error')).message;
    };
    expect(await refusal({})).toBe('a feed token is required (auth: { token })');
    expect(await refusal({ token: 'not-a-token-anyone-made-0123456789' })).toBe(INVALID);
  }, 60_000);
});
