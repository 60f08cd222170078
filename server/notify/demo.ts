/**
 * The demo's people: `serve --demo` with a notifications file naming `demo-lead`,
 * `demo-supervisor` or `demo-manager` creates those accounts when missing, so the
 * simulated floor's alerts have someone to reach up the chain (the README's demo).
 * They get one-time passwords nobody is told (never logged): an acknowledge link acts only
 * for its account signed in, so an admin resets a password on the admin page to sign in as one.
 */
import type { Logger } from 'pino';
import type { AccountView, CreateAccountInput } from '../../shared/access.js';
import type { NotifyFile } from '../../shared/notify.js';

export const DEMO_ACCOUNTS: readonly CreateAccountInput[] = [
  // The simulator's 60 agents sit in teams team-01..team-05; the demo lead leads them all.
  { username: 'demo-lead', name: '值班长 Demo lead', role: 'lead', teams: ['team-01', 'team-02', 'team-03', 'team-04', 'team-05'] },
  { username: 'demo-supervisor', name: '现场主管 Demo supervisor', role: 'supervisor', teams: [] },
  { username: 'demo-manager', name: '部门经理 Demo manager', role: 'manager', teams: [] },
];

export interface DemoAccountAccess {
  listAccounts(): Promise<AccountView[]>;
  createAccount(input: CreateAccountInput, byId: string): Promise<unknown>;
}

/** Creates the demo accounts the file's recipients name and that do not exist yet. */
export async function ensureDemoAccounts(access: DemoAccountAccess, file: NotifyFile, logger: Logger): Promise<string[]> {
  const named = new Set(file.recipients.map((r) => r.account.toLowerCase()));
  const existing = new Set((await access.listAccounts()).map((a) => a.username.toLowerCase()));
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (!named.has(account.username) || existing.has(account.username)) continue;
    await access.createAccount(account, 'system');
    created.push(account.username);
  }
  if (created.length > 0) logger.info({ accounts: created }, 'demo notification recipients created');
  return created;
}
