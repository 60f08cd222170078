/**
 * The acknowledge link in a message, over real HTTP with no session: opening it changes
 * nothing; its button acknowledges the alert as the recipient's account (the same check
 * and audit as the alert desk); it works once, only before it expires, only as issued,
 * and only while that account may act on the alert's team.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../shared/notify.js';
import { CALLER, forbiddenPhrase, notifyFile, openWorld, startHttpReceiver, type HttpReceiver, type World } from './notify-harness.js';

let world: World;
let receiver: HttpReceiver;

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
const get = (path: string) => fetch(`${world.base}${path}`);
const post = (path: string) => fetch(`${world.base}${path}`, { method: 'POST' });

describe('the acknowledge link', () => {
  let first: NotificationMessage;

  it('opening it shows the alert (no customer data) and whom it acts as, and changes nothing', async () => {
    first = await alertForLeadA('1001', 'c-1');
    expect(first.acknowledge!.url.startsWith(`${world.base}/ack/`)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const res = await get(ackPath(first));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const html = await res.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('<dt>情况</dt><dd>使用了服务禁语</dd>');
      expect(html).toContain('不得使用服务禁语');
      expect(html).toContain('第 68 条');
      expect(html).toContain('将以 Lead A (lead-a) 的身份确认');
      expect(html).toContain(`<form method="post" action="${ackPath(first)}">`);
      expect(html).not.toContain(CALLER);
    }
    expect(world.floor.liveAlert(first.alert.id)?.status).toBe('open');
  });

  it('its button acknowledges as the recipient: acknowledgedBy, the audit entry, escalation stopped', async () => {
    const res = await post(ackPath(first));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('告警已由 Lead A (lead-a) 确认');
    const alert = world.floor.liveAlert(first.alert.id)!;
    expect(alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead-a', acknowledgeNote: 'acknowledged from the notification link' });
    expect(alert.escalatesAt).toBeUndefined();
    const [entry] = await world.access.listAudit({ action: 'alert-acknowledged' });
    expect(entry).toMatchObject({ actor: world.accounts.get('lead-a'), target: first.alert.id, ip: '127.0.0.1' });
  });

  it('works once: a second use is refused, and says so', async () => {
    const again = await post(ackPath(first));
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('此链接已经使用过');
    expect((await get(ackPath(first))).status).toBe(410);
    const refusals = await world.access.listAudit({ action: 'notify-ack-link-refused' });
    expect(refusals.at(-1)).toMatchObject({ actor: world.accounts.get('lead-a'), target: first.alert.id, detail: { reason: 'used' } });
  });

  it('a changed or made-up token is refused, and nothing is acknowledged', async () => {
    const m = await alertForLeadA('1002', 'c-2');
    const [payload, mac] = ackPath(m).slice('/ack/'.length).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const asSupervisor = Buffer.from(JSON.stringify({ ...claims, u: 'sup' })).toString('base64url');
    const later = Buffer.from(JSON.stringify({ ...claims, e: (claims.e as number) + 86_400_000 })).toString('base64url');
    for (const token of [`${asSupervisor}.${mac}`, `${later}.${mac}`, `${payload}.${mac.slice(1)}`, payload, 'garbage', `${payload}.${mac}x`]) {
      const res = await post(`/ack/${encodeURIComponent(token)}`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('此链接无效');
    }
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
    // The genuine link still works.
    expect((await post(ackPath(m))).status).toBe(200);
  });

  it('an expired link is refused', async () => {
    const m = await alertForLeadA('1003', 'c-3');
    await world.advance(30 * 60_000);
    const res = await post(ackPath(m));
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('此链接已过期');
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
  });

  it('is refused when its account may no longer act on the alert\'s team (the same check as the desk)', async () => {
    const m = await alertForLeadA('1004', 'c-4');
    const lead = world.accounts.get('lead-a')!;
    await world.access.updateAccount(lead, { teams: ['B'] }, world.accounts.get('admin')!);
    const res = await post(ackPath(m));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('此账号无权处理此告警');
    expect(world.floor.liveAlert(m.alert.id)?.status).toBe('open');
    // Refused before it was used up: back in team A, the same link works.
    await world.access.updateAccount(lead, { teams: ['A'] }, world.accounts.get('admin')!);
    expect((await post(ackPath(m))).status).toBe(200);
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
    const page = await (await get(ackPath(toSup))).text();
    expect(page).toContain('You acknowledge as Supervisor (sup).');
    expect(page).toContain('<dt>What</dt><dd>A forbidden phrase used</dd>');
    expect(page).toContain('No forbidden service phrases (art. 68)');
    expect((await post(ackPath(toSup))).status).toBe(200);
    expect(world.floor.liveAlert(toSup.alert.id)?.acknowledgedBy).toBe('sup');
    const late = await post(ackPath(toLead));
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
    const page = await (await get(ackPath(toSup!))).text();
    expect(page).toContain('<dt>What</dt><dd>A forbidden phrase used</dd>');
  });
});
