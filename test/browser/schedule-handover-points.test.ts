/**
 * Issue 6 end to end, in Chromium against `floorwatch serve` as a child process (SQLite,
 * real access, the built client): the admin makes two shift leads of team T1 and uploads
 * a plan through the schedule page with a lead shift change between them; the floor shows
 * schedule adherence; the outgoing lead (one browser context) submits the prefilled
 * handover; the incoming lead (another context) is refused while a critical alert is open
 * on the team (article 81), sees it named, resolves it on the desk, confirms, and finds
 * the team's other open alert now theirs on /alerts (article 82). The points page shows a
 * quarter leaderboard and a ledger with a reversal. Each page is photographed at 1080p.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser as ApiSession } from '../integration/access/access-server.js';
import {
  ADMIN_PASSWORD, createFeedToken, postEvents, signInAdmin, startServerProcess, type ServerProcess,
} from '../integration/server-process.js';
import { hasChromium, CHROMIUM_PATH, launchChromium } from './chromium.js';
import { ensureClientBuilt } from './client-build.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const SHOTS = process.env.FLOORWATCH_SHOTS ?? '/tmp/shots';
const TZ = 'Asia/Shanghai';
const ARGS = (db: string) => ['--db', db, '--reorder-window', '0', '--no-rules'];
const HD = { width: 1920, height: 1080 };
const OUTGOING = { username: 'lead.wang', name: 'Wang Fang', password: 'Lantern harbour 58 over the quay' };
const INCOMING = { username: 'lead.li', name: 'Li Qiang', password: 'Copper river 71 under the bridge' };

const title = hasChromium
  ? 'schedule, handover from both leads\' sides, and points in Chromium'
  : `schedule, handover from both leads' sides, and points in Chromium (SKIPPED: ${CHROMIUM_PATH} not found)`;

describe.skipIf(!hasChromium)(title, () => {
  let dir: string;
  let server: ServerProcess | undefined;
  let feedToken: string;
  let browser: Browser;
  let admin: ApiSession;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];
  let finished = false;

  /** A 1080p shot of what `focus` is in (or the top of the page), and the whole page beside it. */
  async function shot(page: Page, name: string, focus?: Locator): Promise<void> {
    if (focus === undefined) await page.evaluate(() => window.scrollTo(0, 0));
    else await focus.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    await page.screenshot({ path: path.join(SHOTS, `${name}-full.png`), fullPage: true });
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: HD });
    contexts.push(context);
    await context.addInitScript(() => localStorage.setItem('floorwatch.locale', 'en'));
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.setDefaultTimeout(15_000);
    return page;
  }

  const post = (events: object[]) => postEvents(server!.url, feedToken, events);

  /** An account made by the admin over the API; its one-time password. */
  async function createAccount(username: string, name: string, role: string, teams: string[]): Promise<string> {
    const res = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username, name, role, teams } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { oneTimePassword: string }).oneTimePassword;
  }

  /** Signs in through the pages, choosing a password when the server asks for one. */
  async function signIn(page: Page, username: string, password: string, chosen?: string): Promise<void> {
    await page.goto(server!.url);
    await page.waitForURL('**/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    if (chosen !== undefined) {
      await page.waitForURL('**/password');
      await page.getByLabel('Current password', { exact: true }).fill(password);
      await page.getByLabel('New password', { exact: true }).fill(chosen);
      await page.getByLabel('Repeat the new password', { exact: true }).fill(chosen);
      await page.getByRole('button', { name: 'Change password' }).click();
    }
    await page.waitForURL(`${server!.url}/`);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  beforeAll(async () => {
    await ensureClientBuilt();
    fs.mkdirSync(SHOTS, { recursive: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-issue6-'));
    const db = path.join(dir, 'floorwatch.db');
    feedToken = createFeedToken(db);
    server = await startServerProcess(ARGS(db));
    admin = await signInAdmin(server.url);
    browser = await launchChromium();
  });

  afterAll(async () => {
    // On a failure, what each page showed at the end (the steps' shots stop where it broke).
    for (const [i, c] of finished ? [] : contexts.entries()) {
      for (const p of c.pages()) await p.screenshot({ path: path.join(SHOTS, `last-${i}.png`), fullPage: true }).catch(() => undefined);
    }
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop('SIGKILL');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('plans, shows adherence, hands over from both leads\' sides, and keeps points', async () => {
    const base = server!.url;
    // The shift change: the next whole five minutes at least ten minutes from now, centre time.
    const now = dayjs().tz(TZ);
    const change = now.add(10, 'minute').minute(Math.ceil(now.add(10, 'minute').minute() / 5) * 5).second(0).millisecond(0);
    const outStart = change.subtract(8, 'hour');
    const inEnd = change.add(8, 'hour');
    const d = (t: dayjs.Dayjs) => t.format('YYYY-MM-DD');
    const hm = (t: dayjs.Dayjs) => t.format('HH:mm');
    // 1001 is planned on a break right now (and works instead): off schedule on the floor.
    const breakFrom = now.subtract(5, 'minute');
    const breakTo = now.add(10, 'minute');
    // (Not when the break would straddle midnight: the CSV's break is one "HH:mm-HH:mm".)
    const breaks = breakTo.isSame(breakFrom, 'day') ? `${hm(breakFrom)}-${hm(breakTo)} break` : '';
    const csv = [
      'kind,agent,name,date,start,end,station,team,breaks,account,teams',
      `shift,1001,Li Na,${d(outStart)},${hm(outStart)},${hm(change)},S-01,T1,${breaks},,`,
      `shift,1002,Zhang Wei,${d(outStart)},${hm(outStart)},${hm(change)},S-02,T1,,,`,
      `shift,1003,Chen Jie,${d(change)},${hm(change)},${hm(inEnd)},S-01,T1,,,`,
      `lead,9001,${OUTGOING.name},${d(outStart)},${hm(outStart)},${hm(change)},,,,${OUTGOING.username},T1`,
      `lead,9002,${INCOMING.name},${d(change)},${hm(change)},${hm(inEnd)},,,,${INCOMING.username},T1`,
    ].join('\n');

    // The admin makes the two leads of team T1, and a supervisor for the points.
    const wangFirst = await createAccount(OUTGOING.username, OUTGOING.name, 'lead', ['T1']);
    const liFirst = await createAccount(INCOMING.username, INCOMING.name, 'lead', ['T1']);
    const supFirst = await createAccount('sup.zhao', 'Zhao Min', 'supervisor', []);

    // The floor: two agents of T1 at their seats.
    const t0 = Date.now() - 20_000;
    await post([
      { id: 'login-1001', type: 'agent.login', ts: t0, agentId: '1001', stationId: 'S-01', name: 'Li Na', teamId: 'T1' },
      { id: 'login-1002', type: 'agent.login', ts: t0, agentId: '1002', stationId: 'S-02', name: 'Zhang Wei', teamId: 'T1' },
    ]);

    // (1) The plan, uploaded through the schedule page; first a file with a bad row, refused by row and column.
    const adminPage = await newPage();
    await signIn(adminPage, 'admin', ADMIN_PASSWORD);
    await adminPage.getByRole('link', { name: 'Schedule' }).click();
    await adminPage.waitForURL('**/schedule');
    const file = adminPage.getByLabel('Plan file');
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\nshift,,Nobody,${d(change)},25:00,16:00,,T1,,,\n`) });
    await adminPage.getByRole('button', { name: 'Upload and import' }).click();
    const refused = adminPage.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await refused.waitFor();
    expect(await refused.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await refused.locator('tbody tr').first().innerText()).toMatch(/^7\s/);
    await shot(adminPage, 'schedule-import-refused', refused);
    await file.setInputFiles({ name: 'plan.csv', mimeType: 'text/csv', buffer: Buffer.from(`${csv}\n`) });
    await adminPage.getByRole('button', { name: 'Upload and import' }).click();
    await adminPage.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
    await adminPage.getByRole('row', { name: /9001/ }).waitFor();
    await adminPage.locator('[data-shift]').first().waitFor();
    await shot(adminPage, 'schedule-day');
    await adminPage.getByRole('button', { name: 'Week' }).click();
    await adminPage.locator('.plan-week').first().waitFor();
    await shot(adminPage, 'schedule-week');

    // (2) Adherence on the floor: the team's figure, and 1001 marked while planned on a break.
    await adminPage.getByRole('link', { name: 'Floor' }).click();
    await adminPage.waitForURL(`${base}/`);
    await adminPage.locator('.adherence-strip [data-team="T1"]').waitFor();
    if (breaks !== '') await adminPage.locator('[data-agent="1001"] .agent-adherence').waitFor();
    await shot(adminPage, 'floor-adherence');

    // A call on T1 with a forbidden phrase (critical, article 68) and no greeting (info, article 61).
    await post([
      { id: 'offer-c1', type: 'call.offered', ts: Date.now() - 8_000, callId: 'c1', queue: 'general', direction: 'inbound' },
      { id: 'ring-c1', type: 'call.ringing', ts: Date.now() - 8_000, callId: 'c1', agentId: '1002' },
      { id: 'answer-c1', type: 'call.answered', ts: Date.now() - 6_000, callId: 'c1', agentId: '1002' },
      { id: 'say-c1', type: 'transcript.utterance', ts: Date.now() - 5_000, callId: 'c1', speaker: 'agent', agentId: '1002', text: '这个我不知道，没有办法。' },
    ]);

    // (3) The outgoing lead submits the prefilled handover.
    const wang = await newPage();
    await signIn(wang, OUTGOING.username, wangFirst, OUTGOING.password);
    await wang.getByRole('link', { name: 'Handover' }).click();
    await wang.waitForURL('**/handover');
    const form = wang.getByRole('form', { name: 'Fill in the handover log' });
    await form.waitFor();
    // The rule by its name, as the desk names it, not its id.
    await form.locator('.handover-alert-meta', { hasText: 'No forbidden service phrases' }).first().waitFor();
    await form.getByLabel('2. Important events during the shift').fill('Agent 1002 used a forbidden phrase on call c1; being handled.');
    await form.getByLabel('7. Swallowed-card records').fill('ATM 3 at the Nanjing Road branch: card ****4411 at 14:20.');
    await shot(wang, 'handover-outgoing');
    // Two steps: the first press asks, in the form, whom it goes to and which sections are empty.
    await form.getByRole('button', { name: 'Submit handover' }).click();
    const ask = form.getByRole('group', { name: 'Submit this handover?' });
    await ask.waitFor();
    await expect.poll(() => ask.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await ask.innerText()).toContain(`It goes to the incoming lead, ${INCOMING.name}, to confirm.`);
    expect(await ask.innerText()).toMatch(/Left empty: Replies pending, Important notices, Erroneous-account records, Tasks and requirements from management\./);
    await shot(wang, 'handover-submit-confirm', ask);
    await ask.getByRole('button', { name: 'Submit', exact: true }).click();
    const submittedLine = wang.getByRole('status').filter({ hasText: `Handover submitted; waiting for ${INCOMING.name} to confirm.` });
    await submittedLine.waitFor();
    // Focus on what says it was done, not lost on <body> with the form gone.
    await expect.poll(() => submittedLine.evaluate((el) => el === document.activeElement)).toBe(true);

    // (4) The incoming lead, in another browser context: refused while the critical alert is open.
    const li = await newPage();
    await signIn(li, INCOMING.username, liFirst, INCOMING.password);
    await li.goto(`${base}/handover`);
    const pending = li.locator('article.handover').first();
    await pending.waitFor();
    // What waits for this lead's confirmation comes first, and its leads by name.
    expect(await li.locator('.handover-current > section > h3').first().innerText()).toMatch(/^Waiting for my confirmation/);
    expect(await pending.locator('.handover-meta').innerText()).not.toContain(OUTGOING.username);
    expect(await pending.innerText()).toContain('ATM 3 at the Nanjing Road branch');
    // Its summary says what its data block says (the figures the outgoing lead was shown),
    // and never more calls answered than offered.
    const figures = Object.fromEntries(await pending.locator('.handover-prefill .figure').evaluateAll((els) =>
      els.map((el) => [el.querySelector('dt')?.textContent ?? '', el.querySelector('dd')?.textContent ?? ''])));
    const summary = await pending.locator('[data-field="shiftStatus"] .handover-text').innerText();
    expect(summary).toContain(`${figures.Offered} offered, ${figures.Answered} answered, ${figures.Abandoned} abandoned`);
    expect(Number(figures.Offered)).toBeGreaterThanOrEqual(Number(figures.Answered) + Number(figures.Abandoned));
    expect(summary).toContain(`${figures['Still open']} still open`);
    await pending.getByRole('button', { name: 'Confirm handover' }).click();
    const refusal = pending.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/cannot be confirmed while critical alerts are open \(article 81\)/);
    const blocking = refusal.locator('.handover-alert');
    expect(await blocking.count()).toBe(1);
    expect(await blocking.innerText()).toMatch(/critical[\s\S]*No forbidden service phrases/i);
    await shot(li, 'handover-refused', refusal);

    // It links to the desk, where the incoming lead resolves it.
    await blocking.getByRole('link').click();
    await li.waitForURL('**/alerts**');
    const critical = li.locator('.desk-open .desk-alert', { has: li.locator('[data-rule="forbidden-phrases"]') });
    await critical.waitFor();
    await critical.getByRole('button', { name: 'Resolve', exact: true }).click();
    await critical.getByLabel('Note (optional)').fill('Coached 1002; customer called back and apologised to.');
    await critical.getByRole('button', { name: 'Resolve alert' }).click();
    await li.locator('.desk-open .desk-alert', { has: li.locator('[data-rule="forbidden-phrases"]') }).waitFor({ state: 'detached' });

    // Confirmed now; the team's other open alert passes to the incoming lead.
    await li.getByRole('link', { name: 'Handover' }).click();
    await li.locator('article.handover').first().getByRole('button', { name: 'Confirm handover' }).click();
    await li.getByText(/Handover confirmed\. Open alerts passed to your team: [1-9]/).waitFor();
    await shot(li, 'handover-confirmed');
    await li.getByRole('link', { name: 'Alerts', exact: true }).click();
    // The greeting alert among those passed (others may be open too: a pre-shift meeting
    // missed, depending on the time of day the test runs at).
    const owned = li.locator('.desk-alert', { hasText: `Owner since the handover: ${INCOMING.name}` }).filter({ has: li.locator('[data-rule="greeting"]') }).first();
    await owned.waitFor();
    expect(await owned.innerText()).toMatch(/Owner since the handover/);
    await shot(li, 'alerts-owner', owned);

    // Beyond the lead: passed up to the supervisor by hand, with why (articles 93-94).
    const alertId = await owned.getAttribute('data-alert');
    await owned.getByRole('button', { name: 'Escalate to the supervisor' }).click();
    await owned.getByLabel('Note (optional)').fill('Agent refuses coaching; needs the supervisor.');
    await owned.getByRole('button', { name: 'Escalate to the supervisor' }).click();
    await li.getByRole('status').filter({ hasText: /^Escalated to the supervisor: / }).waitFor();
    const escalated = li.locator(`.desk-alert[data-alert="${alertId}"]`);
    await escalated.locator('.desk-escalated-by', { hasText: `Escalated by ${INCOMING.name} — Note: Agent refuses coaching; needs the supervisor.` }).waitFor();
    expect(await escalated.innerText()).toMatch(/For the supervisor/);
    await shot(li, 'alerts-escalated', escalated);

    // The outgoing lead sees it confirmed; the history finds it by its text and prints it.
    await wang.reload();
    await wang.getByRole('search', { name: 'Search the handovers' }).getByLabel('Text').fill('Nanjing Road');
    await wang.getByRole('button', { name: 'Search', exact: true }).click();
    const found = wang.locator('.handover-table tbody tr');
    await found.filter({ hasText: 'Confirmed' }).waitFor();
    expect(await found.count()).toBe(1);
    await shot(wang, 'handover-history', wang.locator('.handover-history'));
    await found.getByRole('link').click();
    await wang.waitForURL('**/handover?id=*');
    await wang.getByRole('button', { name: 'Print' }).waitFor();
    await wang.emulateMedia({ media: 'print' });
    await shot(wang, 'handover-print');
    await wang.emulateMedia({ media: 'screen' });

    // The outgoing lead, still on duty, lets 1001 leave (article 79) from the agent panel.
    await wang.getByRole('link', { name: 'Floor' }).click();
    await wang.locator('[data-agent="1001"]').click();
    const panel = wang.getByRole('dialog');
    await panel.getByRole('button', { name: 'Approve leaving' }).click();
    await panel.getByLabel('Note (optional)').fill('Relief delayed; 1003 covers S-01');
    await panel.getByRole('button', { name: 'Approve', exact: true }).click();
    await panel.getByText('1001 may leave: the approval is recorded.').waitFor();
    await shot(wang, 'floor-agent-panel');

    // (5) Points: a supervisor records and reverses; the leaderboard and the ledger show them.
    const sup = await newPage();
    await signIn(sup, 'sup.zhao', supFirst, 'Seven orchards hum beneath copper');
    await sup.getByRole('link', { name: 'Points' }).click();
    await sup.waitForURL('**/points');
    const entry = sup.getByRole('form', { name: 'Record points' });
    for (const [agent, item, reason] of [
      ['1001', 'suggestion', 'Queue callback script adopted'],
      ['1002', 'mobile-phone', 'Phone at the desk during calls'],
      ['1002', 'most-wronged', 'Abused by a caller, stayed courteous'],
      ['1003', 'posture', 'Feet on the desk'],
    ] as const) {
      await entry.getByLabel('Agent').fill(agent);
      await entry.getByLabel('Item (articles 104-105)').selectOption(item);
      await entry.getByLabel('Reason').fill(reason);
      await entry.getByRole('button', { name: 'Record' }).click();
      await sup.locator(`[data-agent-row="${agent}"]`).waitFor();
      await sup.getByRole('region', { name: new RegExp(`Ledger of ${agent}`) }).getByText(reason).waitFor();
    }
    const ledger = sup.getByRole('region', { name: /Ledger of 1003/ });
    await ledger.getByRole('button', { name: /^Reverse / }).click();
    await ledger.getByLabel('Why it is reversed').fill('It was a stretching exercise the trainer asked for');
    await ledger.getByRole('button', { name: 'Yes, reverse' }).click();
    // Who reversed it, and who recorded each entry, by name, not by username.
    await ledger.getByText(/Reversed: It was a stretching exercise the trainer asked for \(Zhao Min, /).waitFor();
    expect(await ledger.locator('tbody').innerText()).not.toContain('sup.zhao');
    expect(await ledger.locator('tr.is-reversed s').count()).toBeGreaterThan(0);
    // 1003 has nothing standing now, but is planned this quarter: still ranked, at 0, below nobody at 0.
    const row1003 = sup.locator('[data-agent-row="1003"]');
    await row1003.locator('.points-value', { hasText: /^0$/ }).waitFor();
    await sup.locator('[data-agent-row="1002"]').getByRole('button', { name: '1002' }).click();
    await sup.getByRole('region', { name: /Ledger of 1002/ }).getByText('Phone at the desk during calls').waitFor();
    await sup.locator('.points-chart svg').first().waitFor();
    await shot(sup, 'points');

    // The same pages in Chinese, the default language.
    await sup.getByRole('button', { name: 'Language: 中文' }).click();
    await sup.getByRole('heading', { name: '季度积分榜' }).waitFor();
    // The engine's deduction for 1002's call says why in Chinese; the supervisor's words stay as typed.
    const ledgerZh = sup.getByRole('region', { name: /1002 Zhang Wei 的积分明细/ });
    await ledgerZh.getByText(/通话开头未使用规定的问候语|通话中使用了服务禁语/).waitFor();
    await ledgerZh.getByText('Phone at the desk during calls').waitFor();
    // An agent the centre does not know (a typo) is refused under the field, in Chinese; nothing recorded.
    const entryZh = sup.getByRole('form', { name: '录入奖惩' });
    await entryZh.getByLabel('工号').fill('9999');
    await entryZh.getByLabel('项目（第一百零四、一百零五条）').selectOption('suggestion');
    await entryZh.getByLabel('原因').fill('合理化建议');
    await entryZh.getByRole('button', { name: '录入' }).click();
    await entryZh.getByText('工号有误：现场、排班和积分记录中都没有坐席 9999，请核对。').waitFor();
    expect(await sup.locator('[data-agent-row="9999"]').count()).toBe(0);
    await shot(sup, 'points-zh');
    await sup.getByRole('link', { name: '交接班' }).click();
    await sup.getByRole('heading', { name: '历史记录' }).waitFor();
    // A supervisor prepares the handover of a team at a change the roster does not show.
    const prepare = sup.getByRole('form', { name: '为班组准备交接' });
    await prepare.getByLabel('交接时间').fill('23:30');
    await prepare.getByLabel('班组').fill('T1');
    await prepare.getByRole('button', { name: '预填交接记录' }).click();
    const formZh = sup.getByRole('form', { name: '填写交接班记录' });
    await formZh.waitFor();
    await shot(sup, 'handover-prepare-zh');
    // The two-step submission in Chinese; taken back, nothing sent.
    await formZh.getByRole('button', { name: '提交交接班' }).click();
    const askZh = formZh.getByRole('group', { name: '确认提交交接班' });
    expect(await askZh.innerText()).toMatch(/待回复问题、重要通知、吞卡记录、错账信息、领导临时交办的工作及要求 未填写。/);
    await shot(sup, 'handover-submit-confirm-zh', askZh);
    await askZh.getByRole('button', { name: '返回修改' }).click();
    await formZh.getByRole('button', { name: '提交交接班' }).waitFor();
    await sup.locator('.handover-table tbody tr').first().getByRole('link').click();
    await sup.locator('article.handover').waitFor();
    await shot(sup, 'handover-zh');
    await sup.getByRole('link', { name: '排班' }).click();
    await sup.getByRole('heading', { name: '坐席班次' }).waitFor();
    await shot(sup, 'schedule-zh');
    // A refused file's rows, each said in Chinese by its code.
    const planFile = sup.getByLabel('排班文件');
    await planFile.setInputFiles({
      name: 'bad.csv', mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\nshift,1009,Nobody,${d(change)},25:00,16:00,,T1,,,\nshift,1010,Early,${d(change)},08:00,16:00,,T1,07:30-07:45 break,,\n`),
    });
    await sup.getByRole('button', { name: '上传并导入' }).click();
    const refusedZh = sup.getByRole('alert').filter({ hasText: '未导入任何内容：文件中有 2 处问题。' });
    await refusedZh.waitFor();
    expect(await refusedZh.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(/^7\s+start\s+“25:00”不是一天中的有效时刻。$/),
      expect.stringMatching(/^8\s+breaks\s+休息时段 07:30-07:45 不在班次 08:00-16:00 之内。$/),
    ]);
    await shot(sup, 'schedule-import-refused-zh', refusedZh);

    expect(pageErrors).toEqual([]);
    finished = true;
  }, 240_000);
});
