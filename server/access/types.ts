/**
 * Storage of who may do what: accounts, sessions, TV devices and their pairing requests,
 * feed tokens, and the append-only audit log. SQLite embedded; a memory implementation
 * for tests; the same contract suite runs against both (test/unit/access/store-contract.ts).
 *
 * Secrets are never stored: sessions, device and feed tokens are kept as SHA-256 hashes of
 * random tokens (they are high-entropy, so a fast hash is right); passwords as scrypt hashes.
 */
import type { AuditEntry, Role } from '../../shared/access.js';

export interface AccountRecord {
  id: string;
  /** Lower-case, unique. */
  username: string;
  name: string;
  role: Exclude<Role, 'display'>;
  teams: string[];
  /** `scrypt$N$r$p$salt$hash` (see passwords.ts). */
  passwordHash: string;
  passwordChangedAt: number;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: number;
  lastSignInAt?: number;
  /** Consecutive failed sign-ins; reset on success. */
  failedSignIns: number;
  lockedUntil?: number;
  /** Sign out everywhere: sessions created before this are invalid. */
  sessionsValidAfter?: number;
  /** The last few password hashes, so an old password is not taken again (art. 100). */
  previousPasswordHashes?: string[];
}

export interface SessionRecord {
  /** SHA-256 of the cookie's token, hex. */
  id: string;
  accountId: string;
  /** The CSRF token bound to this session (sent back in the x-csrf-token header). */
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  ip?: string;
}

export interface DeviceRecord {
  id: string;
  name: string;
  /** SHA-256 of the device token, hex. */
  tokenHash: string;
  createdAt: number;
  /** The admin who paired it. */
  createdBy: string;
  lastSeenAt?: number;
  revokedAt?: number;
}

export interface PairRequestRecord {
  id: string;
  /** Six characters shown on the TV. */
  code: string;
  /** SHA-256 of the secret the TV polls with, so only that TV can collect the device token. */
  pollTokenHash: string;
  createdAt: number;
  expiresAt: number;
  ip?: string;
  /** Set when an admin approved it. */
  deviceId?: string;
  /** The device token, held only until the TV collects it once; then cleared. */
  deviceToken?: string;
}

export interface FeedTokenRecord {
  id: string;
  name: string;
  tokenHash: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt?: number;
  revokedAt?: number;
}

export interface AuditQuery {
  from?: number;
  to?: number;
  actor?: string;
  action?: string;
  limit?: number;
}

export interface AccessStore {
  accounts: {
    count(): Promise<number>;
    create(account: AccountRecord): Promise<void>;
    get(id: string): Promise<AccountRecord | null>;
    byUsername(username: string): Promise<AccountRecord | null>;
    list(): Promise<AccountRecord[]>;
    /** Replaces the record (id unchanged). */
    update(account: AccountRecord): Promise<void>;
  };
  sessions: {
    create(session: SessionRecord): Promise<void>;
    get(id: string): Promise<SessionRecord | null>;
    update(session: SessionRecord): Promise<void>;
    delete(id: string): Promise<void>;
    deleteForAccount(accountId: string): Promise<number>;
    /** Deletes sessions expired before `now`. */
    prune(now: number): Promise<number>;
  };
  devices: {
    create(device: DeviceRecord): Promise<void>;
    get(id: string): Promise<DeviceRecord | null>;
    byTokenHash(tokenHash: string): Promise<DeviceRecord | null>;
    list(): Promise<DeviceRecord[]>;
    update(device: DeviceRecord): Promise<void>;
  };
  pairRequests: {
    create(request: PairRequestRecord): Promise<void>;
    get(id: string): Promise<PairRequestRecord | null>;
    /** The unexpired request showing this code, if any. */
    byCode(code: string, now: number): Promise<PairRequestRecord | null>;
    update(request: PairRequestRecord): Promise<void>;
    prune(now: number): Promise<number>;
  };
  feedTokens: {
    create(token: FeedTokenRecord): Promise<void>;
    get(id: string): Promise<FeedTokenRecord | null>;
    byTokenHash(tokenHash: string): Promise<FeedTokenRecord | null>;
    list(): Promise<FeedTokenRecord[]>;
    update(token: FeedTokenRecord): Promise<void>;
  };
  audit: {
    /** Appends; entries are never changed or deleted (the SQLite table refuses it). */
    append(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry>;
    /** Oldest first. Default limit 1,000, at most 100,000. */
    list(query: AuditQuery): Promise<AuditEntry[]>;
  };
  close(): Promise<void>;
}
