import fs from 'node:fs';
import { createSqliteAccessStore } from '../access/sqlite/index.js';
import type { AccessStore } from '../access/types.js';

/**
 * The access store in the server's database file. These commands run beside a server, so
 * a --db that does not exist is a typo or the wrong directory: opening it would create an
 * empty database and hand out a token (or a password) no server knows. Only `create`, on
 * request, makes a new file (setting up before the server's first start).
 */
export function openServerDatabase(db: string, { create = false } = {}): AccessStore {
  if (!create && !fs.statSync(db, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`no such database file: ${db} (pass the --db the server runs with)`);
  }
  return createSqliteAccessStore(db);
}
