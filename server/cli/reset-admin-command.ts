import type { Command } from 'commander';
import pino from 'pino';
import { createAccessService } from '../access/service/access-service.js';
import { createSqliteAccessStore } from '../access/sqlite/index.js';

export function registerResetAdmin(program: Command): void {
  program
    .command('reset-admin')
    .description('give the "admin" account a new one-time password (prints it once); run on the server machine')
    .option('--db <file>', 'SQLite database file', process.env.FLOORWATCH_DB ?? 'data/floorwatch.db')
    .action(async (o: { db: string }) => {
      const store = createSqliteAccessStore(o.db);
      try {
        const access = createAccessService({ store, clock: { now: () => Date.now() }, logger: pino({ level: 'warn' }) });
        const admin = await store.accounts.byUsername('admin');
        if (!admin) {
          const boot = await access.bootstrapAdmin({});
          process.stdout.write(`created "admin"; one-time password: ${boot.oneTimePassword ?? '(from FLOORWATCH_ADMIN_PASSWORD)'}\n`);
          return;
        }
        const { oneTimePassword } = await access.resetPassword(admin.id, 'cli');
        process.stdout.write(`"admin" one-time password: ${oneTimePassword}\n(sign in with it and choose a new password; every session of admin was signed out)\n`);
      } finally {
        await store.close();
      }
    });
}
