/**
 * Run by sqlite.test.ts in its own process: appends `count` events to the database at
 * `dbPath`, prints "appended", then waits, never closing the database, until the test
 * kills it with SIGKILL. What survives shows what a resolved append() guarantees.
 *
 * usage: node --import tsx crash-child.ts <dbPath> <count>
 */
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { eventEntries } from './fixtures.js';

const [dbPath, count] = process.argv.slice(2);
const storage = createSqliteStorage(dbPath);
await storage.log.append(eventEntries(Number(count)));
process.stdout.write('appended\n');
// Keep the process (and the open database) alive until it is killed.
setInterval(() => {}, 60_000);
