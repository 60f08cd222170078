#!/usr/bin/env node
/**
 * The `floorwatch` command line: serve, replay, simulate. Option parsing only; each
 * command's work lives in its own module.
 */
import { Command } from 'commander';
import { registerReplay } from './replay-command.js';
import { registerResetAdmin } from './reset-admin-command.js';
import { registerFeedToken } from './feed-token-command.js';
import { registerImport } from './import-command.js';
import { registerServe } from './serve-command.js';
import { registerSimulate } from './simulate-command.js';
import { registerWebhookReceiver } from '../notify/receiver/command.js';
import { CommandError } from './cli-files.js';
import { packageVersion } from './version.js';

const program = new Command('floorwatch')
  .description('Real-time floor monitor for contact centres')
  .version(packageVersion(), '-V, --version', 'print the version')
  // A mistyped flag's error stays the last thing said (a journal buried it under the whole help).
  .showHelpAfterError('(run with --help for the options)');

registerServe(program);
registerReplay(program);
registerSimulate(program);
registerResetAdmin(program);
registerFeedToken(program);
registerImport(program);
registerWebhookReceiver(program);

// What this tool creates (the database and its WAL, the lock, the admin password file, the
// data directory) holds caller numbers, transcripts, sessions and the audit log: readable
// by the user it runs as only, whatever the shell's umask (0644 files were the default).
process.umask(0o077);

program.parseAsync(process.argv).catch((err: unknown) => {
  // A CommandError names its command already ("floorwatch import: cannot read ...").
  const line = err instanceof CommandError ? err.message : `floorwatch: ${err instanceof Error ? err.message : String(err)}`;
  process.stderr.write(`${line}\n`);
  process.exit(1);
});
