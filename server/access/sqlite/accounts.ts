/** Accounts in SQLite: one column per field, usernames lower-case and unique. */
import type { SqliteConnection } from '../../storage/sqlite/connection.js';
import { ACCOUNT_COLUMNS, fromAccountRow, toAccountRow, type AccountRow } from '../rows.js';
import type { AccessStore, AccountRecord } from '../types.js';
import { SQLITE_FLAG, unlessDuplicate } from './rows.js';

type SqliteAccountRow = AccountRow<0 | 1>;

const COLUMNS = ACCOUNT_COLUMNS.join(', ');

export function createSqliteAccounts(connection: SqliteConnection): AccessStore['accounts'] {
  const db = connection.db;
  const countAll = db.prepare<[], number>('SELECT count(*) FROM access_accounts').pluck();
  const insert = db.prepare<[SqliteAccountRow]>(
    `INSERT INTO access_accounts (${COLUMNS}) VALUES (@id, @username, @name, @role, @teams,
     @password_hash, @password_changed_at, @must_change_password, @disabled, @created_at,
     @last_sign_in_at, @failed_sign_ins, @locked_until, @sessions_valid_after, @previous_password_hashes)`);
  const selectById = db.prepare<[string], SqliteAccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE id = ?`);
  const selectByUsername = db.prepare<[string], SqliteAccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE username = ?`);
  const selectAll = db.prepare<[], SqliteAccountRow>(`SELECT ${COLUMNS} FROM access_accounts ORDER BY username`);
  const update = db.prepare<[SqliteAccountRow]>(
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

function toRow(account: AccountRecord): SqliteAccountRow {
  return toAccountRow(account, SQLITE_FLAG);
}

function fromRow(row: SqliteAccountRow | undefined): AccountRecord | null {
  return fromAccountRow(row, SQLITE_FLAG);
}
