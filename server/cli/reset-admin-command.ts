import type { Command } from 'commander';
import pino from 'pino';
import { createAccessService } from '../access/service/access-service.js';
import { openServerAccess, postgresOption } from './server-database.js';

export function registerResetAdmin(program: Command): void {
  program
    .command('reset-admin')
    .description('give the "admin" account a new one-time password (prints it once); run on the server machine')
    .option('--db <file>', 'SQLite database file (the one the server runs with; it must exist); not used with --postgres', process.env.FLOORWATCH_DB ?? 'data/floorwatch.db')
    .addOption(postgresOption())
    .action(async (o: { db: string; postgres?: string }) => {
      // A mistyped --db (or --postgres) would otherwise be a new database with its own admin, unknown to the server.
      const store = await openServerAccess(o);
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
