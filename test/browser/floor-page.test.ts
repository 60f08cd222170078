/**
 * The built wallboard in a real browser against a real floor: agents and an alert
 * appear from the snapshot, a later change arrives as a delta, and the caller's number
 * (which the feed sent, and which one alert's sensitive text carries) is never shown.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPacked, unpack, type MaybePacked } from '../../shared/packed.js';
import type { ScreenDelta } from '../../shared/wallboard.js';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { startFloorServer, type FloorServer } from './floor-server.js';

const SCREENSHOTS = 'test-results';
const CALLER = '13812345678';
/** 2026-11-28 09:00:00 in Asia/Shanghai, the default rules' time zone. */
const T0 = Date.parse('2026-11-28T09:00:00+08:00');

/** The labels among `selector` that take more than one line (their text's line boxes at more than one height). */
function lineCounts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => [...document.querySelectorAll(sel)].flatMap((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0).map((r) => r.top);
    const lines = tops.filter((top, i) => tops.findIndex((other) => Math.abs(other - top) < 4) === i).length;
    return lines > 1 ? [(el as HTMLElement).innerText] : [];
  }), selector);
}

const title = hasChromium
  ? 'the floor page in Chromium'
  : `the floor page in Chromium (SKIPPED: ${CHROMIUM_PATH} not found; apt-get install chromium)`;

describe.skipIf(!hasChromium)(title, () => {
  let server: FloorServer;
  let clientDir: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // Tests run against the built client; built only when missing or out of date.
    clientDir = await ensureClientBuilt();
    server = await startFloorServer(T0, clientDir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows agents, queues and the open alerts, and never the caller\'s number', async () => {
    // Posted while the clock is still at t0: the floor holds the events until its clock
    // reaches their timestamps, then applies them in order (as the integration tests do).
    const { at } = server;
    const result = await server.post([
      { id: 'e1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', name: 'Li Na', teamId: 't1' },
      { id: 'e2', type: 'agent.login', ts: at(0), agentId: '1002', stationId: 'S-2', name: 'Wang Wei', teamId: 't1' },
      { id: 'e3', type: 'agent.login', ts: at(0), agentId: '1003', stationId: 'S-3', name: 'Zhang Min', teamId: 't1', role: 'lead' },
      { id: 'e4', type: 'agent.login', ts: at(0), agentId: '1004', stationId: 'S-4', name: 'Chen Jing', teamId: 't1' },
      { id: 'e5', type: 'agent.state', ts: at(1), agentId: '1003', state: 'not_ready', reason: 'break' },
      // Rings at 1001 and is never answered: answer-3-rings opens at second 12.
      { id: 'e6', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'e7', type: 'call.ringing', ts: at(2), callId: 'c1', agentId: '1001' },
      // Answered by 1002, whose first words lack the greeting and repeat the number: the
      // greeting alert's sensitive text holds it, and it must not reach the screen.
      { id: 'e8', type: 'call.offered', ts: at(3), callId: 'c2', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'e9', type: 'call.ringing', ts: at(3), callId: 'c2', agentId: '1002' },
      { id: 'e10', type: 'call.answered', ts: at(5), callId: 'c2', agentId: '1002' },
      { id: 'e11', type: 'transcript.utterance', ts: at(6), callId: 'c2', speaker: 'agent', agentId: '1002', text: `Hello, you are calling from ${CALLER}?` },
      // Waits in another queue with nobody to take it.
      { id: 'e12', type: 'call.offered', ts: at(4), callId: 'c3', queue: 'billing', direction: 'inbound', from: '13900000000' },
    ]);
    expect(result).toMatchObject({ accepted: 12, rejected: 0 });
    await server.advanceTo(14);

    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
    page.setDefaultTimeout(10_000); // fail with the locator's name well inside the test's 30 s
    await page.goto(server.base);

    const tiles = page.locator('.agent-tile');
    await tiles.nth(3).waitFor();
    expect(await tiles.count()).toBe(4);
    // Simplified Chinese by default; the header's switch changes the language in place.
    expect(await page.locator('html').getAttribute('lang')).not.toBe('en');
    expect(await page.locator('[data-agent="1001"]').innerText()).toContain('振铃');
    await page.locator('.recharts-surface').first().waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'floor-1080p-zh.png') });
    await page.locator('.language-switch').click();
    await page.locator('[data-agent="1001"]', { hasText: 'Ringing' }).waitFor();
    expect(await page.locator('[data-agent="1001"]').innerText()).toMatch(/1001[\s\S]*Li Na[\s\S]*Ringing/);
    expect(await page.locator('[data-agent="1002"]').innerText()).toMatch(/Wang Wei[\s\S]*Talking/);
    // A not-ready tile says the reason alone (its mark and colour say not ready), the whole in its tooltip.
    expect(await page.locator('[data-agent="1003"] .agent-state-label').innerText()).toBe('✕\u00a0Break');
    expect(await page.locator('[data-agent="1003"] .agent-state-label').getAttribute('title')).toBe('Not ready · break');

    // The rule by its name in words (its id in the tooltip).
    const ringAlert = page.locator('.alert-item[data-rule="answer-3-rings"]');
    await ringAlert.waitFor();
    expect(await ringAlert.innerText()).toMatch(/Answer within 3 rings \(10 s\) · Art\. 60[\s\S]*Call ringing at agent 1001 for 10 s, not answered/);
    const greetingAlert = page.locator('.alert-item[data-rule="greeting"]');
    expect(await greetingAlert.innerText()).toContain('Agent 1002 opened the call without');
    // Most severe first: the ringing alert (a warning, second 12) above the greeting one (info, second 6).
    expect(await page.locator('.alert-item').first().innerText()).toContain('Answer within 3 rings');
    // Both agents with an alert carry the badge.
    expect(await page.locator('[data-agent="1001"] .agent-alerts').innerText()).toContain('1');

    expect(await page.locator('[data-queue="billing"]').innerText()).toMatch(/1\s*waiting/i);
    expect(await page.locator('.connection-state').innerText()).toContain('Live');
    expect(await page.locator('.centre-clock-time').innerText()).toMatch(/^09:00:[1-5]\d$/);
    expect(await page.locator('.demo-badge').count()).toBe(0);

    // A change after the page loaded arrives as a delta.
    await server.post([{ id: 'e13', type: 'agent.state', ts: at(15), agentId: '1004', state: 'not_ready', reason: 'meal' }]);
    await server.advanceTo(16);
    await page.locator('[data-agent="1004"]', { hasText: 'Meal' }).waitFor();

    expect(await page.content()).not.toContain(CALLER);
    expect(await page.locator('body').innerText()).not.toContain(CALLER);
    expect(pageErrors).toEqual([]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'floor.png'), fullPage: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'floor-1080p.png') });
  });

  it('filters the grid, and opens an agent\'s panel: timeline, alerts, compliance', async () => {
    // Search by name, then clear it.
    await page.getByLabel('Search').fill('wang');
    await page.locator('.agent-tile').first().waitFor();
    expect(await page.locator('.agent-tile').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await page.locator('.agent-tile').nth(3).waitFor();

    // Keyboard: focus a tile, Enter opens its panel.
    await page.locator('[data-agent="1002"]').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: 'Agent 1002' });
    await panel.waitFor();
    await panel.locator('.timeline-row').first().waitFor();
    const text = await panel.innerText();
    expect(text).toMatch(/Today's timeline/i);
    expect(text).toMatch(/Talking/);
    expect(text).toContain('Agent 1002 opened the call without');
    expect(text).not.toContain(CALLER);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'floor-1080p-agent-panel.png') });

    // Back to Chinese with the panel open, then Escape closes it.
    await page.locator('.language-switch').click();
    await page.getByRole('dialog', { name: '坐席 1002' }).getByText('今日时间线').waitFor();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.locator('.language-switch').click();
    await page.locator('[data-agent="1001"]', { hasText: 'Ringing' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('says the figures are frozen when the floor goes away', async () => {
    // Reuses the page above: stopping its server is what a network cut looks like to it.
    await server.close();
    const banner = page.locator('.connection-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Connection to the floor lost');
    expect(await page.locator('.connection-state').innerText()).toContain('Offline');
    // The last known floor stays on screen, greyed out.
    expect(await page.locator('.agent-tile').count()).toBe(4);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'floor-offline.png') });
  });

  it('shows a big floor whose snapshot and status deltas come packed', async () => {
    // 300 agents: the snapshot and a delta naming them all are each tens of kilobytes as
    // JSON, so the server packs them (server/wallboard/pack.ts) and the page unpacks them.
    const big = await startFloorServer(T0, clientDir);
    const bigPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors: string[] = [];
    bigPage.on('pageerror', (err) => errors.push(err.message));
    bigPage.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    // A socket.io client beside the page shows what went over the wire.
    const watcher = connect(`${big.base}/wallboard`, { transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const ids = Array.from({ length: 300 }, (_, i) => String(5000 + i));
      await big.post(ids.map((agentId, i) => ({ id: `l${agentId}`, type: 'agent.login', ts: big.at(0), agentId, stationId: `S-${agentId}`, name: `座席 ${agentId}`, teamId: `t${i % 10}` })));
      await big.advanceTo(1);
      const snapshotFrame = new Promise<unknown>((resolve) => watcher.once('snapshot', resolve));
      await bigPage.goto(big.base);
      await bigPage.locator('[data-agent="5299"]').waitFor();
      expect(isPacked(await snapshotFrame)).toBe(true);

      const deltaFrame = new Promise<unknown>((resolve) => watcher.on('delta', (d: unknown) => { if (isPacked(d)) resolve(d); }));
      await big.post(ids.map((agentId) => ({ id: `s${agentId}`, type: 'agent.state', ts: big.at(2), agentId, state: 'not_ready', reason: 'meeting' })));
      await big.advanceTo(3);
      expect(unpack<ScreenDelta>((await deltaFrame) as MaybePacked<ScreenDelta>).agents).toHaveLength(300);
      await bigPage.locator('.language-switch').click();
      for (const agentId of ['5000', '5150', '5299']) {
        await bigPage.locator(`[data-agent="${agentId}"]`, { hasText: 'Meeting' }).waitFor();
      }
      await bigPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-300-packed.png') });
      // The page says what it has read (the server holds a screen that does not read out of the deltas).
      const delta = unpack<ScreenDelta>((await deltaFrame) as MaybePacked<ScreenDelta>);
      expect(big.readsOfScreens()).toHaveLength(2); // the page and the watcher (which never says)
      await expect.poll(() => big.readsOfScreens()).toContain(delta.seq);
      expect(errors).toEqual([]);
    } finally {
      watcher.disconnect();
      await bigPage.close();
      await big.close();
    }
  });

  it('says why an address\'s ?teams= is refused, in Chinese, with the way to the whole floor', async () => {
    const other = await startFloorServer(T0, clientDir);
    const refusedPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await refusedPage.goto(`${other.base}/?teams=${'x'.repeat(101)}`);
      await refusedPage.locator('#page-title', { hasText: '请检查地址中的班组' }).waitFor();
      expect(await refusedPage.getByRole('alert').innerText()).toMatch(/服务器不接受地址中的 \?teams=（teams\.0: [\s\S]*您可以查看整个现场/);
      // Under the usual header: the pages and the language switch.
      expect(await refusedPage.locator('.header .site-nav-link').count()).toBeGreaterThan(1);
      expect(await refusedPage.locator('.header .language-switch').count()).toBe(1);
      await refusedPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-refused-teams.png') });
      await refusedPage.getByRole('link', { name: '查看整个现场' }).click();
      await refusedPage.waitForURL(`${other.base}/`);
      await refusedPage.getByText('等待事件…').waitFor();
    } finally {
      await refusedPage.close();
      await other.close();
    }
  });

  it('shows who is scheduled and not in, counts open alerts as the alert desk does, and fits at 1366 x 768', async () => {
    // Team team-03's shift starts at 09:00:30; 1027 and 1031 never log in. 1025's alert is
    // acknowledged (in hand), 1021's is not (open).
    const floor = await startFloorServer(T0, clientDir);
    const shiftPage = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    shiftPage.on('pageerror', (err) => errors.push(err.message));
    shiftPage.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    shiftPage.setDefaultTimeout(10_000);
    try {
      const start = T0 + 30_000;
      const names: Record<string, string | undefined> = { 1021: '王芳', 1022: '刘洋', 1025: '周杰', 1027: '赵敏', 1031: undefined };
      const planned = await floor.floor.changeSchedule({
        op: 'upsert', leads: [],
        shifts: Object.entries(names).map(([agentId, name]) => ({
          id: `${agentId}@${start}`, agentId, ...(name !== undefined && { name }), teamId: 'team-03', stationId: `S-${agentId}`,
          start, end: start + 8 * 3600_000, breaks: [],
        })),
      });
      expect(planned.ok).toBe(true);
      const { at } = floor;
      await floor.post([
        ...['1021', '1022', '1025'].map((agentId) => ({ id: `in-${agentId}`, type: 'agent.login', ts: at(0), agentId, stationId: `S-${agentId}`, name: names[agentId], teamId: 'team-03' })),
        { id: 'in-1001', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1001', name: '李娜', teamId: 'team-01' },
        { id: 'rest', type: 'agent.state', ts: at(1), agentId: '1022', state: 'not_ready', reason: 'rest' },
        { id: 'c1', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'general', direction: 'inbound' },
        { id: 'c1r', type: 'call.ringing', ts: at(1), callId: 'c1', agentId: '1021' },
        { id: 'c2', type: 'call.offered', ts: at(2), callId: 'c2', queue: 'general', direction: 'inbound' },
        { id: 'c2r', type: 'call.ringing', ts: at(2), callId: 'c2', agentId: '1025' },
      ]);
      await floor.advanceTo(20);
      const acked = floor.floor.snapshot().alerts.find((a) => a.agentId === '1025')!;
      expect((await floor.floor.command({ type: 'alert.acknowledge', by: 'supervisor', alertId: acked.id })).ok).toBe(true);
      await floor.advanceTo(60);

      await shiftPage.goto(floor.base);
      const missing = shiftPage.locator('[data-agent="1027"]');
      await missing.waitFor();
      expect(await missing.innerText()).toMatch(/1027[\s\S]*team-03[\s\S]*赵敏[\s\S]*未到岗/);
      // After the team's logged-in agents: the grid ends with who is missing.
      const order = await shiftPage.locator('.agent-tile').evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.agent));
      expect(order).toEqual(['1001', '1021', '1022', '1025', '1027', '1031']);
      expect(await shiftPage.locator('.adherence-team[data-team="team-03"]').innerText()).toMatch(/2\/5 人未按排班/);

      // The desk's count and words: the acknowledged one is in hand, not open (1022 rests while calls wait:
      // art. 88's alert is open too); the tile of the one in hand shows no open badge.
      const open = floor.floor.snapshot().alerts.filter((a) => a.status === 'open');
      expect(open.map((a) => a.agentId).sort()).toEqual(['1021', '1022']);
      expect(await shiftPage.locator('#alerts-title').innerText()).toMatch(/^待处理告警\s*2$/);
      expect(await shiftPage.locator('.alert-strip-note').innerText()).toBe('另有 1 条已确认、处理中（见下方）');
      expect(await shiftPage.locator('[data-agent="1025"] .agent-alerts').count()).toBe(0);
      expect(await shiftPage.locator('[data-agent="1025"] .agent-in-hand').innerText()).toBe('处理中 1');
      expect(await shiftPage.locator('[data-agent="1021"] .agent-alerts').innerText()).toContain('1');
      // What the queue's agent figure counts, in words; nothing of the floor's idle read as this queue's.
      expect(await shiftPage.locator('[data-queue="general"] .queue-agents-caption').innerText()).toBe('今日接过本队列来电的坐席');
      // One line each at 1366 px: the rest reason beside its timer, the service level's label.
      expect(await shiftPage.locator('[data-agent="1022"] .agent-state-label').innerText()).toBe('✕\u00a0离线休息');
      expect(await lineCounts(shiftPage, '.agent-tile .agent-state-label, .queue-figures .figure-label, .queue-agents-caption')).toEqual([]);
      await shiftPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-1366-zh-not-in.png') });

      // Found by their team and by number.
      await shiftPage.getByLabel('班组').selectOption('team-03');
      await shiftPage.locator('[data-agent="1001"]').waitFor({ state: 'detached' });
      expect(await shiftPage.locator('.agent-tile.is-not-in').count()).toBe(2);
      await shiftPage.getByLabel('班组').selectOption('');
      await shiftPage.getByLabel('搜索').fill('1027');
      await shiftPage.locator('[data-agent="1021"]').waitFor({ state: 'detached' });
      expect(await shiftPage.locator('.agent-tile').count()).toBe(1);
      expect(await shiftPage.getByText('没有符合筛选条件的坐席').count()).toBe(0);

      // Their panel: who they are and that they are not in; no leave to approve for someone who never came.
      await missing.click();
      const panel = shiftPage.getByRole('dialog', { name: /坐席 1027/ });
      await panel.getByText('今天还没有状态记录。').waitFor();
      expect(await panel.innerText()).toMatch(/赵敏[\s\S]*未到岗[\s\S]*team-03/);
      expect(await panel.getByRole('button', { name: '准许离岗' }).count()).toBe(0);
      expect(await panel.getByRole('alert').count()).toBe(0);
      await shiftPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-1366-zh-not-in-panel.png') });
      await shiftPage.keyboard.press('Escape');
      await shiftPage.getByLabel('搜索').fill('');

      // A logged-in agent's panel: the approval last, below the state, the figures and the day.
      await shiftPage.locator('[data-agent="1021"]').click();
      const working = shiftPage.getByRole('dialog', { name: /坐席 1021/ });
      await working.getByText('各规则合规').waitFor();
      const approve = working.getByRole('button', { name: '准许离岗' });
      const [approveTop, complianceTop, factsTop] = await Promise.all([
        approve.boundingBox(), working.getByText('各规则合规').boundingBox(), working.locator('.agent-day-facts').boundingBox(),
      ]);
      expect(approveTop!.y).toBeGreaterThan(complianceTop!.y);
      expect(approveTop!.y).toBeGreaterThan(factsTop!.y);
      await shiftPage.keyboard.press('Escape');

      await shiftPage.setViewportSize({ width: 1920, height: 1080 });
      expect(await lineCounts(shiftPage, '.agent-tile .agent-state-label, .queue-figures .figure-label, .queue-agents-caption')).toEqual([]);
      await shiftPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-1920-zh-not-in.png') });
      expect(errors).toEqual([]);
    } finally {
      await shiftPage.close();
      await floor.close();
    }
  });

  it('shows an empty demo floor as waiting, under a loud DEMO badge', async () => {
    const demo = await startFloorServer(T0, clientDir, { demo: true });
    const demoPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await demoPage.goto(demo.base);
      // A fresh browser context: the default language, Simplified Chinese.
      await demoPage.getByText('等待事件…').waitFor({ timeout: 10_000 });
      // The tag says "demo" once; the text says what that means.
      expect(await demoPage.locator('.demo-badge').innerText()).toMatch(/^演示\s*模拟现场，非真实数据$/);
      await demoPage.screenshot({ path: path.join(SCREENSHOTS, 'floor-empty-demo.png') });
      await demoPage.locator('.language-switch').click();
      await demoPage.locator('.demo-badge', { hasText: 'Simulated floor, not live data' }).waitFor();
      expect((await demoPage.locator('.demo-badge').innerText()).match(/demo/gi)).toHaveLength(1);
    } finally {
      await demoPage.close();
      await demo.close();
    }
  });
});
