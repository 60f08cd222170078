/** The small pure pieces of delivery: backoff, the webhook signature, ack-link tokens, robot signing. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAckToken, signAckToken } from '../../../server/notify/ack/token.js';
import { dingtalkSign, dingtalkUrl } from '../../../server/notify/channels/dingtalk.js';
import { feishuSign } from '../../../server/notify/channels/feishu.js';
import { signWebhook, verifyWebhookSignature } from '../../../server/notify/channels/webhook.js';
import { retryDelayMs } from '../../../server/notify/delivery/backoff.js';
import { isMasked, maskSecret } from '../../../shared/notify.js';

describe('retry backoff', () => {
  const policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 0.2 };

  it('doubles after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, policy, () => 0))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('adds up to `jitter` of the wait at random, never less than the wait', () => {
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(4400);
    expect(retryDelayMs(3, policy, () => 0.999)).toBeLessThan(4800);
    // Even at the extremes of chance the waits still grow.
    expect(retryDelayMs(2, policy, () => 0.999)).toBeLessThan(retryDelayMs(3, policy, () => 0));
  });
});

describe('webhook signature', () => {
  const secret = 'a-shared-secret';
  const body = JSON.stringify({ id: 'x', text: '告警' });
  const now = 1_800_000_000_000;

  it('is HMAC-SHA256 over "timestamp.body", and verifies', () => {
    const expected = createHmac('sha256', secret).update(`${now}.${body}`).digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`sha256=${expected}`);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(now), signature: signWebhook(secret, now, body), now })).toEqual({ ok: true });
  });

  it('fails for a changed body, another secret, a moved timestamp, an old request, or missing headers', () => {
    const signature = signWebhook(secret, now, body);
    const check = (o: Partial<Parameters<typeof verifyWebhookSignature>[0]>) => verifyWebhookSignature({ secret, body, timestamp: String(now), signature, now, ...o });
    expect(check({ body: body.replace('告警', '警告') })).toMatchObject({ ok: false, reason: expect.stringContaining('does not match') });
    expect(check({ secret: 'another-secret' }).ok).toBe(false);
    expect(check({ timestamp: String(now + 1) }).ok).toBe(false);
    expect(check({ now: now + 6 * 60_000 })).toMatchObject({ ok: false, reason: expect.stringContaining('away from now') });
    expect(check({ signature: undefined }).ok).toBe(false);
    expect(check({ timestamp: 'yesterday' }).ok).toBe(false);
  });
});

describe('acknowledge-link tokens', () => {
  const key = 'k'.repeat(64);
  const claims = { delivery: 'al-1:lead:lead-a:hook', alertId: 'al-1', account: 'lead-a', expiresAt: 1_800_000_000_000 };

  it('read back what was signed', () => {
    expect(readAckToken(key, signAckToken(key, claims))).toEqual(claims);
  });

  it('refuse a token changed in any way, or signed with another key', () => {
    const token = signAckToken(key, claims);
    const [payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ d: claims.delivery, a: claims.alertId, u: 'someone-else', e: claims.expiresAt })).toString('base64url');
    expect(readAckToken(key, `${forged}.${mac}`)).toBeUndefined();
    expect(readAckToken(key, `${payload}.${mac.slice(0, -2)}`)).toBeUndefined();
    expect(readAckToken(key, payload)).toBeUndefined();
    expect(readAckToken('x'.repeat(64), token)).toBeUndefined();
    expect(readAckToken(key, 'not-a-token')).toBeUndefined();
  });
});

describe('robot signing, as the platforms document it', () => {
  it('DingTalk: base64 HMAC-SHA256 of "timestamp\\nsecret" keyed by the secret, urlencoded in the URL', () => {
    const sign = createHmac('sha256', 'SECxyz').update('1700000000000\nSECxyz').digest('base64');
    expect(dingtalkSign('SECxyz', 1_700_000_000_000)).toBe(sign);
    const url = new URL(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', 1_700_000_000_000));
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe(sign);
    expect(url.search).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=abc', undefined, 1)).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
  });

  it('Feishu: base64 HMAC-SHA256 of nothing, keyed by "timestamp\\nsecret"', () => {
    expect(feishuSign('s3cret', 1_700_000_000)).toBe(createHmac('sha256', '1700000000\ns3cret').update('').digest('base64'));
  });
});

describe('secret masking', () => {
  it('keeps a URL\'s host and a secret\'s last four characters, never the rest', () => {
    const url = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
    expect(maskSecret(url)).toBe('https://qyapi.weixin.qq.com/••••5aaa');
    expect(maskSecret('a-long-hmac-secret-value')).toBe('••••alue');
    expect(maskSecret('short-one')).toBe('••••');
    expect(isMasked(maskSecret(url))).toBe(true);
    expect(isMasked(url)).toBe(false);
  });
});
