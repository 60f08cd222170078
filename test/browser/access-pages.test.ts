/**
 * Access control as people and TVs meet it, in Chromium against the real access service:
 * the first admin's forced password change (the server's own reasons for refusing a weak
 * one on screen), pairing a TV by the code it shows, the TV's read-only floor with no
 * customer number, revoking it (it goes back to a code), a session ended elsewhere,
 * signing out, a lockout that says when to try again, and a refusal said in Chinese.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../server/access/passwords.js';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { ADMIN_INITIAL_PASSWORD, startSecuredServer, type SecuredServer } from './secured-server.js';

const SCREENSHOTS = 'test-results';
const CALLER = '13812345678';
/** 2026-11-28 09:00:00 in Asia/Shanghai, the default rules' time zone. */
const T0 = Date.parse('2026-11-28T09:00:00+08:00');
const at = (seconds: number) => T0 + seconds * 1000;
const STRONG = 'Copper kettle 93 over the bridge';
const WEAK = 'password123';
const TV_NAME = 'Floor 2, north wall';
const DEVICE_TOKEN_KEY = 'floorwatch.deviceToken';

const title = hasChromium
  ? 'sign-in, password change and TV pairing in Chromium'
  : `sign-in, password change and TV pairing in Chromium (SKIPPED: ${CHROMIUM_PATH} not found; apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let server: SecuredServer;
  let browser: Browser;
  let admin: Page;
  let tvContext: BrowserContext;
  const pageErrors: string[] = [];

  /** Uncaught exceptions and console errors; a refused request's "Failed to load resource" is expected here. */
  function watchErrors(page: Page): Page {
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(msg.text());
    });
    page.setDefaultTimeout(10_000); // fail with the locator's name well inside the test's 30 s
    return page;
  }

  beforeAll(async () => {
    const clientDir = await ensureClientBuilt();
    server = await startSecuredServer(T0, clientDir);
    // Straight into the floor, as a feed's validated events would arrive.
    const outcome = await server.floor.ingest([
      { id: 'e1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', name: 'Li Na', teamId: 't1' },
      { id: 'e2', type: 'agent.login', ts: at(0), agentId: '1002', stationId: 'S-2', name: 'Wang Wei', teamId: 't1' },
      { id: 'e3', type: 'agent.login', ts: at(0), agentId: '1003', stationId: 'S-3', name: 'Zhang Min', teamId: 't1', role: 'lead' },
      { id: 'e4', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'e5', type: 'call.ringing', ts: at(1), callId: 'c1', agentId: '1002' },
      { id: 'e6', type: 'call.answered', ts: at(2), callId: 'c1', agentId: '1002' },
      // No greeting, and the number read out: the greeting alert's sensitive text holds it.
      { id: 'e7', type: 'transcript.utterance', ts: at(3), callId: 'c1', speaker: 'agent', agentId: '1002', text: `You are calling from ${CALLER}?` },
    ]);
    expect(outcome).toMatchObject({ accepted: 7, refused: [] });
    await server.advanceTo(8);
    browser = await launchChromium();
    const adminContext = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    // The pages default to Simplified Chinese; these checks read the English catalogue.
    await adminContext.addInitScript(() => localStorage.setItem('floorwatch.locale', 'en'));
    admin = watchErrors(await adminContext.newPage());
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  const adminId = async () => (await server.access.listAccounts()).find((a) => a.username === 'admin')!.id;

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says a refused sign-in in Chinese, the pages\' default language, by the refusal\'s code', async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = watchErrors(await context.newPage());
    // A signed-out page load asks who is there (`?optional=1`) and logs nothing, not even a 401.
    const onLoad: string[] = [];
    const noteError = (msg: ConsoleMessage) => { if (msg.type() === 'error') onLoad.push(msg.text()); };
    page.on('console', noteError);
    await page.goto(`${server.base}/`);
    await page.waitForURL('**/sign-in');
    await page.getByRole('button', { name: '登录' }).waitFor();
    page.off('console', noteError);
    expect(onLoad).toEqual([]);
    // An unknown user, so no account comes nearer its lockout.
    await page.getByLabel('用户名').fill('nobody');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误。' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-zh.png') });
    await context.close();
  });

  it('forces the first admin from the initial password to a strong one, showing the server\'s reasons', async () => {
    await admin.goto(server.base);
    await admin.waitForURL('**/sign-in');

    await admin.getByLabel('Username').fill('admin');
    await admin.getByLabel('Password').fill('not-the-password');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'sign-in.png') });

    // Enter submits, from the keyboard.
    await admin.getByLabel('Password').fill(ADMIN_INITIAL_PASSWORD);
    await admin.getByLabel('Password').press('Enter');
    await admin.waitForURL('**/password');
    await admin.getByRole('heading', { name: 'Choose a new password' }).waitFor();

    // Nothing else is reachable until the password is changed.
    await admin.goto(`${server.base}/admin/displays`);
    await admin.waitForURL('**/password');

    const current = admin.getByLabel('Current password', { exact: true });
    const next = admin.getByLabel('New password', { exact: true });
    const repeat = admin.getByLabel('Repeat the new password', { exact: true });
    const submit = admin.getByRole('button', { name: 'Change password' });

    await current.fill(ADMIN_INITIAL_PASSWORD);
    await next.fill(STRONG);
    await repeat.fill(`${STRONG}!`);
    await submit.click();
    await admin.getByText('The two new passwords are not the same.').waitFor();

    await next.fill(WEAK);
    await repeat.fill(WEAK);
    await submit.click();
    const refusal = admin.getByRole('alert').filter({ hasText: 'Your password was not changed' });
    await refusal.waitFor();
    const expected = await passwordProblems(WEAK, { username: 'admin', name: 'Administrator', initialPassword: ADMIN_INITIAL_PASSWORD });
    expect(expected.length).toBeGreaterThan(0);
    expect(await refusal.locator('li').allInnerTexts()).toEqual(expected);
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'password.png') });

    await next.fill(STRONG);
    await repeat.fill(STRONG);
    await submit.click();
    await admin.waitForURL(`${server.base}/`);
    await admin.locator('.agent-tile').nth(2).waitFor();
    await admin.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await admin.locator('.account').innerText()).toContain('Administrator');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'floor-admin.png') });
  });

  it('pairs a TV by its code, shows it the floor read-only without the caller, and re-pairs it once revoked', async () => {
    tvContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const tv = watchErrors(await tvContext.newPage());
    await tv.goto(`${server.base}/tv?lang=en&page=agents&pace=600`);
    const code = (await tv.locator('.pairing-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-pairing.png') });

    await admin.getByRole('link', { name: 'Admin', exact: true }).click();
    await admin.waitForURL('**/admin/accounts');
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Displays' }).click();
    await admin.waitForURL('**/admin/displays');
    // A code no TV shows is refused by its code (pairCodeUnknown), in the reader's language,
    // and said again in the other one when the reader switches.
    await admin.getByLabel('Code on the TV').fill(code === 'ZZZZZ9' ? 'ZZZZZ8' : 'ZZZZZ9');
    await admin.getByLabel('Display name').fill(TV_NAME);
    await admin.getByRole('button', { name: 'Pair display' }).click();
    await admin.locator('.pair-form').getByText('No display is showing that code (it may have expired).').waitFor();
    await admin.locator('.language-switch').click();
    await admin.locator('.pair-form').getByText('没有电视屏显示此代码（可能已过期）。').waitFor();
    expect(await admin.locator('.pair-form').innerText()).not.toContain('No display');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'pair-wrong-code-zh.png') });
    await admin.locator('.language-switch').click();
    await admin.getByLabel('Code on the TV').fill(code.toLowerCase());
    await admin.getByLabel('Display name').fill(TV_NAME);
    await admin.getByRole('button', { name: 'Pair display' }).click();
    await admin.getByRole('status').filter({ hasText: `“${TV_NAME}” is paired` }).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(TV_NAME) });
    await row.getByText('Active', { exact: true }).waitFor();

    // The TV collects its token on its next poll and opens the floor with it.
    const tiles = tv.locator('.agent-tile');
    await tiles.nth(2).waitFor();
    expect(await tiles.count()).toBe(3);
    expect(await tv.locator('[data-agent="1002"]').innerText()).toMatch(/Wang Wei[\s\S]*Talking/);
    await tv.locator('.connection-state', { hasText: 'Live' }).waitFor();
    expect(await tv.locator('button, input, a').count()).toBe(0);
    expect(await tv.evaluate((key) => localStorage.getItem(key), DEVICE_TOKEN_KEY)).toMatch(/.{20,}/);
    expect(await tvContext.cookies()).toEqual([]);

    // Deltas reach it too; a restarted TV keeps its pairing.
    await server.floor.ingest([{ id: 'e8', type: 'agent.state', ts: at(9), agentId: '1003', state: 'not_ready', reason: 'meal' }]);
    await server.advanceTo(10);
    await tv.locator('[data-agent="1003"]', { hasText: 'Not ready · meal' }).waitFor();
    await tv.reload();
    await tv.locator('[data-agent="1003"]', { hasText: 'Not ready · meal' }).waitFor();
    expect(await tv.content()).not.toContain(CALLER);
    expect(await tv.locator('body').innerText()).not.toContain(CALLER);
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-floor.png') });

    // Revoking asks once more; Cancel hands the keyboard focus back to the Revoke button.
    const revoke = row.getByRole('button', { name: `Revoke ${TV_NAME}` });
    await revoke.click();
    await row.getByRole('button', { name: 'Cancel' }).press('Enter');
    await revoke.waitFor();
    expect(await revoke.evaluate((el) => el === document.activeElement)).toBe(true);
    await revoke.click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await row.getByText('Revoked', { exact: true }).waitFor();
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin-displays.png') });

    // Cut off by the server, refused on reconnecting: the TV forgets its token and pairs again.
    await tv.locator('.pairing-code').waitFor();
    expect((await tv.locator('.pairing-code').innerText()).trim()).toMatch(/^[A-Z0-9]{6}$/);
    expect(await tv.evaluate((key) => localStorage.getItem(key), DEVICE_TOKEN_KEY)).toBeNull();
    expect(await tv.locator('.agent-tile').count()).toBe(0);
  });

  it('sends a person whose session is ended elsewhere to sign-in, and signs out', async () => {
    await admin.getByRole('link', { name: 'Floor' }).click();
    await admin.locator('.agent-tile').nth(2).waitFor();
    // The server cuts the floor socket; its reconnection is refused; the page asks and learns why.
    await server.access.signOutEverywhere(await adminId());
    await admin.waitForURL('**/sign-in');
    await admin.getByText('Your session has ended. Sign in again to continue.').waitFor();

    await admin.getByLabel('Username').fill('admin');
    await admin.getByLabel('Password').fill(STRONG);
    await admin.getByLabel('Password').press('Enter');
    await admin.waitForURL(`${server.base}/`);
    await admin.getByRole('button', { name: 'Sign out' }).click();
    await admin.waitForURL('**/sign-in');
    await admin.goto(server.base);
    await admin.waitForURL('**/sign-in');
  });

  it('tells a locked-out person when to try again', async () => {
    await server.access.createAccount({ username: 'sam', name: 'Sam Lee', role: 'supervisor', teams: [] }, await adminId());
    // Four failures elsewhere; the fifth, on this page, locks the account (default policy: 15 minutes).
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.base}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'sam', password: `guess-${i}` }),
      });
      expect(res.status).toBe(401);
    }
    await admin.getByLabel('Username').fill('sam');
    await admin.getByLabel('Password').fill('guess-4');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('alert').filter({ hasText: /Too many failed sign-in attempts\. Try again in 15 minutes \(at \d{1,2}:\d\d/ }).waitFor();
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'sign-in-locked.png') });
    expect(pageErrors).toEqual([]);
  });

  it('lets the admin create a shift lead (password shown once), a feed token, read the rules and the audit log, and export it', async () => {
    await admin.setViewportSize({ width: 1920, height: 1080 });
    await admin.goto(`${server.base}/admin/accounts`);
    await admin.waitForURL('**/sign-in?next=%2Fadmin%2Faccounts');
    await admin.getByLabel('Username').fill('admin');
    await admin.getByLabel('Password').fill(STRONG);
    await admin.getByLabel('Password').press('Enter');
    await admin.waitForURL('**/admin/accounts');
    await admin.getByRole('heading', { name: 'Accounts and roles' }).waitFor();

    // A shift lead without a team is refused on the page, under the field.
    const create = admin.getByRole('form', { name: 'Create an account' });
    await create.getByLabel('Username').fill('lin.wu');
    await create.getByLabel('Name', { exact: true }).fill('Lin Wu');
    await create.getByLabel('Role').selectOption('lead');
    await create.getByRole('button', { name: 'Create account' }).click();
    await create.getByText('A shift lead needs at least one team').waitFor();
    expect(await create.getByLabel('Teams').evaluate((el) => el === document.activeElement)).toBe(true);
    await create.getByLabel('Teams').fill('t1');
    await create.getByRole('button', { name: 'Create account' }).click();

    // Its one-time password, once, with the warning; it works (and must be changed).
    const secret = admin.getByTestId('one-time-secret');
    await secret.getByRole('heading', { name: 'One-time password for lin.wu' }).waitFor();
    expect(await secret.getByRole('alert').textContent()).toContain('Shown once.');
    const oneTimePassword = (await secret.locator('.secret-value').innerText()).trim();
    expect(oneTimePassword.length).toBeGreaterThanOrEqual(10);
    const row = admin.locator('tr[data-account="lin.wu"]');
    expect(await row.innerText()).toMatch(/Lin Wu[\s\S]*Shift lead[\s\S]*t1[\s\S]*Must change password/);
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin-accounts.png') });
    const signIn = await fetch(`${server.base}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lin.wu', password: oneTimePassword }),
    });
    expect(signIn.status).toBe(200);
    expect((await signIn.json()).me).toMatchObject({ role: 'lead', teams: ['t1'], mustChangePassword: true });
    await secret.getByRole('button', { name: /I have passed it on/ }).click();
    await secret.waitFor({ state: 'detached' });
    await admin.reload();
    await row.waitFor();
    expect(await admin.content()).not.toContain(oneTimePassword);

    // A feed token: shown once, listed as never used.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Feed tokens' }).click();
    await admin.waitForURL('**/admin/feed-tokens');
    await admin.getByLabel('Token name').fill('PBX connector');
    await admin.getByRole('button', { name: 'Create token' }).click();
    await admin.getByTestId('one-time-secret').getByRole('heading', { name: 'Feed token “PBX connector”' }).waitFor();
    expect((await admin.getByTestId('one-time-secret').locator('.secret-value').innerText()).trim()).toMatch(/.{20,}/);
    const tokenRow = admin.getByRole('row', { name: /PBX connector/ });
    expect(await tokenRow.innerText()).toMatch(/admin[\s\S]*Never[\s\S]*Active/);

    // The rules in force, with their articles.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Rules in force' }).click();
    await admin.waitForURL('**/admin/rules');
    const answer = admin.locator('[data-rule="answer-3-rings"]');
    await answer.waitFor();
    expect(await answer.textContent()).toMatch(/Art\. 60.*Answer within 3 rings.*On.*Severity.*Warning.*Notifies first.*Shift lead.*Ring limit.*10 s/);
    expect(await admin.locator('.rule-card').count()).toBe(16);
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin-rules.png'), fullPage: false });

    // The audit log: today, newest first, with the account just created; the CSV has the same.
    await admin.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Audit log' }).click();
    await admin.waitForURL('**/admin/audit');
    const created = admin.locator('tr[data-action="account-created"]', { hasText: 'lin.wu' });
    await created.waitFor();
    const actions = await admin.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions[0]).toBe('feed-token-created');
    expect(actions).toContain('sign-in');
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin-audit.png') });

    await admin.getByLabel('Action').fill('account-created');
    await admin.getByRole('button', { name: 'Filter', exact: true }).click();
    await admin.waitForFunction(() => [...document.querySelectorAll('tbody tr')].every((r) => r.getAttribute('data-action') === 'account-created'));
    const href = await admin.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/audit\.csv\?from=\d+&to=\d+&action=account-created$/);
    const csv = await admin.evaluate(async (url) => {
      const res = await fetch(url!);
      return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
    }, href);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.disposition).toMatch(/^attachment; filename="?floorwatch-audit-\d{4}-\d\d-\d\d\.csv"?$/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('seq,at,actor,action,target,ip,detail');
    expect(lines.some((l) => l.includes(',account-created,') && l.includes('lin.wu'))).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',account-created,'))).toBe(true);

    // In Chinese, the log's times are the centre's (the rules' Asia/Shanghai) in Chinese,
    // like the header clock: not the browser's locale and zone.
    // The API answers oldest first: lin.wu's account is the last created.
    const createdEntry = (await admin.evaluate(async () => (await (await fetch('/api/v1/audit?action=account-created')).json()) as Array<{ at: number }>)).at(-1)!;
    await admin.getByRole('button', { name: 'Language: 中文' }).click();
    await admin.getByRole('heading', { name: '审计日志' }).waitFor();
    const shanghai = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Shanghai', hourCycle: 'h23' });
    expect(await created.locator('td').first().innerText()).toBe(shanghai.format(createdEntry.at));
    await admin.screenshot({ path: path.join(SCREENSHOTS, 'admin-audit-zh.png') });
    await admin.getByRole('button', { name: '界面语言: English' }).click();
    expect(pageErrors).toEqual([]);
  });
});
