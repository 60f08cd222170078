/**
 * Two answers the wallboard reads without a console error or an English-only sentence:
 * a page asking on load whether anyone is signed in (`GET /api/v1/session?optional=1`:
 * nobody is 200 `{ me: null }`, while the plain route keeps its 401 for scripts), and a
 * refused pairing, which carries its problem code (shared/problems.ts). No sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_FIRST_PASSWORD, Browser, startAccessServer, type AccessServer } from './access-server.js';

const ADMIN_PASSWORD = 'Velvet-Harbor-Compass-284';

let server: AccessServer;
beforeEach(async () => {
  server = await startAccessServer();
});
afterEach(async () => {
  await server.close();
});

describe('GET /api/v1/session?optional=1', () => {
  it('answers nobody with 200 { me: null }; without optional it is still 401 signInRequired', async () => {
    const nobody = new Browser(server.base);
    const probe = await nobody.call('GET', '/api/v1/session?optional=1');
    expect(probe.status).toBe(200);
    expect(probe.headers.get('cache-control')).toBe('no-store');
    expect(await probe.json()).toEqual({ me: null });
    const plain = await nobody.call('GET', '/api/v1/session');
    expect(plain.status).toBe(401);
    expect(await plain.json()).toMatchObject({ code: 'signInRequired' });
    // A stale cookie is nobody too.
    const stale = await fetch(`${server.base}/api/v1/session?optional=1`, { headers: { cookie: 'fw_session=not-a-session' } });
    expect([stale.status, await stale.json()]).toEqual([200, { me: null }]);
  });

  it('answers a signed-in person as the plain route does', async () => {
    const browser = new Browser(server.base);
    expect((await browser.signIn('admin', ADMIN_FIRST_PASSWORD)).status).toBe(200);
    const probe = await browser.call('GET', '/api/v1/session?optional=1');
    expect(probe.status).toBe(200);
    expect(await probe.json()).toMatchObject({ me: { role: 'admin', mustChangePassword: true } });
  });
});

describe('a refused pairing', () => {
  it('carries the code pairCodeUnknown beside its English text', async () => {
    const admin = new Browser(server.base);
    await admin.signIn('admin', ADMIN_FIRST_PASSWORD);
    expect((await admin.call('POST', '/api/v1/session/password', {
      csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_PASSWORD },
    })).status).toBe(200);
    const res = await admin.call('POST', '/api/v1/displays', { csrf: true, body: { code: 'ZZZZZ9', name: 'Lobby' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: 'no display is showing that code (it may have expired)', code: 'pairCodeUnknown', field: 'code',
    });
  });
});
