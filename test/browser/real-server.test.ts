/**
 * End to end against the real thing: `floorwatch serve` as a child process (SQLite, real
 * access, the built client it serves itself) driven in Chromium. The admin signs in with
 * the first password and is made to change it; a feed posts a ringing call and the tile
 * turns within a second; the 10 s ring alert shows on the alert desk and is acknowledged
 * with a note; a paired TV never shows the caller while the admin's view shows it masked;
 * the process is stopped (the floor and the TV say so) and started again on the same port
 * and database (the board recovers by itself).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_FIRST_PASSWORD, ADMIN_PASSWORD, createFeedToken, postEvents, signInAdmin, startServerProcess, type ServerProcess,
} from '../integration/server-process.js';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';

const SCREENSHOTS = 'test-results';
const CALLER = '13812345678';
const MASKED = '138****5678';
const ARGS = (db: string) => ['--db', db, '--reorder-window', '0', '--no-rules'];

const title = hasChromium
  ? 'the real server process in Chromium'
  : `the real server process in Chromium (SKIPPED: ${CHROMIUM_PATH} not found)`;

describe.skipIf(!hasChromium)(title, () => {
  let dir: string;
  let db: string;
  let feedToken: string;
  let server: ServerProcess | undefined;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let finished = false;

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `real-${name}.png`) });

  async function newPage(viewport: { width: number; height: number }, init: Record<string, string>): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    await context.addInitScript((entries) => {
      for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
    }, init);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.setDefaultTimeout(15_000);
    return page;
  }

  const post = (events: object[]) => postEvents(server!.url, feedToken, events);

  /** Signs in with a one-time password through the pages, is made to replace it, lands on the floor. */
  async function signInThroughPages(page: Page, username: string, first: string, chosen: string, shotPrefix: string) {
    const base = server!.url;
    await page.goto(base);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(first);
    if (shotPrefix === '') await shot(page, '1-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/password');
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('Current password', { exact: true }).fill(first);
    await page.getByLabel('New password', { exact: true }).fill(chosen);
    await page.getByLabel('Repeat the new password', { exact: true }).fill(chosen);
    if (shotPrefix === '') await shot(page, '2-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  beforeAll(async () => {
    await ensureClientBuilt();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-real-'));
    db = path.join(dir, 'floorwatch.db');
    feedToken = createFeedToken(db);
    server = await startServerProcess(ARGS(db));
    browser = await launchChromium();
  });

  afterAll(async () => {
    // On a failure, what each page showed at the end (the steps' shots stop where it broke).
    for (const [i, c] of finished ? [] : contexts.entries()) {
      for (const p of c.pages()) await p.screenshot({ path: path.join(SCREENSHOTS, `real-last-${i}.png`) }).catch(() => undefined);
    }
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, shows a ringing call and its alert, keeps the caller off the TV, and survives a restart', async () => {
    const base = server!.url;

    // (2) First sign-in with the one-time password: forced to choose a new one, then the floor.
    const admin = await newPage({ width: 1920, height: 1080 }, { 'floorwatch.locale': 'en' });
    await signInThroughPages(admin, 'admin', ADMIN_FIRST_PASSWORD, ADMIN_PASSWORD, '');
    await shot(admin, '3-floor-empty');

    // (3) A feed logs two agents in, then a call rings at 1001: its tile turns within a second.
    // Event time is 11 s in the past so the 10 s ring alert (answer-3-rings) is due at once.
    const t0 = Date.now() - 12_000;
    await post([
      { id: 'login-1001', type: 'agent.login', ts: t0, agentId: '1001', stationId: 'S-1', name: 'Li Na', teamId: 't1' },
      { id: 'login-1002', type: 'agent.login', ts: t0, agentId: '1002', stationId: 'S-2', name: 'Wang Wei', teamId: 't1' },
    ]);
    const tile = admin.locator('[data-agent="1001"]');
    await tile.and(admin.locator('.state-available')).waitFor();
    await admin.locator('[data-agent="1002"]').waitFor();
    await post([
      { id: 'offer-c1', type: 'call.offered', ts: t0 + 1_000, callId: 'c1', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'ring-c1', type: 'call.ringing', ts: t0 + 1_000, callId: 'c1', agentId: '1001' },
    ]);
    await tile.and(admin.locator('.state-ringing')).waitFor({ timeout: 1_000 });
    expect(await tile.innerText()).toMatch(/Ringing/);
    expect(await admin.content()).not.toContain(CALLER);
    await shot(admin, '4-floor-ringing');

    // (4) The alert desk. Admins administer and may not act on alerts (the server says 403),
    // so the admin creates a supervisor, who signs in through the pages like the admin did.
    const api = await signInAdmin(base);
    const created = await api.call('POST', '/api/v1/accounts', {
      csrf: true, body: { username: 'carla', name: 'Carla Mendes', role: 'supervisor' },
    });
    expect(created.status).toBe(201);
    const { oneTimePassword } = (await created.json()) as { oneTimePassword: string };
    const desk = await newPage({ width: 1920, height: 1080 }, { 'floorwatch.locale': 'en' });
    await signInThroughPages(desk, 'carla', oneTimePassword, 'Seven orchards hum beneath copper', 'supervisor');
    await desk.locator('[data-agent="1001"].state-ringing').waitFor();

    // (4) The alert desk lists answer-3-rings; acknowledged with a note it moves to today's history.
    await desk.goto(`${base}/alerts`);
    const open = desk.locator('.desk-open');
    const ring = open.locator('.desk-alert', { has: desk.locator('[data-rule="answer-3-rings"]') });
    await ring.waitFor();
    expect(await ring.innerText()).toMatch(/Call ringing at agent 1001/);
    await shot(desk, '5-alerts-open');
    await ring.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await ring.getByLabel('Note').fill('Spoke to Li Na, headset fault');
    await ring.getByRole('button', { name: 'Acknowledge alert' }).click();
    await desk.getByRole('status').filter({ hasText: 'Acknowledged: Call ringing at agent 1001' }).waitFor();
    await open.locator('.desk-alert', { has: desk.locator('[data-rule="answer-3-rings"]') }).waitFor({ state: 'detached' });
    await desk.locator('.desk-history .desk-alert', { has: desk.locator('[data-rule="answer-3-rings"]') }).waitFor();
    await desk.locator('.desk-history', { hasText: 'Spoke to Li Na, headset fault' }).waitFor();
    expect(await desk.locator('.desk-history').innerText()).toMatch(/Acknowledged\s+by Carla Mendes at \d\d:\d\d:\d\d — Note: Spoke to Li Na, headset fault/);
    await shot(desk, '6-alerts-acknowledged');

    // (5) Pair a TV through the API, as the admin; the TV collects its device token.
    const requested = await fetch(`${base}/api/v1/tv/pair-requests`, { method: 'POST' });
    expect(requested.status).toBe(201);
    const ticket = (await requested.json()) as { id: string; code: string; pollToken: string };
    const paired = await api.call('POST', '/api/v1/displays', { csrf: true, body: { code: ticket.code, name: 'Floor TV' } });
    expect(paired.status).toBe(201);
    const collected = await fetch(`${base}/api/v1/tv/pair-requests/${ticket.id}`, { headers: { 'x-poll-token': ticket.pollToken } });
    const { status, deviceToken } = (await collected.json()) as { status: string; deviceToken?: string };
    expect(status).toBe('paired');
    expect(deviceToken).toEqual(expect.any(String));

    const tvInit = { 'floorwatch.deviceToken': deviceToken!, 'floorwatch.locale': 'en' };
    const tv = await newPage({ width: 1920, height: 1080 }, tvInit);
    await tv.goto(`${base}/tv?lang=en&page=agents&pace=600`);
    await tv.locator('[data-agent="1001"]', { hasText: 'Ringing' }).waitFor();
    await tv.locator('.connection-state', { hasText: 'Live' }).waitFor();
    const tvHtml = await tv.content();
    expect(tvHtml).not.toContain(CALLER);
    expect(tvHtml).not.toContain('5678');
    await shot(tv, '7-tv-1080p');
    const tv4k = await newPage({ width: 3840, height: 2160 }, tvInit);
    await tv4k.goto(`${base}/tv?lang=en&page=agents&pace=600`);
    await tv4k.locator('[data-agent="1001"]', { hasText: 'Ringing' }).waitFor();
    expect(await tv4k.content()).not.toContain('5678');
    await shot(tv4k, '7-tv-4k');

    // The admin's view of the same alert shows the caller, masked.
    const alerts = await api.call('GET', '/api/v1/alerts');
    expect(alerts.status).toBe(200);
    const alertsJson = await alerts.text();
    expect(alertsJson).toContain('answer-3-rings');
    expect(alertsJson).toContain(MASKED);
    expect(alertsJson).not.toContain(CALLER);

    // (6) The process stops: the floor page and the TV both say the data stopped.
    await admin.goto(base);
    await tile.and(admin.locator('.state-ringing')).waitFor();
    const port = Number(new URL(base).port);
    expect(await server!.stop('SIGTERM')).toBe(0);
    const floorBanner = admin.locator('.connection-banner[role="alert"]');
    // A quiet floor may first say "no data since" (nothing for 10 s while the server shuts
    // down); once the link is found down the banner says so.
    await floorBanner.filter({ hasText: /Connection to the floor lost/ }).waitFor({ timeout: 30_000 });
    await shot(admin, '8-floor-down');
    const tvBanner = tv.locator('.tv-stale[role="alert"]');
    await tvBanner.waitFor();
    expect(await tvBanner.innerText()).toMatch(/No data since \d\d:\d\d:\d\d/);
    expect(await tv.locator('.agent-tile').count()).toBe(0);
    await shot(tv, '8-tv-down');

    // Started again on the same port and database: both recover without a reload.
    server = await startServerProcess(ARGS(db), 30_000, port);
    expect(server.url).toBe(base);
    await floorBanner.waitFor({ state: 'detached', timeout: 30_000 });
    await tile.and(admin.locator('.state-ringing')).waitFor();
    await shot(admin, '9-floor-recovered');
    await tvBanner.waitFor({ state: 'detached', timeout: 30_000 });
    await tv.locator('[data-agent="1001"]', { hasText: 'Ringing' }).waitFor();
    await tv.locator('.connection-state', { hasText: 'Live' }).waitFor();
    expect(await tv.content()).not.toContain('5678');
    await shot(tv, '9-tv-recovered');

    expect(pageErrors).toEqual([]);
    finished = true;
  }, 180_000);
});
