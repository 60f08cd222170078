/**
 * `feed-token` and `reset-admin` beside a server on PostgreSQL: they work on the accounts
 * and tokens the server has there (--postgres URL or FLOORWATCH_POSTGRES, as `serve` takes
 * it), not on the SQLite side file, where a token or password no server knows was made
 * and reported as a success. A URL whose schema has no Floorwatch accounts (another
 * search_path, a typo) is refused and nothing is made there. The server's start banner
 * names the command for its storage.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, SKIP_POSTGRES, connectTo, requirePostgres, testSchemas } from '../unit/storage/postgres-test-db.js';
import { floorwatchIn, serveIn, type Serving } from './cli-anywhere.js';
import { postEvents } from './server-process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const schemas = testSchemas('fw_access_cli');
const urlFor = (schema: string) => `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;

async function createSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await client.end();
  }
}

describe.skipIf(SKIP_POSTGRES)('feed-token and reset-admin with PostgreSQL', () => {
  let server: Serving;
  let url: string;
  let sideDb: string;

  beforeAll(async () => {
    await requirePostgres();
    const schema = schemas.next();
    await createSchema(schema);
    url = urlFor(schema);
    sideDb = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-access-pg-')), 'side.db');
    server = await serveIn(ROOT, ['--db', sideDb, '--postgres', url, '--reorder-window', '0']);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await schemas.dropAll();
  });

  it("the start banner's lost-password command is reset-admin on the server's PostgreSQL, not its side file", () => {
    const banner = server.stderr().slice(server.stderr().indexOf('Floorwatch is running at'));
    expect(banner).toContain('reset-admin --postgres "$FLOORWATCH_POSTGRES"');
    expect(banner).not.toContain('--db');
  });

  it('feed-token create --postgres makes a token the running server takes; list and revoke see it', async () => {
    const created = await floorwatchIn(ROOT, ['feed-token', 'create', 'pbx on pg', '--postgres', url]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    await postEvents(server.url, token, [{ id: 'pg-cli-1', type: 'agent.login', ts: Date.now(), agentId: '1001', stationId: 'S-1', teamId: 'A' }]);

    // The environment variable, as serve takes it.
    const listed = await floorwatchIn(ROOT, ['feed-token', 'list'], { FLOORWATCH_POSTGRES: url });
    expect(listed.code, listed.stderr).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes('\tpbx on pg\t'));
    expect(line).toMatch(/\tpbx on pg\tactive\t/);

    const revoked = await floorwatchIn(ROOT, ['feed-token', 'revoke', line!.split('\t')[0]!, '--postgres', url]);
    expect(revoked.code, revoked.stderr).toBe(0);
    const refused = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '[]',
    });
    expect(refused.status).toBe(401);
  }, 60_000);

  it('reset-admin --postgres gives the admin the server signs in a new one-time password', async () => {
    const reset = await floorwatchIn(ROOT, ['reset-admin'], { FLOORWATCH_POSTGRES: url });
    expect(reset.code, reset.stderr).toBe(0);
    const password = /^"admin" one-time password: (\S+)/.exec(reset.stdout)?.[1];
    expect(password).toBeDefined();
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
    });
    expect(signIn.status, await signIn.text()).toBe(200);
  }, 60_000);

  it('refuse a PostgreSQL schema with no Floorwatch accounts (a wrong search_path), and create nothing there', async () => {
    const empty = schemas.next();
    await createSchema(empty);
    for (const command of [['feed-token', 'create', 'pbx1'], ['feed-token', 'list'], ['reset-admin']]) {
      const { code, stdout, stderr } = await floorwatchIn(ROOT, [...command, '--postgres', urlFor(empty)]);
      expect(code, command.join(' ')).toBe(1);
      expect(stdout, command.join(' ')).toBe('');
      expect(stderr, command.join(' ')).toMatch(/^floorwatch: no Floorwatch accounts in PostgreSQL at postgres:\/\/.*pass the --postgres URL the server runs with/);
    }
    const client = await connectTo(empty);
    try {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1", [empty]);
      expect(rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  }, 60_000);

  it('a --postgres that is not a PostgreSQL URL is refused without repeating it', async () => {
    const { code, stderr } = await floorwatchIn(ROOT, ['feed-token', 'list', '--postgres', 'mysql://root:hunter2@db/floor']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--postgres \/ FLOORWATCH_POSTGRES: expected a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(stderr).not.toContain('hunter2');
  }, 30_000);
});
