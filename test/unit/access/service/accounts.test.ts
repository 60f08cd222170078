import { describe, expect, it } from 'vitest';
import { activeAdmin, activePerson, harness, request, STRONGER } from './harness.js';

describe('accounts (admin)', () => {
  it('creates an account with a one-time password that must be changed', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const { account, oneTimePassword } = await h.access.createAccount({ username: 'Lee.Lead', name: 'Lee', role: 'lead', teams: ['A', 'B', 'A'] }, admin.id);
    expect(account).toMatchObject({ username: 'lee.lead', role: 'lead', teams: ['A', 'B'], mustChangePassword: true, disabled: false });
    expect(JSON.stringify(account)).not.toMatch(/hash|scrypt/i);
    const signedIn = await h.access.signIn('lee.lead', oneTimePassword);
    expect(signedIn.ok && signedIn.me).toMatchObject({ role: 'lead', teams: ['A', 'B'], mustChangePassword: true });
    expect((await h.access.listAccounts()).map((a) => a.username)).toEqual(['admin', 'lee.lead']);
  });

  it('refuses a taken username and team rules that make no sense', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await expect(h.access.createAccount({ username: 'ADMIN', name: 'x', role: 'manager', teams: [] }, admin.id))
      .rejects.toMatchObject({ code: 'conflict', field: 'username' });
    await expect(h.access.createAccount({ username: 'lee', name: 'x', role: 'lead', teams: [] }, admin.id))
      .rejects.toMatchObject({ code: 'invalid', field: 'teams' });
    await expect(h.access.createAccount({ username: 'sam', name: 'x', role: 'supervisor', teams: ['A'] }, admin.id))
      .rejects.toMatchObject({ code: 'invalid', field: 'teams' });
  });

  it('updates role and teams, and drops live sockets so they reconnect with the new scope', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const lee = await activePerson(h, admin.id, 'lee', 'lead', STRONGER, ['A']);
    const updated = await h.access.updateAccount(lee.id, { teams: ['B'] }, admin.id);
    expect(updated.teams).toEqual(['B']);
    expect(h.revocations).toContainEqual({ kind: 'user', id: lee.id });
    // The session itself stays valid and now carries the new scope.
    expect(await h.access.viewerFromRequest(request({ session: lee.sessionToken }))).toMatchObject({ teams: ['B'] });

    const promoted = await h.access.updateAccount(lee.id, { role: 'supervisor' }, admin.id);
    expect(promoted).toMatchObject({ role: 'supervisor', teams: [] });
    await expect(h.access.updateAccount(lee.id, { role: 'lead' }, admin.id)).rejects.toMatchObject({ field: 'teams' });
    await expect(h.access.updateAccount('acc_nope', { name: 'x' }, admin.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('never lets the last enabled admin go', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    await expect(h.access.updateAccount(admin.id, { disabled: true }, admin.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(h.access.updateAccount(admin.id, { role: 'manager' }, admin.id)).rejects.toMatchObject({ code: 'conflict', field: 'role' });
    const second = await activePerson(h, admin.id, 'second', 'admin');
    expect((await h.access.updateAccount(admin.id, { disabled: true }, second.id)).disabled).toBe(true);
  });

  it('re-enabling lets the person sign in again', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    await h.access.updateAccount(carla.id, { disabled: true }, admin.id);
    await h.access.updateAccount(carla.id, { disabled: false }, admin.id);
    expect((await h.access.signIn('carla', STRONGER)).ok).toBe(true);
  });

  it('a password reset gives a new one-time password, unlocks, and ends the sessions', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    for (let i = 0; i < 5; i++) await h.access.signIn('carla', 'wrong');
    const { account, oneTimePassword } = await h.access.resetPassword(carla.id, admin.id);
    expect(account.mustChangePassword).toBe(true);
    expect(await h.access.viewerFromRequest(request({ session: carla.sessionToken }))).toBeNull();
    expect(h.revocations).toContainEqual({ kind: 'user', id: carla.id });
    expect((await h.access.signIn('carla', STRONGER)).ok).toBe(false);
    const fresh = await h.access.signIn('carla', oneTimePassword);
    expect(fresh.ok && fresh.me.mustChangePassword).toBe(true);
  });
});
