/**
 * A database `serve` cannot write is refused at start, with its path and the cause. A
 * read-only file used to start, say "serving", and only log "attempt to write a readonly
 * database" at each append (/ready said storage ok); an unwritable directory or an
 * unopenable file said SQLite's words without the path.
 *
 * Permissions mean nothing to root, so as root the server runs as `nobody` (uid 65534).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { openDatabase } from '../../server/storage/sqlite/open.js';

const run = promisify(execFile);
const ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const dirs: string[] = [];

/**
 * As root the server runs as `nobody`, which must reach the checkout to load it: a CI clone
 * may sit in a folder only root may enter (mktemp -d makes it 0700). Each folder above the
 * checkout that `nobody` cannot pass through is opened for passing (o+x, no reading) for
 * these tests, and closed again after.
 */
const opened: Array<{ dir: string; mode: number }> = [];
beforeAll(() => {
  if (!ROOT) return;
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, mode | 0o001);
      opened.push({ dir, mode });
    }
    if (path.dirname(dir) === dir) break;
  }
});
afterAll(() => {
  for (const { dir, mode } of opened.splice(0)) fs.chmodSync(dir, mode);
});

afterEach(() => {
  for (const dir of dirs.splice(0)) {
    fs.chmodSync(dir, 0o755);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/** A folder the server's user owns. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-unwritable-'));
  dirs.push(dir);
  if (ROOT) fs.chownSync(dir, NOBODY, NOBODY);
  return dir;
}

/** A migrated database at `db`, owned by the server's user. */
async function existingDatabase(db: string): Promise<void> {
  await createSqliteStorage(db).close();
  if (ROOT) for (const file of fs.readdirSync(path.dirname(db))) fs.chownSync(path.join(path.dirname(db), file), NOBODY, NOBODY);
}

/** `floorwatch serve --db <db>`, as nobody when we are root; expected to fail. */
async function serveFailing(db: string): Promise<{ code: number; stderr: string; stdout: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'serve', '--host', '127.0.0.1', '--port', '0', '--db', db, '--no-rules'], {
      ...(ROOT && { uid: NOBODY, gid: NOBODY }),
      env: { ...process.env, HOME: os.tmpdir(), FLOORWATCH_PORT: '', FLOORWATCH_DB: '' },
      timeout: 60_000,
    });
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  throw new Error('serve started; a refusal was expected');
}

describe.skipIf(process.platform === 'win32')('serve on a database it cannot write', () => {
  it('a read-only file (its directory writable): refused at start, naming the file and saying it is a permission problem', async () => {
    const db = path.join(tempDir(), 'fw.db');
    await existingDatabase(db);
    fs.chmodSync(db, 0o444);
    const refused = await serveFailing(db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^floorwatch: the database file ${db} is read-only for the user running floorwatch .*: a permission problem`));
    expect(refused.stdout).not.toContain('Floorwatch is serving');
  });

  it('its lookups file read-only: refused, naming that file', async () => {
    const db = path.join(tempDir(), 'fw.db');
    await existingDatabase(db);
    fs.chmodSync(`${db}.lookups`, 0o444);
    const refused = await serveFailing(db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^floorwatch: the database file ${db}\\.lookups is read-only for the user running floorwatch .*: a permission problem`));
  });

  it('its directory not writable (where SQLite puts -wal and -shm): refused, naming the directory', async () => {
    const dir = tempDir();
    const db = path.join(dir, 'fw.db');
    await existingDatabase(db);
    fs.chmodSync(dir, 0o555);
    const refused = await serveFailing(db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`floorwatch: cannot write in the directory ${dir} of the database ${db}: a permission problem`);
  });

  it('a directory it may not create: refused, naming it', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o555);
    const db = path.join(dir, 'data', 'fw.db');
    const refused = await serveFailing(db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`floorwatch: cannot create the directory ${path.join(dir, 'data')} for the database ${db} (EACCES)`);
  });

  it('a --db that is a directory: refused, saying so', async () => {
    const dir = tempDir();
    const refused = await serveFailing(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`floorwatch: the database path ${dir} is a directory`);
  });
});

describe('opening a database SQLite cannot use names the path', () => {
  it('unopenable (a directory), or not a database', () => {
    const dir = tempDir();
    expect(() => openDatabase(dir)).toThrow(`cannot open the database file ${dir} (SQLite: unable to open database file`);
    const junk = path.join(dir, 'junk.db');
    fs.writeFileSync(junk, 'not a database, but long enough to have a header of some sort '.repeat(100));
    expect(() => openDatabase(junk)).toThrow(`${junk} is not a SQLite database (SQLite: file is not a database, SQLITE_NOTADB)`);
  });
});
