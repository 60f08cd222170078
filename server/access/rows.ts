/**
 * The access records as table rows, and back: one mapping for both SQL backends (SQLite
 * and PostgreSQL), so a field added to a record is mapped once and both stores read back
 * the same record. What differs per backend stays with it: the SQL, how a boolean is
 * stored (FlagColumn), and how a duplicate key is reported (each backend's rows.ts).
 *
 * Every record read back is compacted: an absent optional field has no key at all, as in
 * the memory store (whose JSON round trip drops undefined fields), so the three stores
 * pass the same contract suite with toStrictEqual.
 */
import type { AuditEntry } from '../../shared/access.js';
import { toBound } from '../storage/limits.js';
import type { AccountRecord, AuditQuery, DeviceRecord, PairRequestRecord, SessionRecord } from './types.js';

/** An optional field as a column value: absent is NULL. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}

/** A nullable column as an optional field: NULL is absent. */
export function orUndefined<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

/**
 * Drops fields that are undefined, so a record read back has the same keys as the memory
 * store's (whose JSON round trip drops them too).
 */
export function compact<T extends object>(record: T): T {
  for (const key of Object.keys(record) as (keyof T)[]) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

/** A row's columns in the order of a table's column list: PostgreSQL's `$1, $2, ...` values. */
export function valuesOf<R extends object>(row: R, columns: readonly (keyof R)[]): unknown[] {
  return columns.map((column) => row[column]);
}

/** How a backend stores a boolean: SQLite has none (0 or 1), PostgreSQL has. */
export interface FlagColumn<F> {
  write(value: boolean): F;
  read(stored: F): boolean;
}

// ---- accounts ----

/**
 * The access service keeps the account's earlier password hashes on the record
 * (service/views.ts AccountWithHistory) to refuse reuse; AccountRecord does not declare
 * the field yet. The memory store keeps it by its JSON round trip, so the SQL stores keep
 * it in a column of its own, or the reuse rule would silently stop working there.
 */
export type StoredAccount = AccountRecord & { previousPasswordHashes?: string[] };

export interface AccountRow<F> {
  id: string;
  username: string;
  name: string;
  role: AccountRecord['role'];
  teams: string;
  password_hash: string;
  password_changed_at: number;
  must_change_password: F;
  disabled: F;
  created_at: number;
  last_sign_in_at: number | null;
  failed_sign_ins: number;
  locked_until: number | null;
  sessions_valid_after: number | null;
  previous_password_hashes: string | null;
}

/** access_accounts' columns, the id first. */
export const ACCOUNT_COLUMNS = [
  'id', 'username', 'name', 'role', 'teams', 'password_hash', 'password_changed_at', 'must_change_password',
  'disabled', 'created_at', 'last_sign_in_at', 'failed_sign_ins', 'locked_until', 'sessions_valid_after',
  'previous_password_hashes',
] as const satisfies readonly (keyof AccountRow<unknown>)[];

export function toAccountRow<F>(account: StoredAccount, flag: FlagColumn<F>): AccountRow<F> {
  return {
    id: account.id,
    // Lower-cased here (not trusted to the caller) so uniqueness ignores case.
    username: account.username.toLowerCase(),
    name: account.name,
    role: account.role,
    teams: JSON.stringify(account.teams),
    password_hash: account.passwordHash,
    password_changed_at: account.passwordChangedAt,
    must_change_password: flag.write(account.mustChangePassword),
    disabled: flag.write(account.disabled),
    created_at: account.createdAt,
    last_sign_in_at: orNull(account.lastSignInAt),
    failed_sign_ins: account.failedSignIns,
    locked_until: orNull(account.lockedUntil),
    sessions_valid_after: orNull(account.sessionsValidAfter),
    previous_password_hashes: account.previousPasswordHashes === undefined ? null : JSON.stringify(account.previousPasswordHashes),
  };
}

export function fromAccountRow<F>(row: AccountRow<F> | undefined, flag: FlagColumn<F>): AccountRecord | null {
  if (row === undefined) return null;
  return compact<StoredAccount>({
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    teams: JSON.parse(row.teams) as string[],
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    mustChangePassword: flag.read(row.must_change_password),
    disabled: flag.read(row.disabled),
    createdAt: row.created_at,
    lastSignInAt: orUndefined(row.last_sign_in_at),
    failedSignIns: row.failed_sign_ins,
    lockedUntil: orUndefined(row.locked_until),
    sessionsValidAfter: orUndefined(row.sessions_valid_after),
    previousPasswordHashes: row.previous_password_hashes === null ? undefined : (JSON.parse(row.previous_password_hashes) as string[]),
  });
}

// ---- sessions ----

export interface SessionRow {
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
}

/** access_sessions' columns, the id first. */
export const SESSION_COLUMNS = ['id', 'account_id', 'csrf_token', 'created_at', 'last_seen_at', 'expires_at', 'ip'] as const satisfies readonly (keyof SessionRow)[];

export function toSessionRow(session: SessionRecord): SessionRow {
  return {
    id: session.id,
    account_id: session.accountId,
    csrf_token: session.csrfToken,
    created_at: session.createdAt,
    last_seen_at: session.lastSeenAt,
    expires_at: session.expiresAt,
    ip: orNull(session.ip),
  };
}

export function fromSessionRow(row: SessionRow | undefined): SessionRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    accountId: row.account_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: orUndefined(row.ip),
  });
}

// ---- TV pairing requests ----

export interface PairRequestRow {
  id: string;
  code: string;
  poll_token_hash: string;
  created_at: number;
  expires_at: number;
  ip: string | null;
  device_id: string | null;
  device_token: string | null;
}

/** access_pair_requests' columns, the id first. */
export const PAIR_REQUEST_COLUMNS = [
  'id', 'code', 'poll_token_hash', 'created_at', 'expires_at', 'ip', 'device_id', 'device_token',
] as const satisfies readonly (keyof PairRequestRow)[];

export function toPairRequestRow(request: PairRequestRecord): PairRequestRow {
  return {
    id: request.id,
    code: request.code,
    poll_token_hash: request.pollTokenHash,
    created_at: request.createdAt,
    expires_at: request.expiresAt,
    ip: orNull(request.ip),
    device_id: orNull(request.deviceId),
    device_token: orNull(request.deviceToken),
  };
}

export function fromPairRequestRow(row: PairRequestRow | undefined): PairRequestRecord | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    code: row.code,
    pollTokenHash: row.poll_token_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ip: orUndefined(row.ip),
    deviceId: orUndefined(row.device_id),
    deviceToken: orUndefined(row.device_token),
  });
}

// ---- token credentials: paired TV displays and feed tokens ----

/**
 * A display and a feed token are the same kind of record (a named, revocable credential
 * kept only as the SHA-256 of its token, with when it was last used); only the table and
 * the name of the "last used" column and field differ. `last_at` is that column, aliased.
 */
export interface CredentialRow {
  id: string;
  name: string;
  token_hash: string;
  created_at: number;
  created_by: string;
  last_at: number | null;
  revoked_at: number | null;
}

export type CredentialBase = Omit<DeviceRecord, 'lastSeenAt'>;

export interface CredentialTable<R extends CredentialBase> {
  table: 'access_devices' | 'access_feed_tokens';
  /** The column and record field holding the last use. */
  lastColumn: 'last_seen_at' | 'last_used_at';
  lastField: keyof R & string;
  /** For duplicate-key errors. */
  label: string;
}

/** The store of one kind of credential, whichever backend keeps it. */
export interface CredentialStore<R> {
  create(record: R): Promise<void>;
  get(id: string): Promise<R | null>;
  byTokenHash(tokenHash: string): Promise<R | null>;
  list(): Promise<R[]>;
  update(record: R): Promise<void>;
}

/** The column list to SELECT, the "last used" column read as `last_at`. */
export function credentialColumns(lastColumn: CredentialTable<CredentialBase>['lastColumn']): string {
  return `id, name, token_hash, created_at, created_by, ${lastColumn} AS last_at, revoked_at`;
}

/** CredentialRow's fields in the order the INSERT names its columns. */
export const CREDENTIAL_FIELDS = ['id', 'name', 'token_hash', 'created_at', 'created_by', 'last_at', 'revoked_at'] as const satisfies readonly (keyof CredentialRow)[];

export function toCredentialRow<R extends CredentialBase>(record: R, lastField: keyof R & string): CredentialRow {
  return {
    id: record.id,
    name: record.name,
    token_hash: record.tokenHash,
    created_at: record.createdAt,
    created_by: record.createdBy,
    last_at: orNull(record[lastField] as number | undefined),
    revoked_at: orNull(record.revokedAt),
  };
}

export function fromCredentialRow<R extends CredentialBase>(row: CredentialRow | undefined, lastField: keyof R & string): R | null {
  if (row === undefined) return null;
  return compact({
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    createdBy: row.created_by,
    [lastField]: orUndefined(row.last_at),
    revokedAt: orUndefined(row.revoked_at),
  }) as unknown as R;
}

// ---- the audit log ----

/** `seq` is a number in SQLite; PostgreSQL returns its bigint as a string. */
export interface AuditRow {
  seq: number | string;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  ip: string | null;
  detail: string | null;
}

/**
 * What an appended entry is stored as. The JSON round trip is what the memory store does:
 * what append() returns is what a later list() will (undefined fields gone, dates as
 * strings), not the caller's object.
 */
export function storedAuditEntry(entry: Omit<AuditEntry, 'seq'>): Omit<AuditEntry, 'seq'> {
  return JSON.parse(JSON.stringify(entry)) as Omit<AuditEntry, 'seq'>;
}

/** access_audit's columns an append writes (seq is the database's). */
export const AUDIT_APPEND_COLUMNS = ['at', 'actor', 'action', 'target', 'ip', 'detail'] as const satisfies readonly (keyof AuditRow)[];

export function toAuditRow(stored: Omit<AuditEntry, 'seq'>): Omit<AuditRow, 'seq'> {
  return {
    at: toBound('at', stored.at),
    actor: stored.actor,
    action: stored.action,
    target: orNull(stored.target),
    ip: orNull(stored.ip),
    detail: stored.detail === undefined ? null : JSON.stringify(stored.detail),
  };
}

export function fromAuditRow(row: AuditRow): AuditEntry {
  return compact({
    seq: Number(row.seq),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: orUndefined(row.target),
    ip: orUndefined(row.ip),
    detail: row.detail === null ? undefined : (JSON.parse(row.detail) as Record<string, unknown>),
  });
}

/**
 * The SELECT for `audit.list`: only the filters present become conditions, so each shape
 * can use its index; oldest (lowest seq) first, the order entries were appended in.
 * `placeholder(n)` is the backend's n-th parameter (`?` in SQLite, `$n` in PostgreSQL).
 */
export function auditListQuery(query: AuditQuery, limit: number, placeholder: (n: number) => string): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return placeholder(params.length);
  };
  if (query.from !== undefined) conditions.push(`at >= ${param(toBound('from', query.from))}`);
  if (query.to !== undefined) conditions.push(`at < ${param(toBound('to', query.to))}`);
  if (query.actor !== undefined) conditions.push(`actor = ${param(query.actor)}`);
  if (query.action !== undefined) conditions.push(`action = ${param(query.action)}`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return {
    sql: `SELECT seq, at, actor, action, target, ip, detail FROM access_audit ${where} ORDER BY seq LIMIT ${param(limit)}`,
    params,
  };
}
