/**
 * The access service (policy articles 95-103: every user and every display authenticates,
 * each role sees only its part, and what people do is recorded): accounts and sessions,
 * TV pairing, feed tokens and the audit log over one AccessStore. It is the Authenticator
 * the edges (HTTP, the socket namespaces) ask "who is this?".
 *
 * Each area lives in its own file; this composes them around one shared context.
 */
import type { Logger } from 'pino';
import type { AuditEntry } from '../../../shared/access.js';
import type { ScryptParams } from '../passwords.js';
import type { AccessStore, AuditQuery } from '../types.js';
import { createAccounts, type AccountsArea } from './accounts.js';
import { createAuditLog, type AuditInput } from './audit.js';
import { createAuthenticator, type AuthenticatorArea } from './authenticator.js';
import {
  DAY_MS, DEFAULT_LOCKOUT, DEFAULT_PASSWORD_MAX_AGE_DAYS, DEFAULT_SESSION_TTL_MS,
  type AccessContext, type Clock, type LockoutPolicy,
} from './context.js';
import { createFeedTokens, type FeedTokensArea } from './feed-tokens.js';
import { createPairing, type PairingArea } from './pairing.js';
import { createPasswordChange, type PasswordChangeArea } from './password-change.js';
import { createRevocationHub } from './revocations.js';
import { createSerial } from './serial.js';
import { createSessions, type SessionsArea } from './sessions.js';
import { createSignIn, type SignInArea } from './sign-in.js';

export interface AccessServiceOptions {
  store: AccessStore;
  clock: Clock;
  logger: Logger;
  /** scrypt cost; FAST_TEST_PARAMS in tests. */
  passwordParams?: ScryptParams;
  /** Default 90 (the policy's "changed regularly"); Infinity for never. */
  passwordMaxAgeDays?: number;
  /** Idle timeout, sliding; default 12 h. */
  sessionTtlMs?: number;
  /** Default: 5 failures lock for 15 minutes. */
  lockout?: Partial<LockoutPolicy>;
}

export interface AuditArea {
  /** Appends an entry (at = now); secret-looking fields in detail are redacted. */
  record(input: AuditInput): Promise<AuditEntry>;
  listAudit(query: AuditQuery): Promise<AuditEntry[]>;
  /** Columns seq, at (ISO), actor, action, target, ip, detail (JSON), with a header row. */
  auditCsv(query: AuditQuery): Promise<string>;
}

export type AccessService = AuthenticatorArea & SignInArea & SessionsArea & PasswordChangeArea & AccountsArea
  & PairingArea & FeedTokensArea & AuditArea & {
    /** For the session cookie's Max-Age. */
    readonly sessionTtlMs: number;
  };

export function createAccessService(options: AccessServiceOptions): AccessService {
  const { store, clock, logger } = options;
  const maxAgeDays = options.passwordMaxAgeDays ?? DEFAULT_PASSWORD_MAX_AGE_DAYS;
  const sessionTtlMs = options.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  if (!(maxAgeDays > 0)) throw new RangeError(`passwordMaxAgeDays must be > 0 (Infinity for never), got ${maxAgeDays}`);
  if (!(sessionTtlMs > 0) || !Number.isFinite(sessionTtlMs)) throw new RangeError(`sessionTtlMs must be a positive number, got ${sessionTtlMs}`);
  const lockout = { ...DEFAULT_LOCKOUT, ...options.lockout };

  const audit = createAuditLog(store, clock, logger);
  const ctx: AccessContext = {
    store, clock, logger, audit,
    revocations: createRevocationHub(logger),
    serial: createSerial(),
    passwordParams: options.passwordParams,
    passwordMaxAgeMs: maxAgeDays * DAY_MS,
    sessionTtlMs,
    lockout,
  };

  const sessions = createSessions(ctx);
  return {
    ...createAuthenticator(ctx, sessions),
    ...createSignIn(ctx, sessions),
    // The session internals (start, resolve, endAll) stay inside the service.
    signOut: sessions.signOut,
    signOutEverywhere: sessions.signOutEverywhere,
    sessionCsrfToken: sessions.sessionCsrfToken,
    ...createPasswordChange(ctx, sessions),
    ...createAccounts(ctx, sessions),
    ...createPairing(ctx),
    ...createFeedTokens(ctx),
    record: audit.record,
    listAudit: audit.list,
    auditCsv: audit.csv,
    sessionTtlMs,
  };
}
