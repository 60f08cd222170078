/**
 * The notification admin API over real HTTP with real sessions: administrators and floor
 * supervisors edit channels, recipients and routes (validated, naming the field; secrets
 * masked and kept), send a test message, list and resend dead letters; each change is in
 * the audit log; leads and strangers are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelHealth, ChannelView, DeliveryView, NotifySettingsView, RecipientView, RouteView, TestMessageResult } from '../../shared/notify.js';
import { signIn } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { ADMIN_INITIAL, forbiddenPhrase, notifyFile, openWorld, startHttpReceiver, type HttpReceiver, type World } from './notify-harness.js';

let world: World;
let receiver: HttpReceiver;
let admin: Browser;
let supervisor: Browser;
let lead: Browser;
const SECRET = 'the-first-secret-1234';

beforeAll(async () => {
  receiver = await startHttpReceiver();
  world = await openWorld({ file: notifyFile({ channels: [{ id: 'from-file', name: 'From the file', kind: 'slack', url: `${receiver.url}/slack/T1/B1/abcdefgh` }] }) });
  admin = await signIn(world.base, 'admin', ADMIN_INITIAL);
  const otp = async (username: string) => (await world.access.resetPassword(world.accounts.get(username)!, world.accounts.get('admin')!)).oneTimePassword;
  supervisor = await signIn(world.base, 'sup', await otp('sup'));
  lead = await signIn(world.base, 'lead-a', await otp('lead-a'));
});

afterAll(async () => {
  await world?.close();
  await receiver?.close();
});

const call = async <T>(who: Browser, method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> => {
  const res = await who.call(method, `/api/v1/notify${path}`, { csrf: method !== 'GET', ...(body !== undefined && { body }) });
  return { status: res.status, data: (res.status === 204 ? undefined : await res.json()) as T };
};

describe('who may use it', () => {
  it('administrators and floor supervisors; not leads, not strangers, not without the CSRF token', async () => {
    expect((await call(admin, 'GET', '/channels')).status).toBe(200);
    expect((await call(supervisor, 'GET', '/channels')).status).toBe(200);
    expect((await call(lead, 'GET', '/channels')).status).toBe(403);
    expect((await fetch(`${world.base}/api/v1/notify/channels`)).status).toBe(401);
    const forged = await admin.call('POST', '/api/v1/notify/channels', { body: { kind: 'slack', name: 'x', url: 'https://hooks.slack.com/x' } });
    expect(forged.status).toBe(403);
  });

  it('shows the settings in force', async () => {
    const { data } = await call<NotifySettingsView>(admin, 'GET', '/settings');
    expect(data).toMatchObject({ publicUrl: world.base, dedupeWindowMinutes: 10, ackLinkMinutes: 30, file: 'test-notifications.yaml', delivery: { maxAttempts: 6 } });
  });
});

describe('channels', () => {
  let hook: ChannelView;

  it('creates one, answering with its secret masked, and audits it without the secret', async () => {
    const res = await call<ChannelView>(admin, 'POST', '/channels', { kind: 'webhook', name: 'Ops receiver', url: `${receiver.url}/ops`, secret: SECRET });
    expect(res.status).toBe(201);
    hook = res.data;
    expect(hook).toMatchObject({ kind: 'webhook', name: 'Ops receiver', enabled: true, source: 'ui', secret: '••••1234', health: { sent: 0 } });
    expect(hook.id).toMatch(/^ch-[0-9a-f]{8}$/);
    const list = await call<ChannelView[]>(admin, 'GET', '/channels');
    expect(JSON.stringify(list.data)).not.toContain(SECRET);
    // The file's Slack URL is a secret too.
    expect(list.data.find((c) => c.id === 'from-file')).toMatchObject({ source: 'file', url: `${receiver.url.replace('http://', 'http://')}/••••efgh` });
    const [entry] = await world.access.listAudit({ action: 'notify-channel-created' });
    expect(entry).toMatchObject({ actor: world.accounts.get('admin'), target: hook.id, detail: { name: 'Ops receiver', kind: 'webhook' } });
    expect(JSON.stringify(entry)).not.toContain(SECRET);
  });

  it('keeps the stored secret when the masked value comes back, takes a new one, refuses a made-up mask', async () => {
    // The view's extra fields are not input: refused, named.
    const asRead = await call<{ field: string }>(supervisor, 'PUT', `/channels/${hook.id}`, { ...hook, name: 'Ops receiver (night)' });
    expect(asRead).toMatchObject({ status: 400, data: { field: expect.stringContaining('source') } });
    const { id, kind, name, url, secret, enabled } = hook as Extract<ChannelView, { kind: 'webhook' }>;
    const ok = await call<ChannelView>(supervisor, 'PUT', `/channels/${id}`, { id, kind, name: 'Ops receiver (night)', url, secret, enabled });
    expect(ok.status).toBe(200);
    expect(world.notifier.tables.channels.get(id)?.config).toMatchObject({ name: 'Ops receiver (night)', secret: SECRET });
    const fake = await call<{ error: string; field: string }>(admin, 'PUT', `/channels/${id}`, { id, kind, name, url, secret: '••••9999', enabled });
    expect(fake).toMatchObject({ status: 400, data: { field: 'secret', error: expect.stringContaining('masked value') } });
    const changed = await call<ChannelView>(admin, 'PUT', `/channels/${id}`, { id, kind, name, url, secret: 'a-brand-new-secret', enabled });
    expect(changed.status).toBe(200);
    expect(world.notifier.tables.channels.get(id)?.config).toMatchObject({ secret: 'a-brand-new-secret' });
    const updates = await world.access.listAudit({ action: 'notify-channel-updated' });
    expect(updates.map((e) => e.actor)).toEqual([world.accounts.get('sup'), world.accounts.get('admin')]);
  });

  it('refuses bad input with the field named', async () => {
    const bad = async (body: unknown) => (await call<{ field: string; error: string }>(admin, 'POST', '/channels', body)).data;
    expect(await bad({ kind: 'smtp', name: 'Mail', host: 'smtp.example.com', port: 70000, from: 'a@example.com' })).toMatchObject({ field: 'port' });
    expect(await bad({ kind: 'smtp', name: 'Mail', host: 'smtp.example.com', from: 'not an address' })).toMatchObject({ field: 'from' });
    expect(await bad({ kind: 'dingtalk', name: 'Ding', url: 'ftp://oapi.dingtalk.com/robot' })).toMatchObject({ field: 'url' });
    expect(await bad({ kind: 'webhook', name: 'Hook', url: 'https://h.example.com', secret: 'short' })).toMatchObject({ field: 'secret' });
    expect(await bad({ kind: 'pager', name: 'x' })).toMatchObject({ field: 'kind' });
    expect(await bad({ kind: 'slack', name: 'x', url: 'https://h.example.com', colour: 'red' })).toMatchObject({ field: 'colour' });
    expect(await bad({ id: 'from-file', kind: 'slack', name: 'x', url: 'https://h.example.com' })).toMatchObject({ field: 'id', error: expect.stringContaining('taken') });
    expect((await call(admin, 'PUT', '/channels/no-such', { kind: 'slack', name: 'x', url: 'https://h.example.com' })).status).toBe(404);
  });

  it('sends a test message now, saying whether it arrived, and counts it in the channel\'s health', async () => {
    const before = receiver.requests.length;
    const ok = await call<TestMessageResult>(admin, 'POST', `/channels/${hook.id}/test`, { language: 'en' });
    expect(ok).toMatchObject({ status: 200, data: { ok: true } });
    const [req] = (await receiver.received(before + 1)).slice(before);
    expect(req.url).toBe('/ops');
    expect(JSON.parse(req.body)).toMatchObject({ type: 'test', language: 'en', title: '[Test message] Floorwatch' });
    receiver.reply = () => ({ status: 500, body: 'receiver broken' });
    const failed = await call<TestMessageResult>(admin, 'POST', `/channels/${hook.id}/test`, {});
    receiver.reply = () => ({ status: 200, body: 'ok' });
    expect(failed.data).toMatchObject({ ok: false, error: expect.stringContaining('answered 500 Internal Server Error') });
    expect(failed.data.error).not.toContain('receiver broken');
    const health = await call<ChannelHealth[]>(admin, 'GET', '/health');
    expect(health.data.find((h) => h.channelId === hook.id)).toMatchObject({ sent: 1, failed: 1, consecutiveFailures: 1, lastError: expect.stringContaining('500') });
    const audit = await world.access.listAudit({ action: 'notify-test-sent' });
    expect(audit.map((e) => e.detail?.ok)).toEqual([true, false]);
  });
});

describe('a kept secret stays with its destination (no leaking it to a server of one\'s own)', () => {
  const PASSWORD = 'the-mail-password-2024';

  it('an e-mail channel moved to another host, port, user or TLS mode with the password masked is refused, naming the field', async () => {
    const created = await call<ChannelView>(admin, 'POST', '/channels', {
      id: 'relay', kind: 'smtp', name: 'Relay', host: 'smtp.centre.example', port: 587, tls: 'starttls', user: 'floorwatch', password: PASSWORD, from: 'fw@centre.example',
    });
    expect(created.status).toBe(201);
    const mail = created.data as Extract<ChannelView, { kind: 'smtp' }>;
    expect(mail.password).toBe('••••2024');
    const { id, kind, name, host, port, tls, user, password, from, enabled, rejectUnauthorized } = mail;
    const input = { id, kind, name, host, port, tls, user, password, from, enabled, rejectUnauthorized };

    // The review's reproduction: the supervisor points the channel at a listener of their own.
    for (const moved of [{ host: '127.0.0.1', port: 2626 }, { host: '127.0.0.1' }, { port: 2626 }, { user: 'someone-else' }, { tls: 'none' }, { rejectUnauthorized: false }]) {
      const res = await call<{ error: string; field: string; code: string; params: unknown }>(supervisor, 'PUT', `/channels/${id}`, { ...input, ...moved });
      expect(res, JSON.stringify(moved)).toMatchObject({
        status: 400,
        data: { field: 'password', code: 'secretDestinationChanged', params: { field: 'password' }, error: 'enter the password again: the server it is sent to changed' },
      });
    }
    expect(world.notifier.tables.channels.get(id)?.config).toMatchObject({ host: 'smtp.centre.example', port: 587, password: PASSWORD });

    // The same server (its name's case, no port sent: the default) keeps it; a new password may go anywhere.
    expect((await call(supervisor, 'PUT', `/channels/${id}`, { ...input, host: 'SMTP.Centre.Example', port: undefined, name: 'Relay (night)' })).status).toBe(200);
    expect(world.notifier.tables.channels.get(id)?.config).toMatchObject({ name: 'Relay (night)', password: PASSWORD });
    expect((await call(supervisor, 'PUT', `/channels/${id}`, { ...input, host: 'smtp2.centre.example', password: 'a-new-mail-password' })).status).toBe(200);
    expect(world.notifier.tables.channels.get(id)?.config).toMatchObject({ host: 'smtp2.centre.example', password: 'a-new-mail-password' });
    expect((await call(admin, 'DELETE', `/channels/${id}`)).status).toBe(204);
  });

  it('a webhook\'s or robot\'s secret is kept for the same origin (scheme, host, port) only', async () => {
    const made = await call<ChannelView>(admin, 'POST', '/channels', { id: 'signed', kind: 'webhook', name: 'Signed', url: 'https://bridge.centre.example/hooks/fw', secret: SECRET });
    const hook = made.data as Extract<ChannelView, { kind: 'webhook' }>;
    const input = { id: hook.id, kind: hook.kind, name: hook.name, url: hook.url, secret: hook.secret, enabled: hook.enabled };
    for (const url of [`${receiver.url}/steal`, 'http://bridge.centre.example/hooks/fw', 'https://bridge.centre.example:8443/hooks/fw', 'https://other.centre.example/hooks/fw']) {
      const res = await call<{ field: string; code: string }>(supervisor, 'PUT', '/channels/signed', { ...input, url });
      expect(res, url).toMatchObject({ status: 400, data: { field: 'secret', code: 'secretDestinationChanged' } });
    }
    expect((await call(supervisor, 'PUT', '/channels/signed', { ...input, url: 'https://BRIDGE.centre.example:443/hooks/other' })).status).toBe(200);
    expect(world.notifier.tables.channels.get('signed')?.config).toMatchObject({ url: 'https://BRIDGE.centre.example:443/hooks/other', secret: SECRET });
    expect((await call(admin, 'DELETE', '/channels/signed')).status).toBe(204);

    // A robot: its URL is a secret too (kept as it is: same origin); its signing secret is bound to that origin.
    const ding = (await call<ChannelView>(admin, 'POST', '/channels', {
      id: 'ding', kind: 'dingtalk', name: 'Ding', url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret: 'SECdingtalk-secret-99',
    })).data as Extract<ChannelView, { kind: 'dingtalk' }>;
    const dingInput = { id: ding.id, kind: ding.kind, name: ding.name, url: ding.url, secret: ding.secret, enabled: ding.enabled };
    expect((await call(supervisor, 'PUT', '/channels/ding', { ...dingInput, name: 'Ding (leads)' })).status).toBe(200);
    const moved = await call<{ field: string; code: string }>(supervisor, 'PUT', '/channels/ding', { ...dingInput, url: `${receiver.url}/robot/send?access_token=x` });
    expect(moved).toMatchObject({ status: 400, data: { field: 'secret', code: 'secretDestinationChanged' } });
    expect(world.notifier.tables.channels.get('ding')?.config).toMatchObject({ url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456', secret: 'SECdingtalk-secret-99' });
    expect((await call(admin, 'DELETE', '/channels/ding')).status).toBe(204);
  });
});

describe('where channels may point', () => {
  it('refuses link-local and cloud metadata addresses, naming the field; loopback and private networks are fine', async () => {
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://2852039166/', 'http://[fe80::1]:8080/', 'http://[::ffff:169.254.169.254]/', 'http://metadata.google.internal/computeMetadata/v1/', 'http://METADATA.google.internal./']) {
      const res = await call<{ field: string; code: string; error: string }>(supervisor, 'POST', '/channels', { kind: 'webhook', name: 'Meta', url, secret: SECRET });
      expect(res, url).toMatchObject({ status: 400, data: { field: 'url', code: 'destinationForbidden', error: expect.stringContaining('link-local or cloud metadata') } });
    }
    const slack = await call<{ field: string; error: string }>(supervisor, 'POST', '/channels', { kind: 'slack', name: 'Meta', url: 'http://169.254.169.254/services/T/B/secretkey' });
    expect(slack).toMatchObject({ status: 400, data: { field: 'url' } });
    expect(slack.data.error).not.toContain('secretkey');
    const mail = await call<{ field: string }>(supervisor, 'POST', '/channels', { kind: 'smtp', name: 'Meta', host: '169.254.169.254', from: 'fw@centre.example' });
    expect(mail).toMatchObject({ status: 400, data: { field: 'host' } });
    for (const url of ['http://127.0.0.1:9099/hook', 'http://10.1.2.3/hook', 'http://192.168.10.20/hook', 'https://172.16.5.6/hook', 'http://[::1]/hook', 'http://chat-bridge.centre.internal/hook']) {
      const res = await call<ChannelView>(supervisor, 'POST', '/channels', { kind: 'webhook', name: 'Bridge', url, secret: SECRET });
      expect(res.status, url).toBe(201);
      expect((await call(admin, 'DELETE', `/channels/${res.data.id}`)).status).toBe(204);
    }
  });

  it('a test message says the status, never what an internal server answered', async () => {
    const made = await call<ChannelView>(supervisor, 'POST', '/channels', { id: 'probe', kind: 'webhook', name: 'Probe', url: `${receiver.url}/internal`, secret: SECRET });
    expect(made.status).toBe(201);
    receiver.reply = () => ({ status: 404, body: '<!DOCTYPE html><html><body>internal admin console, token=abc123</body></html>' });
    const res = await call<TestMessageResult>(supervisor, 'POST', '/channels/probe/test', {});
    receiver.reply = () => ({ status: 200, body: 'ok' });
    expect(res.data).toMatchObject({ ok: false, error: `${receiver.url.replace('http://', '')} answered 404 Not Found` });
    const health = (await call<ChannelHealth[]>(admin, 'GET', '/health')).data.find((h) => h.channelId === 'probe');
    const audit = await world.access.listAudit({ action: 'notify-test-sent' });
    for (const text of [JSON.stringify(res.data), JSON.stringify(health), JSON.stringify(audit)]) {
      expect(text).not.toContain('DOCTYPE');
      expect(text).not.toContain('abc123');
    }
    expect((await call(admin, 'DELETE', '/channels/probe')).status).toBe(204);
  });
});

describe('recipients and routes', () => {
  it('checks references, names the field, and audits every change', async () => {
    const channels = (await call<ChannelView[]>(admin, 'GET', '/channels')).data;
    const hook = channels.find((c) => c.kind === 'webhook')!;
    const missing = await call<{ field: string }>(admin, 'POST', '/recipients', { name: 'Lead A', account: 'lead-a', contacts: [{ channel: 'nope' }] });
    expect(missing).toMatchObject({ status: 400, data: { field: 'contacts.0.channel' } });
    const quiet = await call<{ field: string }>(admin, 'POST', '/recipients', { name: 'Lead A', account: 'lead-a', contacts: [{ channel: hook.id }], quietHours: { from: '25:00', to: '07:00' } });
    expect(quiet.data.field).toBe('quietHours.from');
    const created = await call<RecipientView>(admin, 'POST', '/recipients', { id: 'lead-a', name: 'Lead A', account: 'lead-a', language: 'en', contacts: [{ channel: hook.id }] });
    expect(created).toMatchObject({ status: 201, data: { id: 'lead-a', language: 'en', source: 'ui', enabled: true } });

    expect((await call<{ field: string }>(admin, 'POST', '/routes', { recipients: ['ghost'] })).data.field).toBe('recipients.0');
    expect((await call<{ field: string }>(admin, 'POST', '/routes', { severities: ['urgent'] })).data.field).toBe('severities.0');
    const route = await call<RouteView>(admin, 'POST', '/routes', { id: 'critical', severities: ['critical'], channels: [hook.id], recipients: ['lead-a'] });
    expect(route).toMatchObject({ status: 201, data: { id: 'critical', levels: ['lead', 'supervisor', 'manager'], rules: [] } });

    expect((await call<{ error: string }>(admin, 'DELETE', `/channels/${hook.id}`)).status).toBe(409);
    const actions = (await world.access.listAudit({})).map((e) => e.action).filter((a) => a.startsWith('notify-'));
    expect(actions).toEqual(expect.arrayContaining(['notify-config-file-applied', 'notify-channel-created', 'notify-recipient-created', 'notify-route-created']));
  });

  it('a dead letter is listed and can be resent from the API; a sent one cannot', async () => {
    receiver.reply = () => ({ status: 400, body: 'no thanks' });
    await world.ingest(forbiddenPhrase('1001', 'A', 'c-1'));
    await world.notifier.sender.runDue();
    const dead = await call<DeliveryView[]>(supervisor, 'GET', '/deliveries?status=dead');
    expect(dead.data).toHaveLength(1);
    expect(dead.data[0]).toMatchObject({ rule: 'forbidden-phrases', article: '68', recipientId: 'lead-a', recipientName: 'Lead A', status: 'dead', attempts: 1, lastError: expect.stringContaining('400') });
    receiver.reply = () => ({ status: 200, body: 'ok' });
    const resent = await call<DeliveryView>(supervisor, 'POST', `/deliveries/${encodeURIComponent(dead.data[0].id)}/resend`);
    expect(resent).toMatchObject({ status: 200, data: { status: 'pending', attempts: 0 } });
    await world.notifier.sender.runDue();
    expect((await call<DeliveryView[]>(admin, 'GET', '/deliveries?status=sent')).data.map((d) => d.id)).toEqual([dead.data[0].id]);
    expect((await call(admin, 'POST', `/deliveries/${encodeURIComponent(dead.data[0].id)}/resend`)).status).toBe(409);
    expect((await call<{ field: string }>(admin, 'GET', '/deliveries?status=lost')).data.field).toBe('status');
  });

  it('deletes in order (route, recipient, channel), each audited', async () => {
    const channels = (await call<ChannelView[]>(admin, 'GET', '/channels')).data;
    const hook = channels.find((c) => c.kind === 'webhook')!;
    expect((await call(admin, 'DELETE', '/recipients/lead-a')).status).toBe(409);
    expect((await call(admin, 'DELETE', '/routes/critical')).status).toBe(204);
    expect((await call(admin, 'DELETE', '/recipients/lead-a')).status).toBe(204);
    expect((await call(admin, 'DELETE', `/channels/${hook.id}`)).status).toBe(204);
    expect((await call(admin, 'DELETE', `/channels/${hook.id}`)).status).toBe(404);
    const actions = (await world.access.listAudit({})).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['notify-route-deleted', 'notify-recipient-deleted', 'notify-channel-deleted']));
  });
});
