/**
 * The access service over the memory store, with a fake clock the test moves, cheap scrypt
 * parameters, a logger whose every line is kept (to prove no secret reaches it), and the
 * revocations it emitted.
 */
import { pino } from 'pino';
import { createMemoryAccessStore } from '../../../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../../../server/access/passwords.js';
import type { Revocation } from '../../../../server/access/principal.js';
import { createAccessService, type AccessService, type AccessServiceOptions } from '../../../../server/access/service/access-service.js';
import type { AccessStore } from '../../../../server/access/types.js';
import { FakeClock } from '../../../helpers/fake-clock.js';

export const T0 = Date.UTC(2026, 10, 28, 8, 0, 0);
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** Passwords the rules accept (long, not common, unrelated to any test name). */
export const STRONG = 'Velvet-Harbor-Compass-284';
export const STRONGER = 'Quartz lantern mosaic 917 drift';
export const THIRD = 'Orchid*Tundra*Ballad*5531';

export interface Harness {
  access: AccessService;
  store: AccessStore;
  clock: FakeClock;
  logs: string[];
  revocations: Revocation[];
}

export function harness(options: Partial<AccessServiceOptions> = {}): Harness {
  const store = createMemoryAccessStore();
  const clock = new FakeClock(T0);
  const logs: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void logs.push(line) });
  const access = createAccessService({ store, clock, logger, passwordParams: FAST_TEST_PARAMS, ...options });
  const revocations: Revocation[] = [];
  access.onRevoked((r) => revocations.push(r));
  return { access, store, clock, logs, revocations };
}

/** A request carrying a session cookie and/or a bearer token. */
export function request(credentials: { session?: string; bearer?: string }) {
  const headers: Record<string, string> = {};
  if (credentials.session !== undefined) headers.cookie = `fw_session=${credentials.session}; other=1`;
  if (credentials.bearer !== undefined) headers.authorization = `Bearer ${credentials.bearer}`;
  return { headers };
}

/**
 * The bootstrap admin with its first password replaced by STRONG, signed in: the usual
 * starting point. Returns the admin's id and session.
 */
export async function activeAdmin(h: Harness): Promise<{ id: string; sessionToken: string; csrfToken: string }> {
  const boot = await h.access.bootstrapAdmin();
  const first = await h.access.signIn('admin', boot.oneTimePassword!, '10.0.0.1');
  if (!first.ok) throw new Error('bootstrap admin could not sign in');
  const changed = await h.access.changePassword(first.me.id, boot.oneTimePassword!, STRONG, { keepSessionId: first.sessionId });
  if (!changed.ok) throw new Error(`could not set the admin password: ${changed.problems.join(' ')}`);
  return { id: first.me.id, sessionToken: first.sessionToken, csrfToken: first.csrfToken };
}

/** A person created by the admin, whose first password is already replaced by `password`. */
export async function activePerson(
  h: Harness, adminId: string, username: string, role: 'supervisor' | 'lead' | 'manager' | 'admin' = 'supervisor',
  password = STRONGER, teams: string[] = role === 'lead' ? ['A'] : [],
): Promise<{ id: string; sessionToken: string; sessionId: string }> {
  const { account, oneTimePassword } = await h.access.createAccount({ username, name: `Person ${username}`, role, teams }, adminId);
  const first = await h.access.signIn(username, oneTimePassword, '10.0.0.2');
  if (!first.ok) throw new Error('new account could not sign in');
  const changed = await h.access.changePassword(account.id, oneTimePassword, password, { keepSessionId: first.sessionId });
  if (!changed.ok) throw new Error(`could not set the password: ${changed.problems.join(' ')}`);
  return { id: account.id, sessionToken: first.sessionToken, sessionId: first.sessionId };
}
