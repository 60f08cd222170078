import { describe, expect, it } from 'vitest';
import { PASSWORD_MESSAGES } from '../../../../server/access/passwords.js';
import { TOO_MANY_ATTEMPTS, WRONG_CURRENT_PASSWORD } from '../../../../server/access/service/password-change.js';
import { activeAdmin, activePerson, harness, request, STRONG, STRONGER, THIRD } from './harness.js';

describe('changing a password', () => {
  it('refuses the initial, a simple and a common password, saying why', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const { account, oneTimePassword } = await h.access.createAccount({ username: 'dan', name: 'Dan Wu', role: 'manager', teams: [] }, admin.id);

    const initial = await h.access.changePassword(account.id, oneTimePassword, oneTimePassword);
    expect(initial.ok).toBe(false);
    if (!initial.ok) expect(initial.problems).toContain(PASSWORD_MESSAGES.initial);

    const simple = await h.access.changePassword(account.id, oneTimePassword, 'abc');
    expect(!simple.ok && simple.problems).toContain(PASSWORD_MESSAGES.tooShort);

    const common = await h.access.changePassword(account.id, oneTimePassword, 'password123');
    expect(common.ok).toBe(false);
    if (!common.ok) expect(common.problems.length).toBeGreaterThan(0);

    const withName = await h.access.changePassword(account.id, oneTimePassword, 'dan-Velvet-Harbor-Compass');
    expect(!withName.ok && withName.problems).toContain(PASSWORD_MESSAGES.username);

    // Still the first password, still must change.
    expect((await h.store.accounts.get(account.id))?.mustChangePassword).toBe(true);
  });

  it('refuses a wrong current password, and locks after repeated tries', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    const wrong = await h.access.changePassword(carla.id, 'not-my-password', THIRD);
    expect(wrong).toEqual({ ok: false, problems: [WRONG_CURRENT_PASSWORD] });
    for (let i = 0; i < 3; i++) await h.access.changePassword(carla.id, 'not-my-password', THIRD);
    expect(await h.access.changePassword(carla.id, 'not-my-password', THIRD)).toEqual({ ok: false, problems: [TOO_MANY_ATTEMPTS] });
    expect(await h.access.changePassword(carla.id, STRONGER, THIRD)).toEqual({ ok: false, problems: [TOO_MANY_ATTEMPTS] });
  });

  it('clears the forced change, keeps this session and ends the others', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const { account, oneTimePassword } = await h.access.createAccount({ username: 'dan', name: 'Dan Wu', role: 'manager', teams: [] }, admin.id);
    const here = await h.access.signIn('dan', oneTimePassword);
    const elsewhere = await h.access.signIn('dan', oneTimePassword);
    if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed');

    const changed = await h.access.changePassword(account.id, oneTimePassword, STRONG, { keepSessionId: here.sessionId });
    expect(changed).toEqual({ ok: true, me: expect.objectContaining({ mustChangePassword: false }) });
    expect(await h.access.viewerFromRequest(request({ session: here.sessionToken }))).toMatchObject({ id: account.id, mustChangePassword: false });
    expect(await h.access.viewerFromRequest(request({ session: elsewhere.sessionToken }))).toBeNull();
    expect(h.revocations).toContainEqual({ kind: 'user', id: account.id });

    expect((await h.access.signIn('dan', oneTimePassword)).ok).toBe(false);
    expect((await h.access.signIn('dan', STRONG)).ok).toBe(true);
  });

  it('refuses the last five passwords', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla', 'supervisor', STRONGER);
    expect((await h.access.changePassword(carla.id, STRONGER, THIRD)).ok).toBe(true);
    const back = await h.access.changePassword(carla.id, THIRD, STRONGER);
    expect(!back.ok && back.problems).toContain(PASSWORD_MESSAGES.reused);
    const same = await h.access.changePassword(carla.id, THIRD, THIRD);
    expect(!same.ok && same.problems).toContain(PASSWORD_MESSAGES.reused);
  });

  it('an expired password, once changed, is valid for another period', async () => {
    const h = harness();
    const admin = await activeAdmin(h);
    const carla = await activePerson(h, admin.id, 'carla');
    h.clock.advance(91 * 24 * 3_600_000);
    const signedIn = await h.access.signIn('carla', STRONGER);
    expect(signedIn.ok && signedIn.me.mustChangePassword).toBe(true);
    const changed = await h.access.changePassword(carla.id, STRONGER, THIRD);
    expect(changed.ok && changed.me.mustChangePassword).toBe(false);
  });
});
