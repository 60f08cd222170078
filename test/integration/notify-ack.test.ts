/**
 * The acknowledge link in a message, over real HTTP with real sessions. The link names an
 * account, but whoever configures recipients (an administrator, a floor supervisor) picks
 * that account and the channel, so may receive another account's links: here the webhook
 * receiver, which gets lead-a's links, stands for such a listener. The link therefore acts
 * only for the person signed in as its own account: signed out, the page asks them to sign
 * in and come back; signed in as anyone else, 403 ackLinkOtherAccount. Opening it changes
 * nothing; its button (a form carrying the session's CSRF token) acknowledges as the person
 * signed in (the same check and audit as the alert desk); it works once, only before it
 * expires, only as issued, and only while that account may act on the alert's team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../shared/notify.js';
import { pairedTvToken, signIn } from '../helpers/secured-floor.js';
import { Browser } from './access/access-server.js';
import { CALLER, forbiddenPhrase, notifyFile, openWorld, startHttpReceiver, type HttpReceiver, type World } from './notify-harness.js';

let world: World;
let receiver: HttpReceiver;
/** Signed in (first password replaced), by username. */
const browsers = new Map<string, Browser>();

/** A person signed in through the HTTP API, as their phone's browser would be. */
async function signedIn(username: string): Promise<Browser> {
  const { oneTimePassword } = await world.access.resetPassword(world.accounts.get(username)!, world.accounts.get('admin')!);
  return signIn(world.base, username, oneTimePassword);
}

beforeAll(async () => {
  receiver = await startHttpReceiver();
  world = await openWorld({
    file: notifyFile({
      ackLinkMinutes: 30,
      channels: [{ id: 'hook', name: 'Hook', kind: 'webhook', url: receiver.url, secret: 'secret-for-ack-tests' }],
      recipients: [
        { id: 'lead-a', name: 'Lead A', account: 'lead-a', language: 'zh-CN', contacts: [{ channel: 'hook' }] },
        { id: 'sup', name: 'Supervisor', account: 'sup', language: 'en', contacts: [{ channel: 'hook' }] },
      ],
      routes: [{ id: 'critical', severities: ['critical'] }],
    }),
  });
  for (const username of ['lead-a', 'sup', 'lead-b']) browsers.set(username, await signedIn(username));
});

afterAll(async () => {
  await world?.close();
  await receiver?.close();
});

/** The messages received since `before` about agent `agentId`'s alert. */
function messagesAbout(agentId: string, before: number): NotificationMessage[] {
  return receiver.requests.slice(before).map((r) => JSON.parse(r.body) as NotificationMessage).filter((m) => m.alert.subject.agentId === agentId);
}

/** A new critical alert for lead-a (team A), delivered; its message as the receiver got it. */
async function alertForLeadA(agentId: string, callId: string): Promise<NotificationMessage> {
  const before = receiver.requests.length;
  await world.ingest(forbiddenPhrase(agentId, 'A', callId));
  await world.notifier.sender.runDue();
  const [message] = messagesAbout(agentId, before);
  expect(message.recipient.id).toBe('lead-a');
  return message;
}

const ackPath = (m: NotificationMessage) => new URL(m.acknowledge!.url).pathname;
const cookieOf = (b: Browser): string => [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const as = (who: string | undefined): Record<string, string> => (who === undefined ? {} : { cookie: cookieOf(browsers.get(who)!) });

/** Opens the link, signed in as `who` (undefined: signed out). */
const get = (path: string, who?: string, headers: Record<string, string> = {}) => fetch(`${world.base}${path}`, { headers: { ...as(who), ...headers } });

/**
 * Posts the link's form as `who`, with this CSRF field (default: their session's token,
 * which their confirmation page carries; null: no field at all).
 */
function post(path: string, who?: string, csrf?: string | null, headers: Record<string, string> = {}): Promise<Response> {
  const token = csrf === undefined ? (who === undefined ? undefined : browsers.get(who)!.cookies.get('fw_csrf')) : csrf ?? undefined;
  return fetch(`${world.base}${path}`, {
    method: 'POST',
    headers: { ...as(who), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: token === undefined ? '' : new URLSearchParams({ csrf: token }).toString(),
  });
}

const lastRefusal = async () => (await world.access.listAudit({ action: 'notify-ack-link-refused' })).at(-1);

describe('the acknowledge link', () => {
  let first: NotificationMessage;

  it('opened signed out: shows the alert (no customer data), asks to sign in as its account and come back, changes nothing', async () => {
    first = await alertForLeadA('1001', 'c-1');
    expect(first.acknowledge!.url.startsWith(`${world.base}/ack/`)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await get(ackPath(first));
      expect(res.status).toBe(401);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<dt>情况</dt><dd>使用了服务禁语</dd>');
      expect(html).toContain('不得使用服务禁语');
      expect(html).toContain('第 68 条');
      expect(html).toContain('此链接是发给 Lead A (lead-a) 的');
      expect(html).toContain(`<a class="button" href="/sign-in?next=${encodeURIComponent(ackPath(first))}">登录</a>`);
      expect(html).not.toContain('<form');
      expect(html).not.toContain(CALLER);
    }
    // Its button pressed signed out (a session that lapsed meanwhile): the same page, nothing done, the link kept.
    const pressed = await post(ackPath(first));
    expect(pressed.status).toBe(401);
    expect(await pressed.text()).toContain('/sign-in?next=');
    expect(world.floor.liveAlert(first.alert.id)?.status).toBe('open');
    expect(await lastRefusal()).toMatchObject({ actor: 'anonymous', target: first.alert.id, detail: { reason: 'sign-in', account: 'lead-a' } });
  });

  it('signed in as another account (whoever received the link): refused 403 ackLinkOtherAccount, nothing acknowledged', async () => {
    // The supervisor (who may configure recipients) uses lead-a's link, with a session and form of their own.
    const opened = await get(ackPath(first), 'sup');
    expect(opened.status).toBe(403);
    const page = await opened.text();
    expect(page).toContain('此链接是发给另一个账号的');
    expect(page).toContain('链接发给：Lead A (lead-a)；当前登录：Supervisor (sup)。');
    expect(page).not.toContain('<form');
    const pressed = await post(ackPath(first), 'sup');
    expect(pressed.status).toBe(403);
    const asJson = await post(ackPath(first), 'sup', undefined, { accept: 'application/json' });
    expect(asJson.status).toBe(403);
    expect(await asJson.json()).toEqual({
      error: 'this acknowledge link was sent to lead-a, and you are signed in as sup: sign in as lead-a to use it',
      code: 'ackLinkOtherAccount', params: { account: 'lead-a', signedIn: 'sup' },
    });
    // Nor another lead of the floor; and a TV's device token is no person at all.
    expect((await post(ackPath(first), 'lead-b')).status).toBe(403);
    expect(await lastRefusal()).toMatchObject({ actor: world.accounts.get('lead-b'), detail: { reason: 'other-account', account: 'lead-a' } });
    const tv = await pairedTvToken(world.access);
    expect((await post(ackPath(first), undefined, undefined, { authorization: `Bearer ${tv}` })).status).toBe(401);
    expect(world.floor.liveAlert(first.alert.id)?.status).toBe('open');
    expect(await world.access.listAudit({ action: 'alert-acknowledged' })).toEqual([]);
  });

  it('a POST riding on the recipient\'s cookie without their page\'s token is refused, and the link kept', async () => {
    for (const csrf of [null, '', 'not-the-token']) {
      const res = await post(ackPath(first), 'lead-a', csrf);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('此页面已过期');
    }
    expect(await lastRefusal()).toMatchObject({ actor: world.accounts.get('lead-a'), detail: { reason: 'stale-page' } });
    expect(world.floor.liveAlert(first.alert.id)?.status).toBe('open');
  });

  it('signed in as its account: one button, which acknowledges as the person signed in (acknowledgedBy, the audit entry)', async () => {
    const opened = await get(ackPath(first), 'lead-a');
    expect(opened.status).toBe(200);
    const html = await opened.text();
    expect(html).toContain('将以 Lead A (lead-a) 的身份确认');
    expect(html).toContain(`<form method="post" action="${ackPath(first)}"><input type="hidden" name="csrf" value="${browsers.get('lead-a')!.cookies.get('fw_csrf')}">`);
    expect(world.floor.liveAlert(first.alert.id)?.status).toBe('open');

    const res = await post(ackPath(first), 'lead-a');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('告警已由 Lead A (lead-a) 确认');
    const alert = world.floor.liveAlert(first.alert.id)!;
    expect(alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead-a', acknowledgeNote: 'acknowledged from the notification link' });
    expect(alert.escalatesAt).toBeUndefined();
    const [entry] = await world.access.listAudit({ action: 'alert-acknowledged' });
    expect(entry).toMatchObject({ actor: world.accounts.get('lead-a'), target: first.alert.id, ip: '127.0.0.1' });
  });

  it('works once: a second use is refused, and says so', async () => {
    const again = await post(ackPath(first), 'lead-a');
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('此链接已经使用过');
    expect((await get(ackPath(first), 'lead-a')).status).toBe(410);
    expect(await lastRefusal()).toMatchObject({ actor: world.accounts.get('lead-a'), target: first.alert.id, detail: { reason: 'used' } });
  });

  it('a changed or made-up token is refused, and nothing is acknowledged', async () => {
    const m = await alertForLeadA('1002', 'c-2');
    const [payload, mac] = ackPath(m).slice('/ack/'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const asSupervisor = Buffer.from(JSON.stringify({ ...claims, u: 'sup' })).toString('base64url');
    const later = Buffer.from(JSON.stringify({ ...claims, e: (claims.e as number) + 86_400_000 })).toString('base64url');
    for (const token of [`${asSupervisor}.${mac}`, `${later}.${mac}`, `${payload}.${mac.slice(1)}`, payload, 'garbage', `${payload}.${mac}x`]) {
      for (const who of ['lead-a', 'sup', undefined]) {
        const res = await post(`/ack/${encodeURIComponent(token)}`, who);
        expect(res.status).toBe(400);
        expect(await res.text()).toContain('此链接无效');
      }
    }
    const asJson = await get(`/ack/${payload}.${mac}x`, 'lead-a', { accept: 'application/json' });
    expect(await asJson.json()).toMatchObject({ code: 'ackLinkInvalid' });
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
    // The genuine link still works.
    expect((await post(ackPath(m), 'lead-a')).status).toBe(200);
  });

  it('an expired link is refused', async () => {
    const m = await alertForLeadA('1003', 'c-3');
    await world.advance(30 * 60_000);
    const res = await post(ackPath(m), 'lead-a');
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('此链接已过期');
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
  });

  it('is refused when its account may no longer act on the alert\'s team (the same check as the desk)', async () => {
    const m = await alertForLeadA('1004', 'c-4');
    const lead = world.accounts.get('lead-a')!;
    await world.access.updateAccount(lead, { teams: ['B'] }, world.accounts.get('admin')!);
    const res = await post(ackPath(m), 'lead-a');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('此账号无权处理此告警');
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
    // Refused before it was used up: back in team A, the same link works.
    await world.access.updateAccount(lead, { teams: ['A'] }, world.accounts.get('admin')!);
    expect((await post(ackPath(m), 'lead-a')).status).toBe(200);
    expect(world.floor.liveAlert(m.alert.id)?.acknowledgedBy).toBe('lead-a');
  });

  it('speaks English to an English recipient, and refuses a link for an alert acknowledged meanwhile', async () => {
    const before = receiver.requests.length;
    await world.ingest(forbiddenPhrase('1005', 'A', 'c-5'));
    await world.advance(61_000); // nobody acknowledged: the supervisor is told
    await world.notifier.sender.runDue();
    const toSup = messagesAbout('1005', before).find((x) => x.recipient.id === 'sup')!;
    const toLead = messagesAbout('1005', before).find((x) => x.recipient.id === 'lead-a')!;
    expect(toSup.type).toBe('alert.escalated');
    expect(toLead.type).toBe('alert.opened');
    const page = await (await get(ackPath(toSup), 'sup')).text();
    expect(page).toContain('You acknowledge as Supervisor (sup).');
    expect(page).toContain('<dt>What</dt><dd>A forbidden phrase used</dd>');
    expect(page).toContain('No forbidden service phrases (art. 68)');
    // Signed out, in English too.
    expect(await (await get(ackPath(toSup))).text()).toContain('This link was sent to Supervisor (sup). Sign in as that account');
    expect((await post(ackPath(toSup), 'sup')).status).toBe(200);
    expect(world.floor.liveAlert(toSup.alert.id)?.acknowledgedBy).toBe('sup');
    const late = await post(ackPath(toLead), 'lead-a');
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('此告警已被确认或已解决');
  });

  it('an alert a lead escalates by hand reaches the supervisor at once, as an escalation saying what happened', async () => {
    const opened = await alertForLeadA('1007', 'c-7');
    const before = receiver.requests.length;
    const now = world.clock.now();
    const result = await world.floor.command({ type: 'alert.escalate', alertId: opened.alert.id, by: 'lead-a', note: 'needs the supervisor' });
    expect(result.ok).toBe(true);
    await world.notifier.settled();
    await world.notifier.sender.runDue();
    const toSup = messagesAbout('1007', before).find((x) => x.recipient.id === 'sup');
    expect(toSup).toMatchObject({ type: 'alert.escalated', alert: { id: opened.alert.id, level: 'supervisor', titleCode: 'forbidden-phrases.used' } });
    // Not the timer's doing: no time passed (the lead's level waits 60 s for a critical alert).
    expect(world.clock.now()).toBe(now);
    const page = await (await get(ackPath(toSup!), 'sup')).text();
    expect(page).toContain('<dt>What</dt><dd>A forbidden phrase used</dd>');
  });

  it('an account with a password to change first is refused until it has (the session\'s own state)', async () => {
    const m = await alertForLeadA('1008', 'c-8');
    // An administrator resets lead-a's password: signed in with the one-time password, not yet replaced.
    const { oneTimePassword } = await world.access.resetPassword(world.accounts.get('lead-a')!, world.accounts.get('admin')!);
    const phone = new Browser(world.base);
    expect((await phone.signIn('lead-a', oneTimePassword)).status).toBe(200);
    browsers.set('lead-a', phone);
    const opened = await get(ackPath(m), 'lead-a');
    expect(opened.status).toBe(403);
    const html = await opened.text();
    expect(html).toContain('请先修改密码');
    expect(html).toContain('<a href="/password">');
    const pressed = await post(ackPath(m), 'lead-a', undefined, { accept: 'application/json' });
    expect(pressed.status).toBe(403);
    expect(await pressed.json()).toMatchObject({ code: 'changePasswordFirst' });
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
    // Password replaced: the same link works.
    const changed = await phone.call('POST', '/api/v1/session/password', { csrf: true, body: { currentPassword: oneTimePassword, newPassword: 'Lantern harbour 47 under the pines' } });
    expect(changed.status).toBe(200);
    expect((await post(ackPath(m), 'lead-a')).status).toBe(200);
    expect(world.floor.liveAlert(m.alert.id)?.acknowledgedBy).toBe('lead-a');
  });
});
