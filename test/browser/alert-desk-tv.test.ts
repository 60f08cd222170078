/**
 * The alert desk and the TV in Chromium against a real floor (stub access: a
 * supervisor). An unanswered call raises answer-3-rings; the desk acknowledges it with a
 * note and it moves to today's history. The TV rotates its pages at 1080p and 4K
 * without scrolling, never shows the caller, and says so in large type when data stops.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';
import { startFloorServer, type FloorServer } from './floor-server.js';

const SCREENSHOTS = 'test-results';
const CALLER = '13812345678';
const T0 = Date.parse('2026-11-28T09:00:00+08:00');

const title = hasChromium
  ? 'the alert desk and the TV in Chromium'
  : `the alert desk and the TV in Chromium (SKIPPED: ${CHROMIUM_PATH} not found)`;

describe.skipIf(!hasChromium)(title, () => {
  let server: FloorServer;
  let browser: Browser;
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.setDefaultTimeout(10_000);
    return page;
  };

  beforeAll(async () => {
    const clientDir = await ensureClientBuilt();
    server = await startFloorServer(T0, clientDir);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { at } = server;
    await server.post([
      { id: 'e1', type: 'agent.login', ts: at(0), agentId: '1001', stationId: 'S-1', name: 'Li Na', teamId: 't1' },
      { id: 'e2', type: 'agent.login', ts: at(0), agentId: '1002', stationId: 'S-2', name: 'Wang Wei', teamId: 't1' },
      { id: 'e3', type: 'agent.login', ts: at(0), agentId: '1003', stationId: 'S-3', name: 'Zhang Min', teamId: 't1', role: 'lead' },
      { id: 'e4', type: 'agent.state', ts: at(1), agentId: '1003', state: 'not_ready', reason: 'break' },
      { id: 'e5', type: 'call.offered', ts: at(1), callId: 'c1', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'e6', type: 'call.ringing', ts: at(2), callId: 'c1', agentId: '1001' },
      { id: 'e7', type: 'call.offered', ts: at(3), callId: 'c2', queue: 'general', direction: 'inbound', from: CALLER },
      { id: 'e8', type: 'call.ringing', ts: at(3), callId: 'c2', agentId: '1002' },
      { id: 'e9', type: 'call.answered', ts: at(5), callId: 'c2', agentId: '1002' },
      { id: 'e10', type: 'transcript.utterance', ts: at(6), callId: 'c2', speaker: 'agent', agentId: '1002', text: `Hello, you are calling from ${CALLER}?` },
      { id: 'e11', type: 'call.offered', ts: at(4), callId: 'c3', queue: 'billing', direction: 'inbound', from: '13900000000' },
    ]);
    await server.advanceTo(14);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the open alerts, acknowledges one with a note and shows it in today\'s history', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.locale', 'en'));
    const page = watch(await context.newPage());
    await page.goto(`${server.base}/alerts`);

    const open = page.locator('.desk-open');
    const ring = open.locator('.desk-alert', { has: page.locator('[data-rule="answer-3-rings"]') });
    await ring.waitFor();
    expect(await ring.innerText()).toMatch(/Art\. 60[\s\S]*Call ringing at agent 1001/);
    expect(await ring.innerText()).toMatch(/open for \d:\d\d/);
    // Its evidence is not on the socket: opening the list fetches it.
    await ring.locator('.desk-evidence summary', { hasText: /^Evidence$/ }).click();
    await ring.locator('.desk-evidence summary', { hasText: /Evidence: \d+ events?$/ }).waitFor();
    expect(await ring.locator('.desk-evidence li code').count()).toBeGreaterThan(0);
    await page.locator('.desk-history .desk-empty, .desk-history .desk-alert').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alert-desk.png') });

    await ring.getByRole('button', { name: 'Acknowledge', exact: true }).click();
    await ring.getByLabel('Note').fill('Spoke to Li Na, headset fault');
    await ring.getByRole('button', { name: 'Acknowledge alert' }).click();

    await page.getByRole('status').filter({ hasText: 'Acknowledged: Call ringing at agent 1001' }).waitFor();
    await open.locator('.desk-alert', { has: page.locator('[data-rule="answer-3-rings"]') }).waitFor({ state: 'detached' });
    const done = page.locator('.desk-history .desk-alert', { has: page.locator('[data-rule="answer-3-rings"]') });
    await done.waitFor();
    await page.locator('.desk-history', { hasText: 'Spoke to Li Na, headset fault' }).waitFor();
    expect(await page.locator('.desk-history').innerText()).toMatch(/Acknowledged\s+by Supervisor at 09:00:\d\d/);

    expect(await page.content()).not.toContain(CALLER);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alert-desk-acknowledged.png') });
    await context.close();
  });

  it('says it all in Chinese on a Chinese desk: headlines, the confirmation, the history; the call, never the subject key', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.locale', 'zh-CN'));
    const page = watch(await context.newPage());
    await page.goto(`${server.base}/alerts`);
    const english = /\b(Agent|agent|Call|call|ringing|answered|opened|Note|Acknowledged)\b/;
    // The ring alert acknowledged above, in today's history: its headline as an open card would have it.
    const acked = page.locator('.desk-history .desk-alert', { has: page.locator('[data-rule="answer-3-rings"]') });
    await acked.waitFor();
    expect(await acked.locator('.desk-alert-title').innerText()).toBe('来电响铃超过 10 秒未接听 · 坐席 1001，来电 c1');
    expect(await acked.locator('.desk-subject').innerText()).toBe('通话 c1');
    expect(await page.locator('.desk-history').innerText()).not.toMatch(english);

    const card = page.locator('.desk-open .desk-alert').first();
    await card.waitFor();
    for (const subject of await page.locator('.desk-subject').allInnerTexts()) expect(subject).not.toMatch(/:/);
    const headline = await card.locator('.desk-alert-title').innerText();
    expect(headline).not.toMatch(english);
    await card.getByRole('button', { name: '确认', exact: true }).click();
    await card.getByLabel('备注').fill('已提醒坐席');
    await card.getByRole('button', { name: '确认告警' }).click();
    await page.getByRole('status').filter({ hasText: `已确认告警：${headline}` }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'alert-desk-zh-acknowledged.png') });
    await context.close();
  });

  for (const [width, height, label] of [[1920, 1080, '1080p'], [3840, 2160, '4k']] as const) {
    it(`shows the TV's pages without scrolling at ${label}`, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      // The stub access lets any token in: this test is about the screen, not pairing.
      await context.addInitScript(() => localStorage.setItem('floorwatch.deviceToken', 'test-device-token'));
      const tv = watch(await context.newPage());
      for (const kind of ['queues', 'agents', 'figures'] as const) {
        await tv.goto(`${server.base}/tv?lang=en&pace=600&page=${kind}`);
        await tv.locator(`[data-tv-page^="${kind}"]`).waitFor();
        await tv.locator('.connection-state', { hasText: 'Live' }).waitFor();
        const overflow = await tv.evaluate(() => ({
          x: document.documentElement.scrollWidth - innerWidth, y: document.documentElement.scrollHeight - innerHeight,
        }));
        expect(overflow).toEqual({ x: 0, y: 0 });
        expect(await tv.locator('button, input, a').count()).toBe(0);
        expect(await tv.content()).not.toContain(CALLER);
        await tv.screenshot({ path: path.join(SCREENSHOTS, `tv-${kind}-${label}.png`) });
      }
      expect(await tv.locator('[data-agent="1003"]').count()).toBe(0); // figures page on screen
      await context.close();
    });
  }

  it('shows only the teams of its address (?teams=), and says so when the address is wrong', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.deviceToken', 'test-device-token'));
    const tv = watch(await context.newPage());
    await tv.goto(`${server.base}/tv?lang=en&pace=600&page=agents&teams=t1`);
    await tv.locator('[data-agent="1003"]').waitFor();
    // A team the floor does not know (no agent, no shift): the TV names it and what to fix,
    // and shows nothing of the floor (not the floor-wide figures as if they were t9's).
    await tv.goto(`${server.base}/tv?lang=en&pace=600&page=agents&teams=t9`);
    const scope = tv.locator('.tv-scope[role="alert"]');
    await scope.waitFor();
    expect(await scope.innerText()).toContain("Check this display's address");
    expect(await scope.innerText()).toContain('Not on this floor (no agent, no shift today): t9');
    expect(await scope.innerText()).toContain('Fix ?teams=t9 in the address, or remove it to show the whole floor.');
    expect(await tv.locator('[data-tv-page]').count()).toBe(0);
    expect(await tv.locator('[data-agent]').count()).toBe(0);
    expect(await tv.content()).not.toContain(CALLER);
    expect(await tv.evaluate(() => localStorage.getItem('floorwatch.deviceToken'))).toBe('test-device-token');
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-unknown-team.png') });
    // In Chinese, the TV's default.
    await tv.goto(`${server.base}/tv?lang=zh-CN&pace=600&teams=t9,t8`);
    await scope.waitFor();
    expect(await scope.innerText()).toContain('现场没有这些班组（没有坐席，今日也没有排班）：t9, t8');
    expect(await scope.innerText()).toContain('请修改地址中的 ?teams=t9,t8');
    // One known team and one unknown: the known one's floor, with a line naming the other.
    await tv.goto(`${server.base}/tv?lang=en&pace=600&page=agents&teams=t1,t9`);
    await tv.locator('[data-agent="1003"]').waitFor();
    expect(await tv.locator('.tv-scope-notice').innerText()).toBe('Not on this floor: t9. Fix ?teams= in the address; showing the other teams only.');
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-some-unknown-team.png') });
    await tv.goto(`${server.base}/tv?lang=en&teams=${'x'.repeat(101)}`);
    await tv.getByText("Check this display's address").waitFor();
    // Said by the refusal's code in the reader's language, large; not the server's English field path.
    const bad = await tv.locator('.tv-bad-scope[role="alert"]').innerText();
    expect(bad).toContain("The address's ?teams= is not written right");
    expect(bad).not.toContain('teams.0');
    // A wrong address is not a wrong pairing: the token stays.
    expect(await tv.evaluate(() => localStorage.getItem('floorwatch.deviceToken'))).toBe('test-device-token');
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-bad-scope.png') });
    await context.close();
    // The refused link's last long-poll is answered 400 (its session is gone): expected here.
    const unexpected = errors.filter((e) => !e.includes('status of 400'));
    errors.splice(0, errors.length, ...unexpected);
  });

  it("shows each team's schedule adherence on its own page", async () => {
    // The plan: all three on shift from 09:00; 1001 planned on a break now but ringing, 1003 planned working but on a break.
    const shift = (agentId: string, breaks: Array<{ kind: 'break'; start: number; end: number }> = []) => ({
      id: `${agentId}@${T0}`, agentId, teamId: 't1', start: T0, end: T0 + 8 * 3600_000, breaks,
    });
    const planned = await server.floor.changeSchedule({
      op: 'upsert', leads: [],
      shifts: [shift('1001', [{ kind: 'break', start: T0, end: T0 + 15 * 60_000 }]), shift('1002'), shift('1003')],
    });
    expect(planned.ok).toBe(true);
    await server.advanceTo(16);
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.deviceToken', 'test-device-token'));
    const tv = watch(await context.newPage());
    await tv.goto(`${server.base}/tv?lang=en&pace=600&page=adherence`);
    const card = tv.locator('.tv-adherence-team[data-team="t1"]');
    await card.waitFor();
    expect(await card.getAttribute('class')).toContain('has-off');
    expect(await card.innerText()).toMatch(/2 of 3 off schedule/);
    expect(await tv.content()).not.toContain(CALLER);
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-adherence-1080p.png') });
    await context.close();
  });

  it('says "no data since" in large type when the floor goes away', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript(() => localStorage.setItem('floorwatch.deviceToken', 'test-device-token'));
    const tv = watch(await context.newPage());
    await tv.goto(`${server.base}/tv?lang=en&pace=600&page=agents`);
    await tv.locator('[data-agent="1003"]', { hasText: 'Not ready · break' }).waitFor();
    await server.close();
    const banner = tv.locator('.tv-stale[role="alert"]');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/No data since 09:00:\d\d/);
    expect(await tv.locator('.agent-tile').count()).toBe(0);
    await tv.screenshot({ path: path.join(SCREENSHOTS, 'tv-stale-1080p.png') });
    await context.close();
    // Errors from the dropped connection are expected now; the ones before are not.
    expect(errors.filter((e) => !/ERR_CONNECTION_REFUSED|WebSocket|socket/i.test(e))).toEqual([]);
  });
});
