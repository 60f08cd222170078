/**
 * The frame of the pages in Chromium, with the real access control and a simulated floor
 * (two teams, a dozen rules checked): every page has the language switch, sign-in and the
 * forced password page included; the header fits a 390 px phone without sideways
 * scrolling and never breaks a label between its characters; a shift lead who asks for
 * another team's floor is told why, in the page's language, and shown the way to their
 * own; the compliance chart names every bar, in the page's language; a TV's lead mark
 * stays on one line beside an alert count.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import { simulateFloor, simulatePlan } from '../../server/simulate/simulate.js';
import type { Browser as ApiSession } from '../integration/access/access-server.js';
import { addPerson, pairedTvToken, signIn as apiSignIn } from '../helpers/secured-floor.js';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { ADMIN_INITIAL_PASSWORD, startSecuredServer, type SecuredServer } from './secured-server.js';

const SHOTS = 'test-results/layout';
/** 2026-11-28 08:30 in Asia/Shanghai: the simulated shift starts. */
const T0 = Date.parse('2026-11-28T08:30:00+08:00');
const MINUTES = 20;
const PHONE = { width: 390, height: 844 };

const title = hasChromium
  ? 'the pages\' frame in Chromium: language switch, header fit, refusals, chart labels'
  : `the pages' frame in Chromium (SKIPPED: ${CHROMIUM_PATH} not found)`;

/**
 * The labels (tabs, buttons, pills) that take more than one line: their text's line boxes
 * at more than one height. A label cut between its characters is what this catches.
 */
function wrappedLabels(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].flatMap((el) => {
    // The text's own line boxes (not a status dot's or an icon's box beside it).
    const texts: Node[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) if (walker.currentNode.textContent!.trim() !== '') texts.push(walker.currentNode);
    const tops = texts.flatMap((text) => {
      const range = document.createRange();
      range.selectNodeContents(text);
      return [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => r.top);
    });
    const lines = tops.filter((top, i) => tops.findIndex((other) => Math.abs(other - top) < 4) === i).length;
    return lines > 1 ? [(el as HTMLElement).innerText] : [];
  }), selector);
}

const HEADER_LABELS = '.header .button, .header .site-nav-link, .header .connection-state, .header .demo-badge-tag';

describe.skipIf(!hasChromium)(title, () => {
  let server: SecuredServer;
  let browser: Browser;
  let admin: ApiSession;
  let supervisor: ApiSession;
  let lead: ApiSession;
  let freshPassword: string;
  let tvToken: string;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  /** A page in a fresh context, signed in as `who` (its session cookies), in `locale`. */
  async function newPage(viewport: { width: number; height: number }, who?: ApiSession, locale?: 'en'): Promise<Page> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    if (who !== undefined) {
      await context.addCookies([...who.cookies].map(([name, value]) => ({ name, value, url: server.base })));
    }
    if (locale !== undefined) await context.addInitScript((l) => localStorage.setItem('floorwatch.locale', l), locale);
    const page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    page.setDefaultTimeout(15_000);
    return page;
  }

  const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  beforeAll(async () => {
    const clientDir = await ensureClientBuilt();
    mkdirSync(SHOTS, { recursive: true });
    server = await startSecuredServer(T0, clientDir);
    // A simulated morning with its plan first, as the demo imports it (some of the plan's
    // agents never log in), then fed as a feed sends it: each half minute, the next half
    // minute's events. The first MINUTES of an hour's shift, so the plan still has everyone on it.
    const simulation = { seed: 7, agents: 24, start: T0, durationMs: 60 * 60_000 };
    expect((await server.floor.changeSchedule({ op: 'upsert', ...simulatePlan(simulation) })).ok).toBe(true);
    const events: FloorEvent[] = [...simulateFloor(simulation)]
      .map((e) => floorEventSchema.parse(e));
    let next = 0;
    for (let s = 0; s <= MINUTES * 60; s += 30) {
      await server.advanceTo(s);
      let end = next;
      while (end < events.length && events[end].ts < T0 + (s + 30) * 1000) end++;
      if (end > next) await server.floor.ingest(events.slice(next, end));
      next = end;
    }
    // A call left ringing at the shift lead 1001: an open alert on a lead's tile.
    const at = (s: number) => new Date(T0 + (MINUTES * 60 + s) * 1000).toISOString();
    const outcome = await server.floor.ingest([
      { id: 'lead-1', type: 'call.offered', ts: at(1), callId: 'lead-call', queue: 'general', direction: 'inbound', from: '13900000001' },
      { id: 'lead-2', type: 'call.ringing', ts: at(1), callId: 'lead-call', agentId: '1001' },
    ].map((e) => floorEventSchema.parse(e)));
    expect(outcome.refused).toEqual([]);
    await server.advanceTo(MINUTES * 60 + 20);
    expect(server.floor.snapshot().agents.find((a) => a.agentId === '1001')?.openAlerts).toBeGreaterThan(0);

    admin = await apiSignIn(server.base, 'admin', ADMIN_INITIAL_PASSWORD);
    supervisor = await addPerson(admin, server.base, 'sup', 'supervisor');
    lead = await addPerson(admin, server.base, 'lead2', 'lead', ['team-02']);
    const fresh = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username: 'fresh', name: 'Zhou Lan', role: 'lead', teams: ['team-01'] } });
    expect(fresh.status).toBe(201);
    freshPassword = ((await fresh.json()) as { oneTimePassword: string }).oneTimePassword;
    tvToken = await pairedTvToken(server.access);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  it('has the language switch on sign-in and on the forced password page', async () => {
    const page = await newPage({ width: 1280, height: 800 });
    await page.goto(`${server.base}/sign-in`);
    const heading = page.locator('#auth-title');
    await heading.filter({ hasText: '登录' }).waitFor();
    expect(await wrappedLabels(page, '.auth-language .button')).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'sign-in-zh.png') });
    await page.locator('.language-switch', { hasText: 'English' }).click();
    await heading.filter({ hasText: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Username').fill('fresh');
    await page.getByLabel('Password').fill(freshPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/password');
    await heading.filter({ hasText: 'Choose a new password' }).waitFor();
    await page.locator('.language-switch', { hasText: '中文' }).click();
    await heading.filter({ hasText: '设置新密码' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'password-forced-zh.png') });

    const phone = await newPage(PHONE);
    await phone.goto(`${server.base}/sign-in`);
    await phone.locator('.language-switch').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  it('fits a 390 px phone on the floor, alert, handover and points pages, with the language switch on each', async () => {
    const page = await newPage(PHONE, supervisor);
    const pages = [['/', '.agent-tile'], ['/alerts', '#desk-title'], ['/handover', '#page-title'], ['/points', '#page-title']] as const;
    for (const [where, ready] of pages) {
      await page.goto(server.base + where);
      await page.locator(ready).first().waitFor();
      await page.locator('.header .site-nav').waitFor();
      expect(await page.locator('.header .language-switch').count(), where).toBe(1);
      expect(await scrollWidth(page), where).toBeLessThanOrEqual(PHONE.width);
      expect(await wrappedLabels(page, HEADER_LABELS), where).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `phone${where === '/' ? '-floor' : where.replace('/', '-')}.png`) });
    }
    expect(errors).toEqual([]);
  });

  it('keeps every header label on one line at 1280 px in Chinese and 1920 px in English', async () => {
    for (const [viewport, locale] of [[{ width: 1280, height: 720 }, undefined], [{ width: 1920, height: 1080 }, 'en']] as const) {
      const page = await newPage(viewport, supervisor, locale);
      for (const where of ['/', '/alerts']) {
        await page.goto(server.base + where);
        await page.locator('.header .account').waitFor();
        await page.locator('.header .connection-state').waitFor();
        expect(await wrappedLabels(page, HEADER_LABELS), `${where} at ${viewport.width}`).toEqual([]);
        expect(await wrappedLabels(page, '.header .account-name'), `${where} at ${viewport.width}`).toEqual([]);
        expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
        // One row: every item's middle within a few pixels of the others'.
        const middles = await page.locator('.header > *').evaluateAll((items) => items.map((i) => {
          const box = i.getBoundingClientRect();
          return box.top + box.height / 2;
        }));
        expect(Math.max(...middles) - Math.min(...middles), `${where} at ${viewport.width}`).toBeLessThan(8);
      }
      await page.screenshot({ path: path.join(SHOTS, `alerts-${viewport.width}${locale === undefined ? '' : `-${locale}`}.png`) });
    }
    expect(errors).toEqual([]);
  });

  it('tells a lead who asks for another team why, in Chinese, and links to their own floor', async () => {
    const page = await newPage({ width: 1280, height: 800 }, lead);
    await page.goto(`${server.base}/?teams=team-01`);
    const refusal = page.getByRole('alert').filter({ hasText: '您的账号不能查看' });
    await refusal.waitFor();
    expect(await page.locator('#page-title').innerText()).toBe('无权查看这些班组');
    expect(await refusal.innerText()).toMatch(/team-01[\s\S]*您可以查看的班组：team-02/);
    expect(await page.content()).not.toContain('No access to the floor');
    // The header is there: the pages, the language, the way out.
    await page.locator('.header .site-nav').waitFor();
    expect(await page.locator('.header .language-switch').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'lead-other-team-zh.png') });

    await page.locator('.language-switch').click();
    await page.locator('#page-title', { hasText: 'No access to these teams' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toMatch(/Your account cannot see[\s\S]*team-01[\s\S]*Your teams: team-02/);
    await page.getByRole('link', { name: 'Show my teams' }).click();
    await page.waitForURL(`${server.base}/`);
    await page.locator('.agent-tile').first().waitFor();
    // Their own team's agents only (team-02: agents 1013 to 1024 of the simulation).
    expect(await page.locator('[data-agent="1001"]').count()).toBe(0);
    expect(await page.locator('[data-agent="1013"]').count()).toBe(1);

    // Reached on a phone, the refusal fits too.
    const phone = await newPage(PHONE, lead);
    await phone.goto(`${server.base}/?teams=team-01`);
    await phone.getByRole('alert').filter({ hasText: '您的账号不能查看' }).waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
  });

  for (const [viewport, locale] of [[{ width: 1920, height: 1080 }, undefined], [{ width: 1280, height: 720 }, 'en'], [PHONE, undefined]] as const) {
    it(`names every bar of the compliance chart by the rule's name (${viewport.width} px, ${locale ?? 'zh-CN'})`, async () => {
      const page = await newPage(viewport, supervisor, locale);
      await page.goto(server.base);
      const chart = page.locator('.compliance-chart');
      await chart.locator('.recharts-bar-rectangle').first().waitFor();
      const rules = Number(await chart.getAttribute('data-rules'));
      expect(rules).toBeGreaterThanOrEqual(8);
      const ticks = chart.locator('.compliance-tick');
      expect(await ticks.count()).toBe(rules);
      const names = await ticks.locator('title').allTextContents();
      // Names, not the rules' ids ("answer-3-rings").
      for (const name of names) expect(name).not.toMatch(/^[a-z0-9-]+$/);
      expect(names).toContain(locale === 'en' ? 'Answer within 3 rings (10 s)' : '三声内接听（10 秒）');
      // Each name on its own: none overlaps the next, none is cut off at the card's edge.
      const boxes = await ticks.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom, left: r.left })));
      const card = (await page.locator('.chart-card', { has: chart }).boundingBox())!;
      const sorted = [...boxes].sort((a, b) => a.top - b.top);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].top).toBeGreaterThanOrEqual(sorted[i - 1].bottom - 1);
      for (const box of boxes) expect(box.left).toBeGreaterThanOrEqual(card.x);
      await chart.scrollIntoViewIfNeeded();
      await page.locator('.chart-card', { has: chart }).screenshot({ path: path.join(SHOTS, `compliance-${viewport.width}${locale === undefined ? '' : `-${locale}`}.png`) });
      await page.context().close();
      expect(errors).toEqual([]);
    });
  }

  it('shows the floor at 1366 x 768 in Chinese: who is not in, open alerts as the desk counts them, labels on one line', async () => {
    // One alert acknowledged: in hand on the desk, so not open on the floor either.
    const first = server.floor.snapshot().alerts.find((a) => a.status === 'open' && a.agentId !== undefined)!;
    expect((await server.floor.command({ type: 'alert.acknowledge', by: 'sup', alertId: first.id })).ok).toBe(true);
    await server.advanceTo(MINUTES * 60 + 21);
    const snapshot = server.floor.snapshot();
    const notIn = snapshot.adherence.flatMap((t) => (t.notIn ?? []).map((a) => a.agentId));
    // The simulated plan has agents who never log in (and the floor has no agent of theirs).
    expect(notIn.length).toBeGreaterThan(0);
    expect(notIn.filter((id) => snapshot.agents.some((a) => a.agentId === id && a.state !== 'logged_out'))).toEqual([]);
    const open = snapshot.alerts.filter((a) => a.status === 'open').length;
    const inHand = snapshot.alerts.filter((a) => a.status === 'acknowledged').length;
    expect(inHand).toBeGreaterThan(0);

    for (const viewport of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
      const page = await newPage(viewport, supervisor);
      await page.goto(server.base);
      await page.locator('.agent-tile.is-not-in').first().waitFor();
      const shown = await page.locator('.agent-tile.is-not-in').evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.agent));
      expect(shown.sort()).toEqual([...notIn].sort());
      expect(await page.locator('.agent-tile.is-not-in').first().innerText()).toContain('未到岗');
      expect(await page.locator('#alerts-title').innerText()).toMatch(new RegExp(`^待处理告警\\s*${open}$`));
      expect(await page.locator('.alert-strip-note').innerText()).toBe(`另有 ${inHand} 条已确认、处理中（见下方）`);
      // "示忙 · 离线休息" and "服务水平（10 秒）" each took two lines in a 1366 px tile.
      expect(await wrappedLabels(page, '.agent-tile .agent-state-label'), `${viewport.width}`).toEqual([]);
      expect(await wrappedLabels(page, '.queue-figures .figure-label, .queue-agents-caption, .queue-agents .figure-label'), `${viewport.width}`).toEqual([]);
      // A row's two values at the same height in every queue tile.
      const misaligned = await page.locator('.queue-figures').evaluateAll((lists) => lists.flatMap((list) => {
        const tops = [...list.querySelectorAll('.figure-value')].map((v) => Math.round(v.getBoundingClientRect().top));
        return tops.filter((top, i) => i % 2 === 1 && Math.abs(top - tops[i - 1]) > 2);
      }));
      expect(misaligned, `${viewport.width}`).toEqual([]);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: path.join(SHOTS, `floor-${viewport.width}-zh.png`) });
      await page.locator('.agent-tile.is-not-in').first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `floor-${viewport.width}-zh-not-in.png`) });
      await page.context().close();
    }
    expect(errors).toEqual([]);
  });

  it('keeps a TV\'s lead mark on one line beside the alert count', async () => {
    for (const viewport of [{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      await context.addInitScript((token) => localStorage.setItem('floorwatch.deviceToken', token), tvToken);
      const tv = await context.newPage();
      tv.on('pageerror', (err) => errors.push(err.message));
      tv.setDefaultTimeout(15_000);
      await tv.goto(`${server.base}/tv?pace=600&page=agents`);
      const tile = tv.locator('[data-agent="1001"]');
      await tile.locator('.tv-agent-alerts').waitFor();
      expect(await wrappedLabels(tv, '.tv-agent-role, .tv-agent-alerts')).toEqual([]);
      // And inside its tile.
      const inside = await tile.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return [...el.querySelectorAll('.tv-agent-top > *')].every((c) => c.getBoundingClientRect().right <= box.right + 0.5);
      });
      expect(inside).toBe(true);
      await tv.screenshot({ path: path.join(SHOTS, `tv-agents-${viewport.width}.png`) });
    }
    expect(errors).toEqual([]);
  });
});
