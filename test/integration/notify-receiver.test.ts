/**
 * The webhook receiver behind `floorwatch webhook-receiver` (the demo's), fed by the real
 * webhook channel: it passes on verified messages, marks a repeated delivery id, refuses
 * a wrong signature, and fails on purpose when asked (to watch retries).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationMessage } from '../../shared/notify.js';
import { sendWebhook } from '../../server/notify/channels/webhook.js';
import { startReceiver, type Receiver } from '../../server/notify/receiver/receiver.js';
import type { WebhookBody } from '../../server/notify/templates/webhook.js';

const message: NotificationMessage = {
  id: 'al-1:lead:lead-a:hook', type: 'alert.opened', language: 'en', recipient: { id: 'lead-a', name: 'Lead A' },
  alert: { id: 'al-1', rule: 'urgent-escalation', article: '93, 94', severity: 'critical', level: 'lead', subject: { kind: 'agent', agentId: '1001', teamId: 'A' }, openedAt: Date.now() - 5000, url: 'http://fw/alerts?alert=al-1' },
};

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
});

describe('the webhook receiver', () => {
  it('passes on verified messages, marks repeats, refuses a wrong secret, fails on purpose first when asked', async () => {
    const got: Array<{ m: WebhookBody; repeat: boolean }> = [];
    const refused: string[] = [];
    receiver = await startReceiver({
      port: 0, host: '127.0.0.1', secret: 'receiver-secret', failFirst: 1,
      onMessage: (m, info) => got.push({ m, repeat: info.repeat }), onRefused: (r) => refused.push(r),
    });
    const send = (secret: string) => sendWebhook({ id: 'hook', name: 'Hook', enabled: true, kind: 'webhook', url: receiver!.url, secret }, { message, now: Date.now() }, { timeoutMs: 5000 });
    await expect(send('receiver-secret')).rejects.toThrow(/answered 500/);
    await send('receiver-secret');
    await send('receiver-secret');
    await expect(send('some-other-secret')).rejects.toMatchObject({ permanent: true, message: expect.stringContaining('answered 401') });
    expect(got.map((g) => [g.m.id, g.repeat])).toEqual([[message.id, false], [message.id, true]]);
    expect(got[0].m.text).toContain('Urgent matters reported upward at once (art. 93, 94)');
    expect(refused).toEqual([expect.stringContaining('on purpose'), expect.stringContaining('signature does not match')]);
  });
});
