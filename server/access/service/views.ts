/**
 * Records to what clients and the edges see. Hashes, failure counters and session ids
 * never leave through a view; the effective "must change password" (first sign-in, reset,
 * or expired) is decided here once for both `me` and the principal.
 */
import type { AccountView, DeviceView, FeedTokenView, Me } from '../../../shared/access.js';
import type { Viewer } from '../principal.js';
import type { AccountRecord, DeviceRecord, FeedTokenRecord } from '../types.js';

/** How many earlier password hashes an account keeps (besides the current one) to refuse reuse. */
export const PASSWORD_HISTORY = 5;

export function historyOf(account: AccountRecord): string[] {
  return account.previousPasswordHashes ?? [];
}

export function passwordExpiresAt(account: AccountRecord, maxAgeMs: number): number | undefined {
  const at = account.passwordChangedAt + maxAgeMs;
  return Number.isFinite(at) ? at : undefined;
}

export function mustChangePassword(account: AccountRecord, now: number, maxAgeMs: number): boolean {
  const expiresAt = passwordExpiresAt(account, maxAgeMs);
  return account.mustChangePassword || (expiresAt !== undefined && now >= expiresAt);
}

export function isLocked(account: Pick<AccountRecord, 'lockedUntil'>, now: number): boolean {
  return account.lockedUntil !== undefined && account.lockedUntil > now;
}

export function accountView(a: AccountRecord): AccountView {
  return {
    id: a.id,
    username: a.username,
    name: a.name,
    role: a.role,
    teams: [...a.teams],
    disabled: a.disabled,
    mustChangePassword: a.mustChangePassword,
    passwordChangedAt: a.passwordChangedAt,
    createdAt: a.createdAt,
    ...(a.lastSignInAt !== undefined && { lastSignInAt: a.lastSignInAt }),
  };
}

export function deviceView(d: DeviceRecord): DeviceView {
  return {
    id: d.id,
    name: d.name,
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    ...(d.lastSeenAt !== undefined && { lastSeenAt: d.lastSeenAt }),
    ...(d.revokedAt !== undefined && { revokedAt: d.revokedAt }),
  };
}

export function feedTokenView(t: FeedTokenRecord): FeedTokenView {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    ...(t.lastUsedAt !== undefined && { lastUsedAt: t.lastUsedAt }),
    ...(t.revokedAt !== undefined && { revokedAt: t.revokedAt }),
  };
}

export function userMe(a: AccountRecord, now: number, maxAgeMs: number): Me {
  const expiresAt = passwordExpiresAt(a, maxAgeMs);
  return {
    kind: 'user',
    id: a.id,
    name: a.name,
    role: a.role,
    teams: a.role === 'lead' ? [...a.teams] : [],
    mustChangePassword: mustChangePassword(a, now, maxAgeMs),
    ...(expiresAt !== undefined && { passwordExpiresAt: expiresAt }),
  };
}

export function deviceMe(d: DeviceRecord): Me {
  return { kind: 'device', id: d.id, name: d.name, role: 'display', teams: [], mustChangePassword: false };
}

export function userViewer(a: AccountRecord, sessionId: string, now: number, maxAgeMs: number): Extract<Viewer, { kind: 'user' }> {
  return {
    kind: 'user',
    id: a.id,
    username: a.username,
    name: a.name,
    role: a.role,
    // Only a shift lead is scoped; anyone else sees the whole floor whatever the record says.
    teams: a.role === 'lead' ? [...a.teams] : [],
    mustChangePassword: mustChangePassword(a, now, maxAgeMs),
    sessionId,
  };
}

export function deviceViewer(d: DeviceRecord): Extract<Viewer, { kind: 'device' }> {
  return { kind: 'device', id: d.id, name: d.name, role: 'display', teams: [] };
}
