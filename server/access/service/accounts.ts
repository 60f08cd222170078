/**
 * Accounts, managed by admins: the first admin on an empty database, create (with a
 * one-time password shown once), update role / teams / name / disabled, and reset a
 * password. Disabling or resetting ends the account's sessions at once; a role or team
 * change drops its live sockets so they reconnect with the new scope.
 */
import type { AccountView, CreateAccountInput, PersonView, Role, UpdateAccountInput } from '../../../shared/access.js';
import { generateOneTimePassword, hashPassword } from '../passwords.js';
import { DuplicateRecordError } from '../store-rules.js';
import { newId } from '../tokens.js';
import type { AccountRecord } from '../types.js';
import { from, recordKey, type AccessContext } from './context.js';
import { AccessError } from './errors.js';
import type { SessionsInternals } from './sessions.js';
import { accountView, historyOf, PASSWORD_HISTORY } from './views.js';

export const BOOTSTRAP_USERNAME = 'admin';

export interface BootstrapResult {
  created: boolean;
  username: typeof BOOTSTRAP_USERNAME;
  /** Only when generated here: the caller prints it once; it is never logged or stored. */
  oneTimePassword?: string;
}

export interface AccountsArea {
  /** Creates `admin` when there are no accounts at all; otherwise does nothing. */
  bootstrapAdmin(options?: { envPassword?: string }): Promise<BootstrapResult>;
  listAccounts(): Promise<AccountView[]>;
  /** Username and name of every account (see PersonView): for anyone signed in as a person. */
  listPeople(): Promise<PersonView[]>;
  createAccount(input: CreateAccountInput, byId: string, ip?: string): Promise<{ account: AccountView; oneTimePassword: string }>;
  updateAccount(id: string, input: UpdateAccountInput, byId: string, ip?: string): Promise<AccountView>;
  resetPassword(id: string, byId: string, ip?: string): Promise<{ account: AccountView; oneTimePassword: string }>;
}

type UserRole = Exclude<Role, 'display'>;

export function createAccounts(ctx: AccessContext, sessions: SessionsInternals): AccountsArea {
  const { store, clock, audit } = ctx;

  function newAccount(username: string, name: string, role: UserRole, teams: string[], passwordHash: string): AccountRecord {
    const now = clock.now();
    return {
      id: newId('acc'), username: username.toLowerCase(), name, role, teams, passwordHash,
      passwordChangedAt: now, mustChangePassword: true, disabled: false, createdAt: now, failedSignIns: 0,
    };
  }

  async function bootstrapAdmin({ envPassword }: { envPassword?: string } = {}): Promise<BootstrapResult> {
    if ((await store.accounts.count()) > 0) return { created: false, username: BOOTSTRAP_USERNAME };
    const given = envPassword !== undefined && envPassword !== '';
    const password = given ? envPassword : generateOneTimePassword();
    // Either way it is an initial password: the first sign-in must replace it.
    const account = newAccount(BOOTSTRAP_USERNAME, 'Administrator', 'admin', [], await hashPassword(password, ctx.passwordParams));
    try {
      await store.accounts.create(account);
    } catch (err) {
      // Another process bootstrapped first: that one's admin stands.
      if (err instanceof DuplicateRecordError) return { created: false, username: BOOTSTRAP_USERNAME };
      throw err;
    }
    await audit.record({
      actor: 'system', action: 'account-created', target: account.id,
      detail: { username: BOOTSTRAP_USERNAME, role: 'admin', bootstrap: given ? 'environment' : 'generated' },
    });
    ctx.logger.info({ accountId: account.id, source: given ? 'environment' : 'generated' }, 'first admin account created');
    return given ? { created: true, username: BOOTSTRAP_USERNAME } : { created: true, username: BOOTSTRAP_USERNAME, oneTimePassword: password };
  }

  async function listAccounts(): Promise<AccountView[]> {
    return (await store.accounts.list()).map(accountView);
  }

  async function listPeople(): Promise<PersonView[]> {
    return (await store.accounts.list()).map((a) => ({ username: a.username, name: a.name }));
  }

  async function createAccount(input: CreateAccountInput, byId: string, ip?: string) {
    const teams = teamsFor(input.role, input.teams);
    if (await store.accounts.byUsername(input.username)) throw taken();
    const oneTimePassword = generateOneTimePassword();
    const account = newAccount(input.username, input.name, input.role, teams, await hashPassword(oneTimePassword, ctx.passwordParams));
    try {
      await store.accounts.create(account);
    } catch (err) {
      if (err instanceof DuplicateRecordError) throw taken();
      throw err;
    }
    await audit.record({
      actor: byId, action: 'account-created', target: account.id, ...from(ip),
      detail: { username: account.username, name: account.name, role: account.role, teams },
    });
    return { account: accountView(account), oneTimePassword };
  }

  async function updateAccount(id: string, input: UpdateAccountInput, byId: string, ip?: string): Promise<AccountView> {
    return ctx.serial(recordKey.account(id), async () => {
      const before = await getAccount(id);
      const role = input.role ?? before.role;
      // Leaving the lead role drops the teams unless new ones are given (and refused then).
      const teams = teamsFor(role, input.teams ?? (role === 'lead' ? before.teams : []));
      const disabled = input.disabled ?? before.disabled;
      const after: AccountRecord = { ...before, name: input.name ?? before.name, role, teams, disabled };
      const changes = changed(before, after);
      if (changes.length === 0) return accountView(before);

      const losesAdmin = before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled);
      if (losesAdmin && !(await otherEnabledAdmin(id))) {
        throw new AccessError('conflict', 'at least one enabled administrator must remain', role !== 'admin' ? 'role' : 'disabled');
      }
      const disabling = disabled && !before.disabled;
      if (disabling) after.sessionsValidAfter = clock.now();
      await store.accounts.update(after);

      if (disabling) await sessions.endAll(id);
      // Live sockets hold the viewer they connected with: drop them to reconnect with the new scope.
      else if (changes.includes('role') || changes.includes('teams')) ctx.revocations.emit({ kind: 'user', id });
      const detail: Record<string, unknown> = { changes };
      for (const field of changes) detail[field] = after[field];
      await audit.record({ actor: byId, action: 'account-updated', target: id, ...from(ip), detail });
      return accountView(after);
    });
  }

  async function resetPassword(id: string, byId: string, ip?: string) {
    return ctx.serial(recordKey.account(id), async () => {
      const before = await getAccount(id);
      const oneTimePassword = generateOneTimePassword();
      const now = clock.now();
      const after: AccountRecord = {
        ...before,
        passwordHash: await hashPassword(oneTimePassword, ctx.passwordParams),
        previousPasswordHashes: [before.passwordHash, ...historyOf(before)].slice(0, PASSWORD_HISTORY),
        passwordChangedAt: now,
        mustChangePassword: true,
        // A reset is how an admin unlocks an account, and usually follows a suspected compromise.
        failedSignIns: 0,
        lockedUntil: undefined,
        sessionsValidAfter: now,
      };
      await store.accounts.update(after);
      await sessions.endAll(id);
      await audit.record({ actor: byId, action: 'password-reset', target: id, ...from(ip) });
      return { account: accountView(after), oneTimePassword };
    });
  }

  async function getAccount(id: string): Promise<AccountRecord> {
    const account = await store.accounts.get(id);
    if (!account) throw new AccessError('not-found', 'no such account', 'id');
    return account;
  }

  async function otherEnabledAdmin(id: string): Promise<boolean> {
    return (await store.accounts.list()).some((a) => a.id !== id && a.role === 'admin' && !a.disabled);
  }

  return { bootstrapAdmin, listAccounts, listPeople, createAccount, updateAccount, resetPassword };
}

/** Only a shift lead is scoped to teams, and a lead with none would see nothing. */
function teamsFor(role: UserRole, teams: string[]): string[] {
  const unique = [...new Set(teams)];
  if (role === 'lead' && unique.length === 0) throw new AccessError('invalid', 'a shift lead needs at least one team', 'teams');
  if (role !== 'lead' && unique.length > 0) throw new AccessError('invalid', 'only shift leads have teams', 'teams');
  return unique;
}

function taken(): AccessError {
  return new AccessError('conflict', 'that username is taken', 'username');
}

function changed(before: AccountRecord, after: AccountRecord): Array<'name' | 'role' | 'teams' | 'disabled'> {
  const fields: Array<'name' | 'role' | 'teams' | 'disabled'> = [];
  if (before.name !== after.name) fields.push('name');
  if (before.role !== after.role) fields.push('role');
  if (before.teams.join('\n') !== after.teams.join('\n')) fields.push('teams');
  if (before.disabled !== after.disabled) fields.push('disabled');
  return fields;
}
