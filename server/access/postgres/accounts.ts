/** Accounts in PostgreSQL: one column per field, usernames lower-case and unique. */
import type { PgConnection } from '../../storage/postgres/connection.js';
import { ACCOUNT_COLUMNS, fromAccountRow, toAccountRow, valuesOf, type AccountRow } from '../rows.js';
import type { AccessStore, AccountRecord } from '../types.js';
import { POSTGRES_FLAG, unlessDuplicate } from './rows.js';

type PostgresAccountRow = AccountRow<boolean>;

const COLUMNS = ACCOUNT_COLUMNS.join(', ');
const PLACEHOLDERS = ACCOUNT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
/** `username = $2, ...` for every column but the id ($1). */
const ASSIGNMENTS = ACCOUNT_COLUMNS.slice(1).map((field, i) => `${field} = $${i + 2}`).join(', ');

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
      const { rows } = await connection.query<PostgresAccountRow>(`SELECT ${COLUMNS} FROM access_accounts WHERE id = $1`, [id]);
      return fromRow(rows[0]);
    },
    async byUsername(username) {
      connection.assertOpen();
      const { rows } = await connection.query<PostgresAccountRow>(
        `SELECT ${COLUMNS} FROM access_accounts WHERE username = $1`, [username.toLowerCase()]);
      return fromRow(rows[0]);
    },
    async list() {
      connection.assertOpen();
      const { rows } = await connection.query<PostgresAccountRow>(`SELECT ${COLUMNS} FROM access_accounts ORDER BY username`);
      return rows.map((row) => fromRow(row) as AccountRecord);
    },
    async update(account) {
      connection.assertOpen();
      const values = toValues(account);
      await unlessDuplicate('account', () => connection.query(`UPDATE access_accounts SET ${ASSIGNMENTS} WHERE id = $1`, values));
    },
  };
}

function toValues(account: AccountRecord): unknown[] {
  return valuesOf(toAccountRow(account, POSTGRES_FLAG), ACCOUNT_COLUMNS);
}

function fromRow(row: PostgresAccountRow | undefined): AccountRecord | null {
  return fromAccountRow(row, POSTGRES_FLAG);
}
