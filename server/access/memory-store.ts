/**
 * The access store in memory: the same contract as SQLite (test/unit/access/store-contract.ts),
 * for tests and for runs without a database.
 *
 * Records are kept as JSON text, as the event storage's memory backend does, so every call
 * hands back a fresh object (a caller mutating what it got cannot change the store, and
 * the audit log cannot be edited through a returned entry), and `undefined` fields are
 * dropped on the way through exactly as SQLite's NULLs are.
 */
import type { AuditEntry } from '../../shared/access.js';
import { StorageClosedError } from '../storage/errors.js';
import { toBound } from '../storage/limits.js';
import { auditListLimit, byteOrder, DuplicateRecordError, isUnexpired } from './store-rules.js';
import type {
  AccessStore, AccountRecord, AuditQuery, DeviceRecord, FeedTokenRecord, PairRequestRecord, SessionRecord,
} from './types.js';

export function createMemoryAccessStore(): AccessStore {
  let closed = false;
  /** Every method starts here: after close() they all reject, as SQLite's do. */
  const assertOpen = (): void => {
    if (closed) throw new StorageClosedError('memory');
  };

  const accounts = new MemoryTable<AccountRecord>('account', { username: (account) => account.username });
  const sessions = new MemoryTable<SessionRecord>('session');
  const devices = new MemoryTable<DeviceRecord>('device', { 'token hash': (device) => device.tokenHash });
  const pairRequests = new MemoryTable<PairRequestRecord>('pair request');
  const feedTokens = new MemoryTable<FeedTokenRecord>('feed token', { 'token hash': (token) => token.tokenHash });
  const audit: string[] = [];

  /** Usernames are stored lower-case, so uniqueness and look-up ignore case. */
  const normaliseAccount = (account: AccountRecord): AccountRecord => ({ ...account, username: account.username.toLowerCase() });

  return {
    accounts: {
      async count() {
        assertOpen();
        return accounts.size;
      },
      async create(account) {
        assertOpen();
        accounts.insert(normaliseAccount(account));
      },
      async get(id) {
        assertOpen();
        return accounts.get(id);
      },
      async byUsername(username) {
        assertOpen();
        const wanted = username.toLowerCase();
        return accounts.find((account) => account.username === wanted);
      },
      async list() {
        assertOpen();
        return accounts.all().sort((a, b) => byteOrder(a.username, b.username));
      },
      async update(account) {
        assertOpen();
        accounts.replace(normaliseAccount(account));
      },
    },

    sessions: {
      async create(session) {
        assertOpen();
        sessions.insert(session);
      },
      async get(id) {
        assertOpen();
        return sessions.get(id);
      },
      async update(session) {
        assertOpen();
        sessions.replace(session);
      },
      async delete(id) {
        assertOpen();
        sessions.deleteWhere((session) => session.id === id);
      },
      async deleteForAccount(accountId) {
        assertOpen();
        return sessions.deleteWhere((session) => session.accountId === accountId);
      },
      async prune(now) {
        assertOpen();
        toBound('now', now);
        return sessions.deleteWhere((session) => !isUnexpired(session.expiresAt, now));
      },
    },

    devices: {
      async create(device) {
        assertOpen();
        devices.insert(device);
      },
      async get(id) {
        assertOpen();
        return devices.get(id);
      },
      async byTokenHash(tokenHash) {
        assertOpen();
        return devices.find((device) => device.tokenHash === tokenHash);
      },
      async list() {
        assertOpen();
        return devices.all().sort(oldestCreatedFirst);
      },
      async update(device) {
        assertOpen();
        devices.replace(device);
      },
    },

    pairRequests: {
      async create(request) {
        assertOpen();
        pairRequests.insert(request);
      },
      async get(id) {
        assertOpen();
        return pairRequests.get(id);
      },
      async byCode(code, now) {
        assertOpen();
        toBound('now', now);
        const showing = pairRequests.all()
          .filter((request) => request.code === code && isUnexpired(request.expiresAt, now))
          .sort((a, b) => b.createdAt - a.createdAt || byteOrder(a.id, b.id));
        return showing[0] ?? null;
      },
      async update(request) {
        assertOpen();
        pairRequests.replace(request);
      },
      async prune(now) {
        assertOpen();
        toBound('now', now);
        return pairRequests.deleteWhere((request) => !isUnexpired(request.expiresAt, now));
      },
    },

    feedTokens: {
      async create(token) {
        assertOpen();
        feedTokens.insert(token);
      },
      async get(id) {
        assertOpen();
        return feedTokens.get(id);
      },
      async byTokenHash(tokenHash) {
        assertOpen();
        return feedTokens.find((token) => token.tokenHash === tokenHash);
      },
      async list() {
        assertOpen();
        return feedTokens.all().sort(oldestCreatedFirst);
      },
      async update(token) {
        assertOpen();
        feedTokens.replace(token);
      },
    },

    audit: {
      async append(entry: Omit<AuditEntry, 'seq'>): Promise<AuditEntry> {
        assertOpen();
        toBound('at', entry.at);
        // seq is the position plus one: entries are never removed, so it is never reused.
        const json = JSON.stringify({ ...entry, seq: audit.length + 1 });
        audit.push(json);
        return JSON.parse(json) as AuditEntry;
      },
      async list(query: AuditQuery): Promise<AuditEntry[]> {
        assertOpen();
        const limit = auditListLimit(query.limit);
        const from = query.from === undefined ? undefined : toBound('from', query.from);
        const to = query.to === undefined ? undefined : toBound('to', query.to);
        const found: AuditEntry[] = [];
        for (const json of audit) {
          if (found.length >= limit) break;
          const entry = JSON.parse(json) as AuditEntry;
          if (from !== undefined && entry.at < from) continue;
          if (to !== undefined && entry.at >= to) continue;
          if (query.actor !== undefined && entry.actor !== query.actor) continue;
          if (query.action !== undefined && entry.action !== query.action) continue;
          found.push(entry);
        }
        return found;
      },
    },

    async close() {
      closed = true;
    },
  };
}

function oldestCreatedFirst(a: { id: string; createdAt: number }, b: { id: string; createdAt: number }): number {
  return a.createdAt - b.createdAt || byteOrder(a.id, b.id);
}

/**
 * Records by id as JSON text, with the same uniqueness rules as the SQLite table's
 * UNIQUE columns (checked by scanning: the memory store holds tens of records, not millions).
 */
class MemoryTable<T extends { id: string }> {
  readonly #rows = new Map<string, string>();

  constructor(
    private readonly what: string,
    private readonly uniqueKeys: Record<string, (record: T) => string> = {},
  ) {}

  get size(): number {
    return this.#rows.size;
  }

  get(id: string): T | null {
    const json = this.#rows.get(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  all(): T[] {
    return [...this.#rows.values()].map((json) => JSON.parse(json) as T);
  }

  find(matches: (record: T) => boolean): T | null {
    return this.all().find(matches) ?? null;
  }

  insert(record: T): void {
    if (this.#rows.has(record.id)) throw new DuplicateRecordError(this.what, 'id');
    this.#assertUnique(record);
    this.#rows.set(record.id, JSON.stringify(record));
  }

  /** Replaces the record with this id; a missing one stays missing (like SQL's UPDATE). */
  replace(record: T): void {
    if (!this.#rows.has(record.id)) return;
    this.#assertUnique(record);
    this.#rows.set(record.id, JSON.stringify(record));
  }

  deleteWhere(matches: (record: T) => boolean): number {
    let removed = 0;
    for (const [id, json] of [...this.#rows]) {
      if (matches(JSON.parse(json) as T)) {
        this.#rows.delete(id);
        removed++;
      }
    }
    return removed;
  }

  #assertUnique(record: T): void {
    for (const [field, key] of Object.entries(this.uniqueKeys)) {
      const value = key(record);
      const clash = this.all().some((other) => other.id !== record.id && key(other) === value);
      if (clash) throw new DuplicateRecordError(this.what, field);
    }
  }
}
