/**
 * The first start's words on how to sign in: the banner (on a terminal, else standard
 * error), and the one-time password's file when the banner would land in a log, removed
 * once the administrator has chosen a password.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AccountView } from '../../shared/access.js';
import { isInMemoryPath } from '../storage/sqlite/open.js';

/** What the start's bootstrap of the administrator says (access service, bootstrapAdmin). */
interface Boot {
  created: boolean;
  oneTimePassword?: string;
}

const passwordFileOf = (db: string): string => `${path.resolve(db)}.admin-password`;

/**
 * Where the first start's one-time password goes when the banner would land in a log: the
 * output is not a terminal (systemd, Docker, a redirect keep it), so the password is
 * written beside the database, readable by this user only (mode 0600), and the banner
 * names the file. On a terminal (`npm start`) it is printed as before.
 */
export function oneTimePasswordFile(db: string, boot: Boot): string | undefined {
  if (!boot.created || boot.oneTimePassword === undefined) return undefined;
  if (process.stdout.isTTY || isInMemoryPath(db)) return undefined;
  const file = passwordFileOf(db);
  fs.writeFileSync(file, `${boot.oneTimePassword}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // an older file keeps its mode through writeFileSync
  return file;
}

/**
 * The banner goes to standard output on a terminal; when that output is a log (systemd,
 * Docker, a redirect), to standard error, so standard output stays one JSON object a line
 * for a log shipper to parse. A journal keeps both.
 */
export function announceOnTerminal(text: string): void {
  (process.stdout.isTTY ? process.stdout : process.stderr).write(text);
}

/**
 * The first start's password file, once the admin's password has changed since it was
 * written (chosen by the admin, or reset): what it holds no longer signs in, and a file
 * named like a password should not lie about. Removed on the next start, saying so.
 */
export async function removeSpentPasswordFile(db: string, access: { listAccounts(): Promise<AccountView[]> }, logger: Logger): Promise<void> {
  if (isInMemoryPath(db)) return;
  const file = passwordFileOf(db);
  if (!fs.existsSync(file)) return;
  const admin = (await access.listAccounts()).find((a) => a.username === 'admin');
  // Spent once the password changed after the file was written: the admin chose one, or
  // `reset-admin` gave a new one. Kept while the file's password is still the admin's.
  const writtenAt = fs.statSync(file).mtimeMs;
  if (admin !== undefined && admin.passwordChangedAt <= writtenAt) return;
  fs.rmSync(file, { force: true });
  logger.info({ file }, 'removed the first start\'s one-time password file: the administrator\'s password has changed since');
}

/**
 * After a restart: the first start's file, still there because its password still signs in
 * (removeSpentPasswordFile has run, so a file left is unspent). "Sign in with your account"
 * alone sent an installer looking for a password waiting in a file no banner named any more.
 */
function waitingFileNote(db: string): string[] {
  if (isInMemoryPath(db)) return [];
  const file = passwordFileOf(db);
  if (!fs.existsSync(file)) return [];
  return [
    '  The administrator has not chosen a password yet: the first start\'s one-time password is',
    `  still in ${file} (readable by this user only). Sign in as admin with it and`,
    '  choose your own; the first start after that removes the file.',
  ];
}

/** What `npm start` prints: how to sign in (the one-time password only ever here, once). */
export function signInHelp(url: string, boot: Boot, { db, postgres }: { db: string; postgres?: string }, passwordFile?: string): string {
  // The command as this server was started (through npm, or node on the built file), on its storage (never the URL's password).
  const started = process.argv[1] ?? '';
  const here = path.relative(process.cwd(), started);
  const cli = process.env.npm_lifecycle_event === undefined && started.endsWith('.js') ? `node ${here.startsWith('..') ? started : here}` : 'npm run -s floorwatch --';
  const reset = `${cli} reset-admin ${postgres === undefined ? `--db ${db}` : '--postgres "$FLOORWATCH_POSTGRES"'}`;
  const lines = ['', `  Floorwatch is running at ${url}`];
  if (boot.created && passwordFile !== undefined) {
    lines.push(
      '  First start: an administrator account was created (username: admin).',
      `  Its one-time password is in ${passwordFile} (readable by this user only), not in this`,
      '  output, which a service manager keeps in its log. Read it, sign in and choose your own',
      `  password. Lost it? ${reset}`,
      '  (Deleting it is up to you: the first start after the password is changed removes it.)',
    );
  } else if (boot.created && boot.oneTimePassword !== undefined) {
    lines.push(
      '  First start: an administrator account was created.',
      '    username: admin',
      `    one-time password: ${boot.oneTimePassword}`,
      '  Sign in with it now; you will be asked to choose your own password.',
      `  (This password is shown once and never logged. Lost it? ${reset})`,
    );
  } else if (boot.created) {
    lines.push('  First start: the administrator "admin" was created with FLOORWATCH_ADMIN_PASSWORD;', '  sign in with it and choose your own password.');
  } else {
    lines.push(`  Sign in with your account. Lost the admin password? ${reset}`, ...waitingFileNote(db));
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}

