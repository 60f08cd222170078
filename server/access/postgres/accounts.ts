/** Accounts in PostgreSQL: one column per field, usernames lower-case and unique. */
import type { PgConnection } from '../../storage/postgres/connection.js';
import type { AccessStore, AccountRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

/** Earlier password hashes ride on the record (see sqlite/accounts.ts for why). */
type StoredAccount = AccountRecord & { previousPasswordHashes?: string[] };

interface AccountRow {
  id: string;
  username: string;
  name: string;
  role: AccountRecord['role'];
  teams: string;
  password_hash: string;
  password_changed_at: number;
  must_change_password: boolean;
  disabled: boolean;
  created_at: number;
  last_sign_in_at: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  sessions_valid_after: number | null;
  previous_password_hashes: string | null;
}

const FIELDS = [
  'id', 'username', 'name', 'role', 'teams', 'password_hash', 'password_changed_at', 'must_change_password',
  'disabled', 'created_at', 'last_sign_in_at', 'failed_sign_ins', 'locked_until', 'sessions_valid_after',
  'previous_password_hashes',
] as const satisfies readonly (keyof AccountRow)[];
const COLUMNS = FIELDS.join(', ');
const PLACEHOLDERS = FIELDS.map((_, i) => `$${i + 1}`).join(', ');
/** `username = $2, ...` for every column but the id ($1). */
const ASSIGNMENTS = FIELDS.slice(1).map((field, i) => `${field} = $${i + 2}`).join(', ');

export function createPostgresAccounts(connection: PgConnection): AccessStore['accounts'] {
  return {
    async count() {
      connection.assertOpen();
      const { rows } = await connection.query<{ n: number }>('SELECT count(*)::integer AS n FROM access_accounts');
      return rows[0].n;
    },
    async create(account) {
      connection.assertOpen();
      const values = toValues(account);
      await unlessDuplicate('account', () => connection.query(`INSERT INTO access_accounts (${COLUMNS}) VALUES (${PLACEHOLDERS})`, values));
    },
    async get(id) {
      connection.assertOpen();
      const { rows } = await connection.query<AccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE id = $1`, [id]);
      return fromRow(rows[0]);
    },
    async byUsername(username) {
      connection.assertOpen();
      const { rows } = await connection.query<AccountRow>(
        `SELECT ${COLUMNS} FROM access_accounts WHERE username = $1`, [username.toLowerCase()]);
      return fromRow(rows[0]);
    },
    async list() {
      connection.assertOpen();
      const { rows } = await connection.query<AccountRow>(`SELECT ${COLUMNS} FROM access_accounts ORDER BY username`);
      return rows.map((row) => fromRow(row) as AccountRecord);
    },
    async update(account) {
      connection.assertOpen();
      const values = toValues(account);
      await unlessDuplicate('account', () => connection.query(`UPDATE access_accounts SET ${ASSIGNMENTS} WHERE id = $1`, values));
    },
  };
}

function toValues(account: StoredAccount): unknown[] {
  const row: AccountRow = {
    id: account.id,
    // Lower-cased here (not trusted to the caller) so uniqueness ignores case.
    username: account.username.toLowerCase(),
    name: account.name,
    role: account.role,
    teams: JSON.stringify(account.teams),
    password_hash: account.passwordHash,
    password_changed_at: account.passwordChangedAt,
    must_change_password: account.mustChangePassword,
    disabled: account.disabled,
    created_at: account.createdAt,
    last_sign_in_at: orNull(account.lastSignInAt),
    failed_sign_ins: account.failedSignIns,
    locked_until: orNull(account.lockedUntil),
    sessions_valid_after: orNull(account.sessionsValidAfter),
    previous_password_hashes: account.previousPasswordHashes === undefined ? null : JSON.stringify(account.previousPasswordHashes),
  };
  return FIELDS.map((field) => row[field]);
}

function fromRow(row: AccountRow | undefined): AccountRecord | null {
  if (row === undefined) return null;
  return compact<StoredAccount>({
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    teams: JSON.parse(row.teams) as string[],
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled,
    createdAt: row.created_at,
    lastSignInAt: orUndefined(row.last_sign_in_at),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: orUndefined(row.locked_until),
    sessionsValidAfter: orUndefined(row.sessions_valid_after),
    previousPasswordHashes: row.previous_password_hashes === null ? undefined : (JSON.parse(row.previous_password_hashes) as string[]),
  });
}
