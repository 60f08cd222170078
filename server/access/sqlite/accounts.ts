/** Accounts in SQLite: one column per field, usernames lower-case and unique. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import type { AccessStore, AccountRecord } from '../types.js';
import { compact, orNull, orUndefined, unlessDuplicate } from './rows.js';

/**
 * The access service keeps the account's earlier password hashes on the record
 * (service/views.ts AccountWithHistory) to refuse reuse; AccountRecord does not declare
 * the field yet. The memory store keeps it by its JSON round trip, so this store keeps it
 * in a column of its own, or the reuse rule would silently stop working on SQLite.
 */
type StoredAccount = AccountRecord & { previousPasswordHashes?: string[] };

interface AccountRow {
  id: string;
  username: string;
  name: string;
  role: AccountRecord['role'];
  teams: string;
  password_hash: string;
  password_changed_at: number;
  must_change_password: 0 | 1;
  disabled: 0 | 1;
  created_at: number;
  last_sign_in_at: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  sessions_valid_after: number | null;
  previous_password_hashes: string | null;
}

const COLUMNS = `id, username, name, role, teams, password_hash, password_changed_at,
  must_change_password, disabled, created_at, last_sign_in_at, failed_sign_ins, locked_until,
  sessions_valid_after, previous_password_hashes`;

export function createSqliteAccounts(connection: SqliteConnection): AccessStore['accounts'] {
  const db = connection.db;
  const countAll = db.prepare<[], number>('SELECT count(*) FROM access_accounts').pluck();
  const insert = db.prepare<[AccountRow]>(
    `INSERT INTO access_accounts (${COLUMNS}) VALUES (@id, @username, @name, @role, @teams,
     @password_hash, @password_changed_at, @must_change_password, @disabled, @created_at,
     @last_sign_in_at, @failed_sign_ins, @locked_until, @sessions_valid_after, @previous_password_hashes)`);
  const selectById = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE id = ?`);
  const selectByUsername = db.prepare<[string], AccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE username = ?`);
  const selectAll = db.prepare<[], AccountRow>(`SELECT ${COLUMNS} FROM access_accounts ORDER BY username`);
  const update = db.prepare<[AccountRow]>(
    `UPDATE access_accounts SET username = @username, name = @name, role = @role, teams = @teams,
       password_hash = @password_hash, password_changed_at = @password_changed_at,
       must_change_password = @must_change_password, disabled = @disabled, created_at = @created_at,
       last_sign_in_at = @last_sign_in_at, failed_sign_ins = @failed_sign_ins,
       locked_until = @locked_until, sessions_valid_after = @sessions_valid_after,
       previous_password_hashes = @previous_password_hashes
     WHERE id = @id`);

  return {
    async count() {
      connection.assertOpen();
      return countAll.get() ?? 0;
    },
    async create(account) {
      connection.assertOpen();
      const row = toRow(account);
      unlessDuplicate('account', () => insert.run(row));
    },
    async get(id) {
      connection.assertOpen();
      return fromRow(selectById.get(id));
    },
    async byUsername(username) {
      connection.assertOpen();
      return fromRow(selectByUsername.get(username.toLowerCase()));
    },
    async list() {
      connection.assertOpen();
      return selectAll.all().map((row) => fromRow(row) as AccountRecord);
    },
    async update(account) {
      connection.assertOpen();
      const row = toRow(account);
      unlessDuplicate('account', () => update.run(row));
    },
  };
}

function toRow(account: StoredAccount): AccountRow {
  return {
    id: account.id,
    // Lower-cased here (not trusted to the caller) so uniqueness ignores case.
    username: account.username.toLowerCase(),
    name: account.name,
    role: account.role,
    teams: JSON.stringify(account.teams),
    password_hash: account.passwordHash,
    password_changed_at: account.passwordChangedAt,
    must_change_password: account.mustChangePassword ? 1 : 0,
    disabled: account.disabled ? 1 : 0,
    created_at: account.createdAt,
    last_sign_in_at: orNull(account.lastSignInAt),
    failed_sign_ins: account.failedSignIns,
    locked_until: orNull(account.lockedUntil),
    sessions_valid_after: orNull(account.sessionsValidAfter),
    previous_password_hashes: account.previousPasswordHashes === undefined
      ? null : JSON.stringify(account.previousPasswordHashes),
  };
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
    mustChangePassword: row.must_change_password === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    lastSignInAt: orUndefined(row.last_sign_in_at),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: orUndefined(row.locked_until),
    sessionsValidAfter: orUndefined(row.sessions_valid_after),
    previousPasswordHashes: row.previous_password_hashes === null
      ? undefined : (JSON.parse(row.previous_password_hashes) as string[]),
  });
}
