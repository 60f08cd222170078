#!/usr/bin/env node
/**
 * The `floorwatch` command line: serve, replay, simulate. Option parsing only; each
 * command's work lives in its own module.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { registerReplay } from './replay-command.js';
import { registerResetAdmin } from './reset-admin-command.js';
import { registerFeedToken } from './feed-token-command.js';
import { registerImport } from './import-command.js';
import { registerServe } from './serve-command.js';
import { registerSimulate } from './simulate-command.js';
import { registerWebhookReceiver } from '../notify/receiver/command.js';
import { CommandError } from './cli-files.js';
import { packageVersion } from './version.js';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

/** A TCP port; 0 asks the system for a free one (tests). */
export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return n;
}

export function nonNegativeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

/** An http(s) address (a public URL phone systems call back): a typo is said at start, not at the first callback. */
export function httpUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new InvalidArgumentError('expected an http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidArgumentError('expected an http:// or https:// URL');
  return value;
}

export function envOption(flags: string, description: string, env: string): Option {
  return new Option(flags, description).env(env);
}

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
