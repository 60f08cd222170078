import { Argument, InvalidArgumentError, type Command } from 'commander';
import pino from 'pino';
import { createFeedTokenInput } from '../../shared/access.js';
import { createAccessService } from '../access/service/access-service.js';
import { openServerAccess, postgresOption, type ServerAccessPlace } from './server-database.js';

/** The name rule of the admin API's feed tokens, for the argument: never blank. */
function feedTokenName(value: string): string {
  const parsed = createFeedTokenInput.shape.name.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError('a feed token needs a name, 1 to 100 characters (what feeds with it)');
  return parsed.data;
}

/** For the engineer connecting a phone system: feed tokens without a browser. */
export function registerFeedToken(program: Command): void {
  const cmd = program.command('feed-token').description('create, list and revoke feed tokens (run on the server machine)');
  const withAccess = async (place: ServerAccessPlace, work: (access: ReturnType<typeof createAccessService>) => Promise<void>) => {
    const store = await openServerAccess(place);
    try {
      await work(createAccessService({ store, clock: { now: () => Date.now() }, logger: pino({ level: 'warn' }) }));
    } finally {
      await store.close();
    }
  };
  const dbOption = ['--db <file>', 'SQLite database file (the one the server runs with; it must exist); not used with --postgres', process.env.FLOORWATCH_DB ?? 'data/floorwatch.db'] as const;

  cmd.command('create')
    .addArgument(new Argument('<name>', 'what feeds with it (e.g. "asterisk pbx1")').argParser(feedTokenName))
    .option(...dbOption)
    .addOption(postgresOption())
    .option('--create-db', 'create the database file (with --postgres: the access tables) if there is none yet (setting up before the server first starts)')
    .description('create a token; it is printed once and stored only as a hash')
    .action(async (name: string, o: { db: string; postgres?: string; createDb?: boolean }) => withAccess({ ...o, create: o.createDb === true }, async (access) => {
      const { token, view } = await access.createFeedToken(name, 'cli');
      process.stdout.write(`${token}\n`);
      process.stderr.write(`feed token ${view.id} "${view.name}" created; send it as "Authorization: Bearer <token>"\n`);
    }));

  cmd.command('list')
    .option(...dbOption)
    .addOption(postgresOption())
    .action(async (o: { db: string; postgres?: string }) => withAccess(o, async (access) => {
      for (const t of await access.listFeedTokens()) {
        process.stdout.write(`${t.id}\t${t.name}\t${t.revokedAt ? 'revoked' : 'active'}\t${t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : 'never used'}\n`);
      }
    }));

  cmd.command('revoke')
    .argument('<id>')
    .option(...dbOption)
    .addOption(postgresOption())
    .action(async (id: string, o: { db: string; postgres?: string }) => withAccess(o, async (access) => {
      await access.revokeFeedToken(id, 'cli');
      process.stderr.write(`feed token ${id} revoked\n`);
    }));
}
