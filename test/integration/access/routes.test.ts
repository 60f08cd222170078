/**
 * The access routes over real HTTP: cookies and their attributes, CSRF, who may call what,
 * the password change, TV pairing end to end, and the audit CSV. No sleeps.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_FIRST_PASSWORD, Browser, startAccessServer, type AccessServer } from './access-server.js';
import { PASSWORD_PROBLEMS } from '../../../shared/password-problems.js';

const ADMIN_PASSWORD = 'Velvet-Harbor-Compass-284';
const SUPERVISOR_PASSWORD = 'Quartz lantern mosaic 917 drift';

let server: AccessServer;
const servers: AccessServer[] = [];

async function start(...args: Parameters<typeof startAccessServer>): Promise<AccessServer> {
  const started = await startAccessServer(...args);
  servers.push(started);
  return started;
}

beforeEach(async () => {
  server = await start();
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The admin, signed in with the first password already changed. */
async function admin(): Promise<Browser> {
  const browser = new Browser(server.base);
  expect((await browser.signIn('admin', ADMIN_FIRST_PASSWORD)).status).toBe(200);
  const changed = await browser.call('POST', '/api/v1/session/password', {
    csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_PASSWORD },
  });
  expect(changed.status).toBe(200);
  return browser;
}

/** A supervisor created by `by`, signed in with the first password already changed. */
async function supervisor(by: Browser, username = 'carla'): Promise<Browser> {
  const created = await by.call('POST', '/api/v1/accounts', { csrf: true, body: { username, name: 'Carla Mendes', role: 'supervisor' } });
  expect(created.status).toBe(201);
  const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
  const browser = new Browser(server.base);
  await browser.signIn(username, oneTimePassword);
  const changed = await browser.call('POST', '/api/v1/session/password', {
    csrf: true, body: { currentPassword: oneTimePassword, newPassword: SUPERVISOR_PASSWORD },
  });
  expect(changed.status).toBe(200);
  return browser;
}

describe('signing in and out', () => {
  it('sets an httpOnly, SameSite=Strict, Secure session cookie and a readable CSRF cookie', async () => {
    const browser = new Browser(server.base);
    const res = await browser.signIn('admin', ADMIN_FIRST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { me: { role: string; mustChangePassword: boolean }; csrfToken: string };
    expect(body.me).toMatchObject({ kind: 'user', role: 'admin', mustChangePassword: true });

    const [session, csrf] = browser.lastSetCookie;
    expect(session).toMatch(/^fw_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    expect(csrf).toBe(`fw_csrf=${body.csrfToken}; Max-Age=43200; Path=/; Secure; SameSite=Strict`);
    expect(csrf).not.toMatch(/HttpOnly/i);
    // The session token is in no response body.
    expect(JSON.stringify(body)).not.toContain(browser.cookies.get('fw_session')!);

    const me = await browser.call('GET', '/api/v1/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ me: { role: 'admin' }, csrfToken: body.csrfToken });
  });

  it('answers 401 alike for an unknown user and a wrong password, and 400 naming a missing field', async () => {
    const browser = new Browser(server.base);
    const unknown = await browser.signIn('nobody', 'whatever-it-is');
    const wrong = await browser.signIn('admin', 'whatever-it-is');
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    // The same answer, code and all (shared/problems.ts): nothing tells which usernames exist.
    expect(await unknown.json()).toEqual({ error: 'wrong username or password', code: 'wrongCredentials' });
    expect(await wrong.json()).toEqual({ error: 'wrong username or password', code: 'wrongCredentials' });
    expect(browser.cookies.size).toBe(0);

    const missing = await browser.call('POST', '/api/v1/session', { body: { username: 'admin' } });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ field: 'password' });
    const broken = await fetch(`${server.base}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"admin","password":"hunter2-secret',
    });
    expect(broken.status).toBe(400);
    // The parser's message would quote the body, password and all.
    expect(await broken.text()).toBe('{"error":"the body is not valid JSON","code":"bodyNotJson"}');
  });

  it('answers 429 with Retry-After once the account is locked', async () => {
    const browser = new Browser(server.base);
    for (let i = 0; i < 4; i++) expect((await browser.signIn('admin', `guess ${i}`)).status).toBe(401);
    const locked = await browser.signIn('admin', 'guess 5');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(await locked.json()).toMatchObject({ retryAfterMs: 900_000 });
  });

  it('rate-limits failed sign-ins per address', async () => {
    server = await start({ signInPerMinute: 3 });
    const browser = new Browser(server.base);
    for (let i = 0; i < 3; i++) expect((await browser.signIn(`user${i}`, 'nope-nope')).status).toBe(401);
    const limited = await browser.signIn('admin', ADMIN_FIRST_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ error: expect.stringContaining('too many sign-in attempts'), code: 'tooManyRequests' });
  });

  it('signs out (clearing the cookies) and signs out everywhere', async () => {
    const a = await admin();
    const other = new Browser(server.base);
    await other.signIn('admin', ADMIN_PASSWORD);
    const stale = a.cookies.get('fw_session')!;

    expect((await a.call('DELETE', '/api/v1/session')).status).toBe(403); // no CSRF token
    const out = await a.call('DELETE', '/api/v1/session', { csrf: true });
    expect(out.status).toBe(204);
    expect(a.lastSetCookie.every((line) => /Max-Age=0/.test(line))).toBe(true);
    expect((await fetch(`${server.base}/api/v1/session`, { headers: { cookie: `fw_session=${stale}` } })).status).toBe(401);
    expect((await other.call('GET', '/api/v1/session')).status).toBe(200);

    const third = new Browser(server.base);
    await third.signIn('admin', ADMIN_PASSWORD);
    expect((await third.call('POST', '/api/v1/session/sign-out-everywhere', { csrf: true })).status).toBe(204);
    expect((await other.call('GET', '/api/v1/session')).status).toBe(401);
  });
});

describe('the password change', () => {
  it('is all a first sign-in may do; weak passwords come back with the problems', async () => {
    const browser = new Browser(server.base);
    await browser.signIn('admin', ADMIN_FIRST_PASSWORD);
    const blocked = await browser.call('GET', '/api/v1/accounts');
    expect(blocked.status).toBe(403);
    expect(await blocked.json()).toEqual({ error: 'change your password first', code: 'changePasswordFirst' });

    const noCsrf = await browser.call('POST', '/api/v1/session/password', { body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_PASSWORD } });
    expect(noCsrf.status).toBe(403);

    const weak = await browser.call('POST', '/api/v1/session/password', { csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: 'password1' } });
    expect(weak.status).toBe(400);
    // Each problem in English, and by its code for the screen (shared/password-problems.ts).
    const weakBody = await weak.json() as { code: string; problems: string[]; problemCodes: string[] };
    expect(weakBody.code).toBe('passwordNotChanged');
    expect(weakBody.problemCodes).toContain('tooShort');
    expect(weakBody.problems.length).toBe(weakBody.problemCodes.length);
    expect(weakBody.problems[weakBody.problemCodes.indexOf('tooShort')]).toBe(PASSWORD_PROBLEMS.tooShort);

    const initial = await browser.call('POST', '/api/v1/session/password', {
      csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_FIRST_PASSWORD },
    });
    expect(initial.status).toBe(400);

    const ok = await browser.call('POST', '/api/v1/session/password', { csrf: true, body: { currentPassword: ADMIN_FIRST_PASSWORD, newPassword: ADMIN_PASSWORD } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ me: { mustChangePassword: false } });
    // Same session, now allowed everywhere.
    expect((await browser.call('GET', '/api/v1/accounts')).status).toBe(200);
  });
});

describe('admin routes', () => {
  it('are 401 for anonymous and 403 for a supervisor', async () => {
    const a = await admin();
    const sup = await supervisor(a);
    const anonymous = new Browser(server.base);
    const paths: Array<[string, string]> = [
      ['GET', '/api/v1/accounts'], ['POST', '/api/v1/accounts'], ['PATCH', '/api/v1/accounts/x'],
      ['POST', '/api/v1/accounts/x/password-reset'], ['GET', '/api/v1/displays'], ['POST', '/api/v1/displays'],
      ['DELETE', '/api/v1/displays/x'], ['GET', '/api/v1/feed-tokens'], ['POST', '/api/v1/feed-tokens'],
      ['DELETE', '/api/v1/feed-tokens/x'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/audit.csv'],
    ];
    for (const [method, path] of paths) {
      const body = method === 'GET' ? undefined : {};
      expect([method, path, (await anonymous.call(method, path, { body })).status]).toEqual([method, path, 401]);
      const forbidden = await sup.call(method, path, { csrf: true, body });
      expect([method, path, forbidden.status]).toEqual([method, path, 403]);
    }
    // The supervisor can still see who they are.
    expect((await sup.call('GET', '/api/v1/session')).status).toBe(200);
  });

  it('need the CSRF token for unsafe methods', async () => {
    const a = await admin();
    const body = { username: 'dan', name: 'Dan Wu', role: 'manager' };
    expect((await a.call('POST', '/api/v1/accounts', { body })).status).toBe(403);
    expect((await a.call('POST', '/api/v1/accounts', { body, csrf: 'forged' })).status).toBe(403);
    const created = await a.call('POST', '/api/v1/accounts', { body, csrf: true });
    expect(created.status).toBe(201);
    const { account } = (await created.json()) as { account: { id: string } };
    const patched = await a.call('PATCH', `/api/v1/accounts/${account.id}`, { csrf: true, body: { role: 'lead' } });
    expect(patched.status).toBe(400);
    expect(await patched.json()).toMatchObject({ field: 'teams' });
    const badRole = await a.call('PATCH', `/api/v1/accounts/${account.id}`, { csrf: true, body: { role: 'display' } });
    expect(await badRole.json()).toMatchObject({ field: 'role' });
    const missing = await a.call('PATCH', '/api/v1/accounts/acc_missing', { csrf: true, body: { name: 'x' } });
    expect(missing.status).toBe(404);
  });

  it('feed tokens: shown once, listed without the secret, revoked', async () => {
    const a = await admin();
    const created = await a.call('POST', '/api/v1/feed-tokens', { csrf: true, body: { name: 'Avaya adapter' } });
    expect(created.status).toBe(201);
    const { token, feedToken } = (await created.json()) as { token: string; feedToken: { id: string } };
    expect(await server.access.feedFromToken(token)).toMatchObject({ id: feedToken.id });
    const list = await a.call('GET', '/api/v1/feed-tokens');
    expect(JSON.stringify(await list.json())).not.toContain(token);
    expect((await a.call('DELETE', `/api/v1/feed-tokens/${feedToken.id}`, { csrf: true })).status).toBe(200);
    expect(await server.access.feedFromToken(token)).toBeNull();
  });
});

describe('pairing a TV', () => {
  it('code on the TV, admin pairs it, TV collects its token once, sees itself as a display, is revoked', async () => {
    const a = await admin();
    const tv = new Browser(server.base);
    const requested = await tv.call('POST', '/api/v1/tv/pair-requests');
    expect(requested.status).toBe(201);
    const ticket = (await requested.json()) as { id: string; code: string; pollToken: string };
    const poll = () => tv.call('GET', `/api/v1/tv/pair-requests/${ticket.id}`, { headers: { 'x-poll-token': ticket.pollToken } });

    expect(await (await poll()).json()).toEqual({ status: 'pending' });
    const noToken = await tv.call('GET', `/api/v1/tv/pair-requests/${ticket.id}`);
    expect(noToken.status).toBe(400);
    expect(await noToken.json()).toMatchObject({ field: 'x-poll-token' });

    const badCode = await a.call('POST', '/api/v1/displays', { csrf: true, body: { code: 'abc', name: 'TV' } });
    expect(await badCode.json()).toMatchObject({ field: 'code' });
    const paired = await a.call('POST', '/api/v1/displays', { csrf: true, body: { code: ticket.code.toLowerCase(), name: 'Seating area' } });
    expect(paired.status).toBe(201);
    const device = (await paired.json()) as { id: string };

    const collected = (await (await poll()).json()) as { status: string; deviceToken: string };
    expect(collected).toEqual({ status: 'paired', deviceToken: expect.any(String) });
    expect(await (await poll()).json()).toEqual({ status: 'paired' });

    const asTv = { headers: { authorization: `Bearer ${collected.deviceToken}` } };
    const me = await tv.call('GET', '/api/v1/session', asTv);
    expect(await me.json()).toEqual({ me: { kind: 'device', id: device.id, name: 'Seating area', role: 'display', teams: [], mustChangePassword: false } });
    expect((await tv.call('GET', '/api/v1/accounts', asTv)).status).toBe(403);
    expect((await a.call('GET', '/api/v1/displays')).status).toBe(200);

    expect((await a.call('DELETE', `/api/v1/displays/${device.id}`, { csrf: true })).status).toBe(200);
    expect((await tv.call('GET', '/api/v1/session', asTv)).status).toBe(401);
  });
});

describe('the audit log', () => {
  it('downloads as CSV and validates its query', async () => {
    const a = await admin();
    await new Browser(server.base).signIn('admin', 'not the password');
    const csv = await a.call('GET', '/api/v1/audit.csv?action=sign-in-failed');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="?floorwatch-audit-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,ip,detail');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d+,2026-11-28T08:00:00\.000Z,acc_\w+,sign-in-failed,acc_\w+,127\.0\.0\.1,"{""reason"":""wrong-password""}"$/);

    const json = await a.call('GET', '/api/v1/audit?action=audit-exported');
    expect(await json.json()).toEqual([expect.objectContaining({ action: 'audit-exported', ip: '127.0.0.1' })]);
    const typo = await a.call('GET', '/api/v1/audit?acter=x');
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ field: 'acter' });
  });
});

describe('errors', () => {
  it('never send a stack trace', async () => {
    const a = await admin();
    await server.store.close();
    const res = await a.call('GET', '/api/v1/accounts');
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('{"error":"internal error","code":"internal"}');
  });
});
