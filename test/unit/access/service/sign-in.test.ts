import { describe, expect, it } from 'vitest';
import { activeAdmin, activePerson, DAY, harness, MINUTE, request, STRONGER } from './harness.js';

describe('signing in', () => {
  it('answers an unknown user and a wrong password alike', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    const unknown = await h.access.signIn('nobody', 'whatever-it-is', '10.0.0.9');
    const wrong = await h.access.signIn('carla', 'whatever-it-is', '10.0.0.9');
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual(unknown);
  });

  it('starts a session: a cookie token, a CSRF token and who the user is', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    const result = await h.access.signIn('  Carla ', STRONGER, '10.0.0.9');
    expect(result).toMatchObject({ ok: true, me: { kind: 'user', role: 'supervisor', teams: [], mustChangePassword: false } });
    if (!result.ok) return;
    expect(result.sessionToken).not.toBe(result.csrfToken);
    const viewer = await h.access.viewerFromRequest(request({ session: result.sessionToken }));
    expect(viewer).toMatchObject({ kind: 'user', username: 'carla', sessionId: result.sessionId });
    // Only the hash is stored.
    expect(await h.store.sessions.get(result.sessionToken)).toBeNull();
    expect(await h.access.sessionCsrfToken(result.sessionToken)).toBe(result.csrfToken);
  });

  it('locks an account after five failures, and lets it in again after fifteen minutes', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    for (let i = 1; i <= 4; i++) expect(await h.access.signIn('carla', `wrong guess ${i}`)).toEqual({ ok: false, reason: 'invalid' });
    expect(await h.access.signIn('carla', 'wrong guess 5')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 15 * MINUTE });

    h.clock.advance(5 * MINUTE);
    // Locked means locked: the right password does not open it either.
    expect(await h.access.signIn('carla', STRONGER)).toEqual({ ok: false, reason: 'locked', retryAfterMs: 10 * MINUTE });

    h.clock.advance(10 * MINUTE);
    const after = await h.access.signIn('carla', STRONGER);
    expect(after.ok).toBe(true);
    expect((await h.store.accounts.get(carla.id))?.failedSignIns).toBe(0);
  });

  it('a success resets the failure count', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    for (let i = 0; i < 4; i++) await h.access.signIn('carla', 'wrong');
    expect((await h.access.signIn('carla', STRONGER)).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect((await h.access.signIn('carla', 'wrong')).ok).toBe(false);
    expect((await h.access.signIn('carla', STRONGER)).ok).toBe(true);
  });

  it('locks unknown usernames the same way, so "locked" reveals nothing', async () => {
    const h = harness();
    await activeAdmin(h);
    for (let i = 0; i < 4; i++) expect(await h.access.signIn('ghost', 'x')).toEqual({ ok: false, reason: 'invalid' });
    expect(await h.access.signIn('ghost', 'x')).toEqual({ ok: false, reason: 'locked', retryAfterMs: 15 * MINUTE });
  });

  it('counts parallel guesses one by one', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => h.access.signIn('carla', `guess ${i}`)));
    expect(results.filter((r) => !r.ok && r.reason === 'locked')).toHaveLength(4);
  });

  it('refuses a disabled account with the same answer, even with the right password', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    await h.access.updateAccount(carla.id, { disabled: true }, admin.id);
    expect(await h.access.signIn('carla', STRONGER)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('forces a change on the first sign-in: nothing but the password change is allowed', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const { oneTimePassword } = await h.access.createAccount({ username: 'dan', name: 'Dan Wu', role: 'manager', teams: [] }, admin.id);
    const first = await h.access.signIn('dan', oneTimePassword);
    expect(first.ok && first.me.mustChangePassword).toBe(true);
    if (!first.ok) return;
    expect(await h.access.viewerFromRequest(request({ session: first.sessionToken }))).toMatchObject({ mustChangePassword: true });
  });

  it('forces a change once the password is 90 days old', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    h.clock.advance(89 * DAY);
    const before = await h.access.signIn('carla', STRONGER);
    expect(before.ok && before.me.mustChangePassword).toBe(false);
    h.clock.advance(DAY);
    const after = await h.access.signIn('carla', STRONGER);
    expect(after.ok && after.me).toMatchObject({ mustChangePassword: true, passwordExpiresAt: expect.any(Number) });
    if (!after.ok) return;
    expect(await h.access.viewerFromRequest(request({ session: after.sessionToken }))).toMatchObject({ mustChangePassword: true });
  });

  it('honours a configured expiry period', async () => {
    const h = harness({ passwordMaxAgeDays: 30 });
    const admin = await activeAdmin(h);
    await activePerson(h, admin.id, 'carla');
    h.clock.advance(30 * DAY);
    const result = await h.access.signIn('carla', STRONGER);
    expect(result.ok && result.me.mustChangePassword).toBe(true);
  });
});
