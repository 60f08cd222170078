import { describe, expect, it } from 'vitest';
import { harness } from './harness.js';

describe('first start', () => {
  it('creates the admin once, with a one-time password it must change', async () => {
    const h = harness();
    const boot = await h.access.bootstrapAdmin();
    expect(boot).toEqual({ created: true, username: 'admin', oneTimePassword: expect.any(String) });
    expect(boot.oneTimePassword!.length).toBeGreaterThanOrEqual(16);

    const again = await h.access.bootstrapAdmin();
    expect(again).toEqual({ created: false, username: 'admin' });
    expect(await h.store.accounts.count()).toBe(1);

    const signedIn = await h.access.signIn('admin', boot.oneTimePassword!, '10.0.0.1');
    expect(signedIn.ok && signedIn.me).toMatchObject({ role: 'admin', mustChangePassword: true });
    // Printed once by the caller: never logged.
    expect(h.logs.join('\n')).not.toContain(boot.oneTimePassword!);
  });

  it('takes the password from the environment, still as an initial password', async () => {
    const h = harness();
    const boot = await h.access.bootstrapAdmin({ envPassword: 'from-the-environment-1' });
    expect(boot).toEqual({ created: true, username: 'admin' });
    const signedIn = await h.access.signIn('Admin', 'from-the-environment-1', '10.0.0.1');
    expect(signedIn.ok && signedIn.me.mustChangePassword).toBe(true);
    expect(h.logs.join('\n')).not.toContain('from-the-environment-1');
  });

  it('does nothing when any account exists, whatever the environment says', async () => {
    const h = harness();
    await h.access.bootstrapAdmin();
    expect(await h.access.bootstrapAdmin({ envPassword: 'another-password-22' })).toEqual({ created: false, username: 'admin' });
    expect((await h.access.signIn('admin', 'another-password-22')).ok).toBe(false);
  });
});
