/**
 * The account form's rules, checked before asking the server (which checks them again):
 * a username it will accept, a name, and teams for a shift lead only (a lead with no team
 * would see nothing on the floor).
 */
import type { AccountView } from '../../../shared/access.js';
import type { Vars } from '../i18n/index.js';

export type UserRole = AccountView['role'];
export const USER_ROLES: readonly UserRole[] = ['admin', 'supervisor', 'lead', 'manager'];

export interface AccountValues {
  username: string;
  name: string;
  role: UserRole;
  /** As typed: team ids separated by commas. */
  teams: string;
}

/** What is wrong by field: `M` is what `t` makes of a message key (the words, or the key kept to say at each render). */
export type AccountErrors<M = string> = Partial<Record<keyof AccountValues | 'form', M>>;

const USERNAME = /^[a-zA-Z0-9._-]{3,64}$/;

/** "t1, t2，t3" -> ["t1", "t2", "t3"]: commas (also the Chinese ones) or new lines, no repeats. */
export function parseTeams(text: string): string[] {
  return [...new Set(text.split(/[,，、\n]/).map((s) => s.trim()).filter((s) => s !== ''))];
}

export function checkAccount<M>(values: AccountValues, t: (key: string, vars?: Vars) => M, options: { creating: boolean }): AccountErrors<M> {
  const errors: AccountErrors<M> = {};
  if (options.creating && !USERNAME.test(values.username.trim())) errors.username = t('admin.accounts.error.username');
  if (values.name.trim() === '') errors.name = t('admin.accounts.error.name');
  else if (values.name.trim().length > 100) errors.name = t('admin.accounts.error.nameLong');
  const teams = parseTeams(values.teams);
  if (values.role === 'lead' && teams.length === 0) errors.teams = t('admin.accounts.error.teamsRequired');
  if (teams.some((team) => team.length > 100)) errors.teams = t('admin.accounts.error.teamLong');
  return errors;
}

export function hasErrors<M>(errors: AccountErrors<M>): boolean {
  return Object.values(errors).some((e) => e !== undefined);
}
