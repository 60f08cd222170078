import { describe, expect, it } from 'vitest';
import { activeAdmin, activePerson, harness, MINUTE, request, STRONGER } from './harness.js';

describe('sessions', () => {
  it('sign out everywhere ends every session of the account and emits a revocation', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    const second = await h.access.signIn('carla', STRONGER);
    if (!second.ok) throw new Error('sign-in failed');
    await h.access.signOutEverywhere(carla.id, '10.0.0.5');
    expect(await h.access.viewerFromRequest(request({ session: carla.sessionToken }))).toBeNull();
    expect(await h.access.viewerFromRequest(request({ session: second.sessionToken }))).toBeNull();
    expect(h.revocations).toContainEqual({ kind: 'user', id: carla.id });
    // A new sign-in afterwards works.
    const third = await h.access.signIn('carla', STRONGER);
    expect(third.ok && (await h.access.viewerFromRequest(request({ session: third.sessionToken })))).toMatchObject({ id: carla.id });
  });

  it('signing out ends only that session, with a revocation naming it', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    const second = await h.access.signIn('carla', STRONGER);
    if (!second.ok) throw new Error('sign-in failed');
    await h.access.signOut(carla.sessionId);
    expect(await h.access.viewerFromRequest(request({ session: carla.sessionToken }))).toBeNull();
    expect(await h.access.viewerFromRequest(request({ session: second.sessionToken }))).not.toBeNull();
    expect(h.revocations).toContainEqual({ kind: 'user', id: carla.id, sessionId: carla.sessionId });
  });

  it('forged, unknown and oversized tokens are no one', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    expect(await h.access.viewerFromRequest(request({ session: `${admin.sessionToken}x` }))).toBeNull();
    expect(await h.access.viewerFromRequest(request({ session: 'a'.repeat(5000) }))).toBeNull();
    expect(await h.access.viewerFromRequest(request({}))).toBeNull();
    expect(await h.access.viewerFromRequest({ headers: { cookie: 'fw_session=' } })).toBeNull();
    expect(await h.access.sessionCsrfToken('forged')).toBeNull();
    // A session token is not a device token.
    expect(await h.access.viewerFromRequest(request({ bearer: admin.sessionToken }))).toBeNull();
    expect(await h.access.feedFromToken(admin.sessionToken)).toBeNull();
  });

  it('expires after twelve idle hours, and each use pushes the expiry out', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const req = request({ session: admin.sessionToken });
    h.clock.advance(11 * 60 * MINUTE);
    expect(await h.access.viewerFromRequest(req)).not.toBeNull();
    h.clock.advance(11 * 60 * MINUTE);
    expect(await h.access.viewerFromRequest(req)).not.toBeNull();
    h.clock.advance(12 * 60 * MINUTE);
    expect(await h.access.viewerFromRequest(req)).toBeNull();
  });

  it('writes lastSeenAt at most once a minute', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const req = request({ session: admin.sessionToken });
    const viewer = await h.access.viewerFromRequest(req);
    if (viewer?.kind !== 'user') throw new Error('no user');
    const seen = async () => (await h.store.sessions.get(viewer.sessionId))?.lastSeenAt;
    const first = await seen();
    h.clock.advance(30_000);
    await h.access.viewerFromRequest(req);
    expect(await seen()).toBe(first);
    h.clock.advance(30_000);
    await h.access.viewerFromRequest(req);
    expect(await seen()).toBe(first! + MINUTE);
  });

  it('a session older than sessionsValidAfter is refused even if its row survived', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    const account = await h.store.accounts.get(carla.id);
    h.clock.advance(1);
    await h.store.accounts.update({ ...account!, sessionsValidAfter: h.clock.now() });
    expect(await h.access.viewerFromRequest(request({ session: carla.sessionToken }))).toBeNull();
  });

  it('disabling an account ends its sessions at once and emits a revocation', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    await h.access.updateAccount(carla.id, { disabled: true }, admin.id);
    expect(await h.access.viewerFromRequest(request({ session: carla.sessionToken }))).toBeNull();
    expect(h.revocations).toContainEqual({ kind: 'user', id: carla.id });
  });

  it('me answers for a signed-in user; signing out makes the cookie no one', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const viewer = await h.access.viewerFromRequest(request({ session: admin.sessionToken }));
    expect(await h.access.me(viewer!)).toMatchObject({ kind: 'user', id: admin.id, role: 'admin', mustChangePassword: false });
    await h.access.signOut((viewer as { sessionId: string }).sessionId);
    expect(await h.access.viewerFromRequest(request({ session: admin.sessionToken }))).toBeNull();
  });
});
