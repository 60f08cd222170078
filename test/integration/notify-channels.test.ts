/**
 * Every channel against a real receiver on loopback: e-mail into a real SMTP server, the
 * signed webhook checked with the exported verify helper, and the robots' and chat
 * webhooks' bodies in their platforms' documented formats. Messages come from real
 * alerts of the real floor, whose `sensitive` carries the caller's number: it must never
 * appear in anything sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createServer, type AddressInfo, type LookupFunction } from 'node:net';
import type { ChannelConfig, NotificationMessage } from '../../shared/notify.js';
import { deliver } from '../../server/notify/channels/index.js';
import { DeliveryError } from '../../server/notify/channels/types.js';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhookSignature } from '../../server/notify/channels/webhook.js';
import {
  CALLER, forbiddenPhrase, mailText, notifyFile, openWorld, startHttpReceiver, startSmtpServer, type HttpReceiver, type SmtpSink, type World,
} from './notify-harness.js';

const SECRET = 'the-webhook-secret-0123';
let receiver: HttpReceiver;
let smtp: SmtpSink;
let world: World;

beforeAll(async () => {
  receiver = await startHttpReceiver();
  smtp = await startSmtpServer();
  world = await openWorld({
    file: notifyFile({
      channels: [
        { id: 'hook', name: 'Ops webhook', kind: 'webhook', url: `${receiver.url}/floorwatch`, secret: SECRET },
        { id: 'mail', name: 'Mail', kind: 'smtp', host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'floorwatch@centre.example' },
      ],
      recipients: [
        { id: 'lead-a', name: 'Lead A', account: 'lead-a', language: 'zh-CN', contacts: [{ channel: 'hook' }, { channel: 'mail', to: 'lead-a@centre.example' }] },
        { id: 'sup', name: 'Supervisor', account: 'sup', language: 'en', contacts: [{ channel: 'mail', to: 'sup@centre.example' }] },
      ],
      routes: [{ id: 'critical', severities: ['critical'] }],
    }),
  });
  await world.ingest(forbiddenPhrase('1001', 'A', 'c-1'));
});

afterAll(async () => {
  await world?.close();
  await receiver?.close();
  await smtp?.close();
});

describe('e-mail over SMTP', () => {
  it('reaches a real SMTP server with the rule, article, subject and links, and no customer number', async () => {
    const alert = world.floor.snapshot().alerts.find((a) => a.rule === 'forbidden-phrases')!;
    expect(alert.sensitive?.callerNumber).toBe(CALLER);
    await world.notifier.sender.runDue();
    const [mail] = await smtp.received(1);
    expect(mail.to).toEqual(['lead-a@centre.example']);
    expect(mail.from).toBe('floorwatch@centre.example');
    const text = mailText(mail.raw);
    expect(text).toContain('不得使用服务禁语');
    expect(text).toContain('第 68 条');
    expect(text).toContain('工号 1001（班组 A）');
    expect(text).toContain(`${world.base}/alerts?alert=${alert.id}`);
    expect(text).toMatch(new RegExp(`${world.base}/ack/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+`));
    expect(text).toContain(`X-Floorwatch-Delivery: ${alert.id}:lead:lead-a:mail`);
    expect(mail.raw).not.toContain(CALLER);
    expect(text).not.toContain(CALLER);
    expect(text).not.toContain('我不知道');
  });

  it('the escalation reaches the supervisor in English', async () => {
    await world.advance(61_000);
    await world.notifier.sender.runDue();
    const mails = await smtp.received(2);
    expect(mails[1].to).toEqual(['sup@centre.example']);
    const text = mailText(mails[1].raw);
    expect(text).toContain('Not acknowledged: escalated to the floor supervisor');
    expect(text).toContain('No forbidden service phrases (art. 68)');
    expect(text).not.toContain(CALLER);
  });
});

describe('the signed webhook', () => {
  it('arrives as documented JSON whose signature verifies with the secret; a tampered body does not', async () => {
    const [req] = await receiver.received(1);
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/floorwatch');
    expect(req.headers['content-type']).toContain('application/json');
    const timestamp = req.headers[TIMESTAMP_HEADER] as string;
    const signature = req.headers[SIGNATURE_HEADER] as string;
    const now = world.clock.now();
    expect(verifyWebhookSignature({ secret: SECRET, body: req.body, timestamp, signature, now })).toEqual({ ok: true });
    expect(signature).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${req.body}`).digest('hex')}`);
    expect(verifyWebhookSignature({ secret: SECRET, body: req.body.replace('"critical"', '"info"'), timestamp, signature, now }).ok).toBe(false);
    expect(verifyWebhookSignature({ secret: 'not-the-secret', body: req.body, timestamp, signature, now }).ok).toBe(false);

    const body = JSON.parse(req.body) as NotificationMessage & { text: string; title: string; ageSeconds: number; sentAt: number };
    const alert = world.floor.liveAlert(body.alert.id)!;
    expect(req.headers[DELIVERY_HEADER]).toBe(`${alert.id}:lead:lead-a:hook`);
    expect(body).toMatchObject({
      id: `${alert.id}:lead:lead-a:hook`, type: 'alert.opened', language: 'zh-CN',
      alert: { id: alert.id, rule: 'forbidden-phrases', article: '68', severity: 'critical', level: 'lead', subject: { kind: 'call', agentId: '1001', teamId: 'A', queue: 'cards' }, url: `${world.base}/alerts?alert=${alert.id}` },
      recipient: { id: 'lead-a', name: 'Lead A' },
      acknowledge: { url: expect.stringMatching(new RegExp(`^${world.base}/ack/`)), expiresAt: expect.any(Number) },
      sentAt: Number(timestamp),
    });
    expect(body.text).toContain('不得使用服务禁语');
    expect(req.body).not.toContain(CALLER);
  });
});

/** A test message through one channel to the local receiver, answering as that platform does. */
async function through(channel: ChannelConfig, answer: string, to?: string): Promise<{ url: URL; body: Record<string, any> }> {
  const before = receiver.requests.length;
  receiver.reply = () => ({ status: 200, body: answer });
  const alert = world.floor.snapshot().alerts.find((a) => a.rule === 'forbidden-phrases')!;
  const message: NotificationMessage = {
    id: 'm-1', type: 'alert.escalated', language: 'en',
    alert: { id: alert.id, rule: alert.rule, article: alert.article, severity: alert.severity, level: 'supervisor', subject: { kind: 'call', agentId: '1001', teamId: 'A' }, openedAt: alert.openedAt, url: `${world.base}/alerts?alert=${alert.id}` },
    recipient: { id: 'sup', name: 'Supervisor' },
    acknowledge: { url: `${world.base}/ack/abc.def`, expiresAt: world.clock.now() + 1_800_000 },
  };
  await deliver(channel, { message, now: world.clock.now(), ...(to !== undefined && { to }) }, { timeoutMs: 5000 });
  const [req] = (await receiver.received(before + 1)).slice(before);
  expect(req.body).not.toContain(CALLER);
  return { url: new URL(req.url, receiver.url), body: JSON.parse(req.body) as Record<string, any> };
}

describe('group robots and chat webhooks, in their documented formats', () => {
  const now = () => world.clock.now();

  it('WeCom: markdown content with the links, the member mentioned', async () => {
    const { url, body } = await through({ id: 'w', name: 'WeCom', enabled: true, kind: 'wecom', url: `${receiver.url}/cgi-bin/webhook/send?key=KEY1` }, '{"errcode":0,"errmsg":"ok"}', 'zhangsan');
    expect(url.pathname).toBe('/cgi-bin/webhook/send');
    expect(url.searchParams.get('key')).toBe('KEY1');
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown']);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toContain('No forbidden service phrases (art. 68)');
    expect(body.markdown.content).toContain(`[Acknowledge](${world.base}/ack/abc.def)`);
    expect(body.markdown.content).toContain('<@zhangsan>');
  });

  it('DingTalk: a signed URL (timestamp and sign) and markdown with @mobile', async () => {
    const secret = 'SEC0123456789abcdef';
    const { url, body } = await through(
      { id: 'd', name: 'DingTalk', enabled: true, kind: 'dingtalk', url: `${receiver.url}/robot/send?access_token=TOKEN1`, secret },
      '{"errcode":0,"errmsg":"ok"}', '13900001111',
    );
    expect(url.searchParams.get('access_token')).toBe('TOKEN1');
    const timestamp = url.searchParams.get('timestamp')!;
    expect(Number(timestamp)).toBe(now());
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('art. 68') }, at: { atMobiles: ['13900001111'], isAtAll: false } });
    expect(body.markdown.text).toContain('@13900001111');
    expect(body.markdown.text).toContain(`${world.base}/alerts?alert=`);
  });

  it('Feishu: a post with timestamp and sign in the body', async () => {
    const secret = 'feishu-secret-xyz';
    const { url, body } = await through({ id: 'f', name: 'Feishu', enabled: true, kind: 'feishu', url: `${receiver.url}/open-apis/bot/v2/hook/HOOK1`, secret }, '{"code":0,"msg":"success","data":{}}');
    expect(url.pathname).toBe('/open-apis/bot/v2/hook/HOOK1');
    expect(body.timestamp).toBe(String(Math.floor(now() / 1000)));
    expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\n${secret}`).update('').digest('base64'));
    expect(body.msg_type).toBe('post');
    const post = body.content.post.en_us;
    expect(post.title).toContain('art. 68');
    expect(post.content.flat()).toContainEqual({ tag: 'a', text: 'Acknowledge', href: `${world.base}/ack/abc.def` });
  });

  it('Slack: text fallback and blocks with mrkdwn links', async () => {
    const { body } = await through({ id: 's', name: 'Slack', enabled: true, kind: 'slack', url: `${receiver.url}/services/T/B/X` }, 'ok');
    expect(body.text).toContain('No forbidden service phrases');
    expect(body.blocks.map((b: { type: string }) => b.type)).toEqual(['header', 'section', 'section']);
    expect(body.blocks[2].text).toMatchObject({ type: 'mrkdwn', text: expect.stringContaining(`<${world.base}/ack/abc.def|Acknowledge>`) });
  });

  it('Teams: an Adaptive Card with the facts and two OpenUrl actions', async () => {
    const { body } = await through({ id: 't', name: 'Teams', enabled: true, kind: 'teams', url: `${receiver.url}/workflows/x` }, '');
    expect(body.type).toBe('message');
    const card = body.attachments[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[2].facts).toContainEqual({ title: 'Rule', value: 'No forbidden service phrases (art. 68)' });
    expect(card.content.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'View on the wallboard', url: expect.stringContaining('/alerts?alert=') },
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: `${world.base}/ack/abc.def` },
    ]);
  });

  it('a robot that answers 200 with an error code has not delivered; a 4xx is permanent, a 5xx is not', async () => {
    const wecom: ChannelConfig = { id: 'w', name: 'WeCom', enabled: true, kind: 'wecom', url: `${receiver.url}/cgi-bin/webhook/send?key=BAD` };
    const refused = await through(wecom, '{"errcode":93000,"errmsg":"invalid webhook url"}').catch((e: unknown) => e as Error);
    // The robot's code, never its words: an answer's text is not shown on the admin page.
    expect(refused).toMatchObject({ message: expect.stringMatching(/refused the message: 93000/) });
    expect((refused as Error).message).not.toContain('invalid webhook url');
    await expect(through(wecom, '<!DOCTYPE html><p>internal page</p>')).rejects.toThrow(/^the robot's answer is not the JSON a robot sends/);
    receiver.reply = () => ({ status: 404, body: 'no such hook' });
    const message = { id: 'x', type: 'test', language: 'en', recipient: { id: 't', name: 't' }, alert: { id: 'test', rule: 'urgent-escalation', article: '93, 94', severity: 'info', level: 'lead', subject: { kind: 'floor' }, openedAt: 0, url: 'http://x' } } as NotificationMessage;
    const err = await deliver({ id: 's', name: 'Slack', enabled: true, kind: 'slack', url: `${receiver.url}/gone` }, { message, now: 1 }, { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ permanent: true, message: expect.stringContaining('answered 404 Not Found') });
    expect((err as Error).message).not.toContain('no such hook');
    receiver.reply = () => ({ status: 503, body: 'busy' });
    const busy = await deliver({ id: 's', name: 'Slack', enabled: true, kind: 'slack', url: `${receiver.url}/busy` }, { message, now: 1 }, { timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(busy).toMatchObject({ permanent: false, message: expect.stringContaining('answered 503') });
    // The robot's URL carries its key: errors name only the host.
    expect((err as Error).message).not.toContain('/gone');
    receiver.reply = () => ({ status: 200, body: 'ok' });
  });
});

describe('link-local and cloud metadata destinations, refused when connecting', () => {
  /** A resolver that answers `names` (and counts what it was asked): DNS without the network. */
  const resolver = (names: Record<string, string[]>) => {
    const asked: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: (err: Error | null, addresses: Array<{ address: string; family: number }>) => void) => {
      asked.push(hostname);
      const found = names[hostname];
      if (found === undefined) callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
      else callback(null, found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
    }) as unknown as LookupFunction;
    return { lookup, asked };
  };
  const message = {
    id: 'x', type: 'test', language: 'en', recipient: { id: 't', name: 't' },
    alert: { id: 'test', rule: 'urgent-escalation', article: '93, 94', severity: 'info', level: 'lead', subject: { kind: 'floor' }, openedAt: 0, url: 'http://x' },
  } as NotificationMessage;
  const port = () => new URL(receiver.url).port;

  it('a name is resolved through the guard: a private address is reached, a link-local one (DNS rebinding) never', async () => {
    const { lookup, asked } = resolver({ 'bridge.centre.test': ['127.0.0.1'], 'rebound.centre.test': ['169.254.169.254'], 'mixed.centre.test': ['127.0.0.1', 'fe80::1'] });
    const hook = (host: string): ChannelConfig => ({ id: 'h', name: 'Hook', enabled: true, kind: 'webhook', url: `http://${host}:${port()}/bridge`, secret: SECRET });
    const before = receiver.requests.length;
    await deliver(hook('bridge.centre.test'), { message, now: Date.now() }, { timeoutMs: 5000, lookup });
    expect((await receiver.received(before + 1)).slice(before).map((r) => r.url)).toEqual(['/bridge']);
    for (const host of ['rebound.centre.test', 'mixed.centre.test']) {
      const err = await deliver(hook(host), { message, now: Date.now() }, { timeoutMs: 5000, lookup }).catch((e: unknown) => e);
      expect(err, host).toBeInstanceOf(DeliveryError);
      expect(err, host).toMatchObject({ permanent: true, message: expect.stringMatching(new RegExp(`^refused: ${host.replace(/\./g, '\\.')} \\((169\\.254\\.169\\.254|fe80::1)\\) is a link-local or cloud metadata address`)) });
    }
    expect(asked).toEqual(['bridge.centre.test', 'rebound.centre.test', 'mixed.centre.test']);
    expect(receiver.requests).toHaveLength(before + 1);
  });

  it('an address or the metadata name written in a stored URL is refused before connecting (a channel saved before the check)', async () => {
    const { lookup, asked } = resolver({});
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://[fe80::a9fe:a9fe]/', 'http://metadata.google.internal/computeMetadata/v1/']) {
      const err = await deliver({ id: 't', name: 'Teams', enabled: true, kind: 'teams', url }, { message, now: 1 }, { timeoutMs: 5000, lookup }).catch((e: unknown) => e);
      expect(err, url).toMatchObject({ permanent: true, message: expect.stringContaining('link-local or cloud metadata') });
    }
    expect(asked).toEqual([]);
  });

  it('e-mail too: the mail server\'s name is resolved through the guard, and the message still arrives at a private relay', async () => {
    const { lookup } = resolver({ 'relay.centre.test': ['127.0.0.1'], 'rebound.centre.test': ['169.254.10.10'] });
    const mail = (host: string): ChannelConfig => ({
      id: 'm', name: 'Mail', enabled: true, kind: 'smtp', host, port: smtp.port, tls: 'none', from: 'floorwatch@centre.example', rejectUnauthorized: true,
    });
    const before = smtp.mails.length;
    await deliver(mail('relay.centre.test'), { message, now: Date.now(), to: 'ops@centre.example' }, { timeoutMs: 5000, lookup });
    expect((await smtp.received(before + 1)).slice(before).map((m) => m.to)).toEqual([['ops@centre.example']]);
    for (const host of ['rebound.centre.test', '169.254.169.254']) {
      const err = await deliver(mail(host), { message, now: Date.now(), to: 'ops@centre.example' }, { timeoutMs: 5000, lookup }).catch((e: unknown) => e);
      expect(err, host).toMatchObject({ permanent: true, message: expect.stringContaining('link-local or cloud metadata') });
    }
    expect(smtp.mails).toHaveLength(before + 1);
  });

  it('what a non-mail server says on the port is not repeated', async () => {
    // Something that is not a mail server (an internal service's banner) on the channel's port.
    const service = createServer((socket) => socket.end('+OK internal-service secret=banner-token-77\r\n'));
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    const servicePort = (service.address() as AddressInfo).port;
    try {
      const err = await deliver({
        id: 'm', name: 'Mail', enabled: true, kind: 'smtp', host: '127.0.0.1', port: servicePort, tls: 'none', from: 'floorwatch@centre.example', rejectUnauthorized: true,
      }, { message, now: Date.now(), to: 'ops@centre.example' }, { timeoutMs: 3000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as Error).message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${servicePort}: `));
      expect((err as Error).message).not.toMatch(/banner|internal-service|\+OK/);
    } finally {
      await new Promise((resolve) => service.close(resolve));
    }
  });
});
