/** Small, readable records for the access-store contract. */
import type {
  AccountRecord, DeviceRecord, FeedTokenRecord, PairRequestRecord, SessionRecord,
} from '../../../server/access/types.js';

/** Only the required fields: the optional ones must come back absent, not as undefined or null. */
export function makeAccount(id: string, overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id,
    username: `user-${id}`,
    name: `User ${id}`,
    role: 'supervisor',
    teams: [],
    passwordHash: `scrypt$1024$8$1$c2FsdA==$${id}`,
    passwordChangedAt: 1_000,
    mustChangePassword: false,
    disabled: false,
    createdAt: 1_000,
    failedSignIns: 0,
    ...overrides,
  };
}

/** Every optional field set, so a backend that drops one is caught. */
export function makeFullAccount(id: string, overrides: Partial<AccountRecord> = {}): AccountRecord {
  return makeAccount(id, {
    role: 'lead',
    teams: ['team-north', 'team-south'],
    mustChangePassword: true,
    disabled: true,
    lastSignInAt: 5_000,
    failedSignIns: 3,
    lockedUntil: 9_000,
    sessionsValidAfter: 4_000,
    ...overrides,
  });
}

export function makeSession(id: string, accountId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    id,
    accountId,
    csrfToken: `csrf-${id}`,
    createdAt: 1_000,
    lastSeenAt: 1_000,
    expiresAt: 10_000,
    ...overrides,
  };
}

export function makeDevice(id: string, overrides: Partial<DeviceRecord> = {}): DeviceRecord {
  return { id, name: `TV ${id}`, tokenHash: `hash-${id}`, createdAt: 1_000, createdBy: 'acc_admin', ...overrides };
}

export function makePairRequest(id: string, code: string, overrides: Partial<PairRequestRecord> = {}): PairRequestRecord {
  return { id, code, pollTokenHash: `poll-${id}`, createdAt: 1_000, expiresAt: 2_000, ...overrides };
}

export function makeFeedToken(id: string, overrides: Partial<FeedTokenRecord> = {}): FeedTokenRecord {
  return { id, name: `Feed ${id}`, tokenHash: `hash-${id}`, createdAt: 1_000, createdBy: 'acc_admin', ...overrides };
}
