/**
 * The notifications admin page in Chromium, against the real access control and the real
 * notifier (SQLite, its sender running on real time): an administrator adds a webhook
 * channel pointing at a local receiver and presses "send a test message" (it arrives,
 * signed); adds a recipient and a route; a critical alert's notification is refused by
 * the receiver and lands on the dead-letter list; "Resend" delivers it.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessEdge } from '../../server/access/edge.js';
import { createMemoryAccessStore } from '../../server/access/memory-store.js';
import { FAST_TEST_PARAMS } from '../../server/access/passwords.js';
import { createAccessService } from '../../server/access/service/access-service.js';
import { createApplication, type Application } from '../../server/app.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../server/notify/channels/webhook.js';
import type { DeliveryEvent } from '../../server/notify/delivery/sender.js';
import { createNotifier, type Notifier } from '../../server/notify/notifier.js';
import { startHttpReceiver, type HttpReceiver } from '../integration/notify-harness.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { openTestFloor, type TestFloor } from './floor-server.js';

const SCREENSHOTS = 'test-results';
const T0 = Date.parse('2026-11-28T09:00:00+08:00');
const INITIAL = 'first-start-password-for-notify';
const STRONG = 'Copper kettle 93 over the bridge';
const SECRET = 'browser-test-secret-42';

const title = hasChromium
  ? 'the notifications admin page in Chromium'
  : `the notifications admin page in Chromium (SKIPPED: ${CHROMIUM_PATH} not found; apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let receiver: HttpReceiver;
  let test: TestFloor;
  let notifier: Notifier;
  let app: Application;
  let base: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const events: DeliveryEvent[] = [];

  beforeAll(async () => {
    const staticDir = await ensureClientBuilt();
    receiver = await startHttpReceiver();
    const logger = pino({ level: 'silent' });
    test = await openTestFloor(T0);
    const access = createAccessService({ store: createMemoryAccessStore(), clock: { now: () => Date.now() }, logger, passwordParams: FAST_TEST_PARAMS });
    await access.bootstrapAdmin({ envPassword: INITIAL });
    const adminId = (await access.listAccounts())[0].id;
    await access.createAccount({ username: 'lead-a', name: 'Lead A', role: 'lead', teams: ['A'] }, adminId);
    const edge = createAccessEdge(access, logger, false);
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-notify-browser-')), 'floor.db');
    notifier = await createNotifier({ db, floor: test.floor, accounts: access, audit: access, logger, requireViewer: edge.requireViewer });
    notifier.sender.on((e) => events.push(e));
    app = createApplication({ floor: test.floor, logger, staticDir, access: edge, notify: notifier.router });
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    await notifier.start({ serverUrl: base, pollMs: 250 });

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.locale', 'en'));
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) pageErrors.push(msg.text());
    });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await notifier?.close();
    await test?.floor.close();
    await receiver?.close();
  });

  it('signs in as the administrator and opens the Notifications page from the admin navigation', async () => {
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(INITIAL);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/password');
    await page.getByLabel('Current password', { exact: true }).fill(INITIAL);
    await page.getByLabel('New password', { exact: true }).fill(STRONG);
    await page.getByLabel('Repeat the new password', { exact: true }).fill(STRONG);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL((url) => url.pathname !== '/password');
    await page.goto(`${base}/admin/accounts`);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Notifications' }).click();
    await page.waitForURL('**/admin/notifications');
    await page.getByRole('heading', { name: 'Channels' }).waitFor();
    await page.getByText('none (only what is set on this page)').waitFor();
  });

  it('adds a webhook channel to a local receiver; "send a test message" arrives there, signed', async () => {
    await page.getByRole('button', { name: 'Add a channel' }).click();
    const form = page.getByRole('form', { name: 'Add a channel' });
    await form.getByLabel('Name', { exact: true }).fill('Ops receiver');
    await form.getByLabel('Address (URL)').fill('not a url');
    await form.getByLabel('Secret').fill(SECRET);
    await form.getByRole('button', { name: 'Save' }).click();
    // The server's refusal lands on the field it names.
    await form.locator('#channel-new-url-error').waitFor();
    await form.getByLabel('Address (URL)').fill(`${receiver.url}/ops`);
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.locator('tr', { has: page.getByRole('rowheader', { name: /Ops receiver/ }) });
    await row.waitFor();
    expect(await row.innerText()).not.toContain(SECRET);

    await page.getByRole('button', { name: 'Send a test message: Ops receiver' }).click();
    await page.getByRole('status').filter({ hasText: 'The test message arrived' }).waitFor();
    const [req] = await receiver.received(1);
    expect(req.url).toBe('/ops');
    expect(verifyWebhookSignature({ secret: SECRET, body: req.body, timestamp: req.headers[TIMESTAMP_HEADER] as string, signature: req.headers[SIGNATURE_HEADER] as string })).toEqual({ ok: true });
    expect(JSON.parse(req.body)).toMatchObject({ type: 'test', title: '[Test message] Floorwatch' });
    await row.getByText('Working').waitFor();
  });

  it('a recipient and a route; a refused notification is a dead letter, and "Resend" delivers it', async () => {
    await page.getByRole('button', { name: 'Add a recipient' }).click();
    const who = page.getByRole('form', { name: 'Add a recipient' });
    await who.getByLabel('Name', { exact: true }).fill('Lead A');
    await who.getByLabel('Account (username)').fill('lead-a');
    await who.getByLabel('Message language').selectOption('en');
    await who.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: /Lead A/ }).waitFor();

    await page.getByRole('button', { name: 'Add a route' }).click();
    const route = page.getByRole('form', { name: 'Add a route' });
    await route.getByLabel('Name', { exact: true }).fill('Critical up the chain');
    await route.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: /Critical up the chain/ }).waitFor();

    // The receiver refuses (a 4xx: trying again cannot help), so the notification is a dead letter at once.
    receiver.reply = () => ({ status: 403, body: 'forbidden by the proxy' });
    const dead = new Promise<void>((resolve) => notifier.sender.on((e) => e.type === 'dead' && resolve()));
    const at = (s: number) => T0 + s * 1000;
    await test.floor.ingest([
      { id: 'e1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', teamId: 'A' },
      { id: 'e2', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'cards', direction: 'inbound', from: '13812345678' },
      { id: 'e3', type: 'call.answered', ts: at(2), callId: 'c1', agentId: '1001' },
      { id: 'e4', type: 'transcript.utterance', ts: at(3), callId: 'c1', speaker: 'agent', agentId: '1001', text: '我不知道' },
    ]);
    await test.advanceTo(4);
    await dead;
    await page.getByRole('button', { name: 'Refresh' }).click();
    const deadList = page.getByRole('region', { name: 'Dead letters' });
    const deadRow = deadList.locator('tr', { hasText: 'forbidden-phrases (68)' });
    await deadRow.waitFor();
    expect(await deadRow.innerText()).toContain('answered 403 Forbidden');
    expect(await deadRow.innerText()).not.toContain('forbidden by the proxy');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications-dead-letter.png'), fullPage: true });

    receiver.reply = () => ({ status: 200, body: 'ok' });
    const sent = new Promise<void>((resolve) => notifier.sender.on((e) => e.type === 'sent' && resolve()));
    await deadRow.getByRole('button', { name: /^Resend: / }).click();
    await sent;
    await page.getByRole('button', { name: 'Refresh' }).click();
    await deadList.getByText('No dead letters.').waitFor();
    const recent = page.getByRole('region', { name: 'Recent notifications' });
    await recent.locator('tr', { hasText: 'forbidden-phrases (68)' }).getByText('Delivered').waitFor();
    const delivered = receiver.requests.at(-1)!;
    expect(delivered.headers[DELIVERY_HEADER]).toMatch(/^al-\d+:lead:rc-[0-9a-f]{8}:ch-[0-9a-f]{8}$/);
    expect(delivered.body).not.toContain('13812345678');
    expect(events.map((e) => e.type)).toEqual(['dead', 'sent']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications-admin.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('edits a route in place (its form names it), and deletes it after asking once more', async () => {
    const routeRow = () => page.locator('tr', { has: page.getByRole('rowheader', { name: /Critical up the chain/ }) });
    await page.getByRole('button', { name: 'Edit: Critical up the chain' }).click();
    const edit = page.getByRole('form', { name: 'Edit route: Critical up the chain' });
    await page.getByRole('heading', { name: 'Edit route: Critical up the chain' }).waitFor();
    await edit.getByLabel('Name', { exact: true }).fill('Critical, renamed');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('rowheader', { name: /Critical, renamed/ }).waitFor();
    expect(await routeRow().count()).toBe(0);

    await page.getByRole('button', { name: 'Delete: Critical, renamed' }).click();
    await page.getByRole('group', { name: 'Delete: Critical, renamed' }).getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByRole('rowheader', { name: /Critical, renamed/ }).waitFor({ state: 'detached' });
    expect(pageErrors).toEqual([]);
  });
});
