/**
 * Every channel's message, in both languages: what happened (the alert's title code in
 * the message's words), the rule, its article, the subject, the age and the two links; never the caller's number or what was said, although the real alert
 * carries both in `sensitive`.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { CHANNEL_KINDS, NOTIFY_LANGUAGES, type NotificationMessage, type NotifyLanguage } from '../../../shared/notify.js';
import { messageFor } from '../../../server/notify/decider.js';
import { route } from '../../../server/notify/routing/decide.js';
import { dingtalkBody } from '../../../server/notify/templates/dingtalk.js';
import { emailContent } from '../../../server/notify/templates/email.js';
import { feishuBody } from '../../../server/notify/templates/feishu.js';
import { slackBody } from '../../../server/notify/templates/slack.js';
import { teamsBody } from '../../../server/notify/templates/teams.js';
import { webhookBody } from '../../../server/notify/templates/webhook.js';
import { wecomBody } from '../../../server/notify/templates/wecom.js';
import { CALLER, escalatingAlert, PHRASE, recipient, routeOf } from './fixtures.js';

const { supervisor: alert } = escalatingAlert('A');
const PUBLIC = 'https://floor.example.com';

function message(language: NotifyLanguage, of: Alert = alert): NotificationMessage {
  const sup = recipient({ id: 'sup', account: 'sup', language }, { accountId: 'a3', username: 'sup', role: 'supervisor', teams: [] });
  const [decision] = route(of, {
    routes: [routeOf()], recipients: [sup], channels: new Set(['hook']), now: alert.updatedAt, timeZone: 'Asia/Shanghai',
    dedupeWindowMs: 0, lastNotifiedAt: () => undefined,
  }).decisions;
  return messageFor(of, decision, sup, PUBLIC, { url: `${PUBLIC}/ack/TOKEN123`, expiresAt: alert.updatedAt + 30 * 60_000 });
}

const NOW_PLUS = 200_000; // 3 min 20 s after the alert opened... plus its age at escalation
const render: Record<(typeof CHANNEL_KINDS)[number], (m: NotificationMessage, now: number) => unknown> = {
  webhook: webhookBody, smtp: emailContent, wecom: wecomBody, dingtalk: dingtalkBody, feishu: feishuBody, slack: slackBody, teams: teamsBody,
};

describe('message templates', () => {
  it('the alert really carries customer data (so the checks below mean something)', () => {
    expect(alert.sensitive?.callerNumber).toBe(CALLER);
    expect(alert.sensitive?.text).toBeTruthy();
    expect(PHRASE).toContain(alert.sensitive!.text!);
  });

  for (const language of NOTIFY_LANGUAGES) {
    for (const kind of CHANNEL_KINDS) {
      it(`${kind} in ${language}: what happened, rule, article, subject, age, both links; no customer data`, () => {
        const m = message(language);
        const now = alert.openedAt + NOW_PLUS;
        const text = JSON.stringify(render[kind](m, now));
        expect(text).toContain(language === 'zh-CN' ? '使用了服务禁语' : 'A forbidden phrase used');
        const rule = language === 'zh-CN' ? '不得使用服务禁语' : 'No forbidden service phrases';
        expect(text).toContain(rule);
        expect(text).toContain(language === 'zh-CN' ? '第 68 条' : 'art. 68');
        expect(text).toContain(language === 'zh-CN' ? '工号 1001（班组 A）' : 'agent 1001 (team A)');
        expect(text).toContain(language === 'zh-CN' ? '3 分 20 秒' : '3 min 20 s');
        expect(text).toContain(`${PUBLIC}/alerts?alert=${alert.id}`);
        expect(text).toContain(`${PUBLIC}/ack/TOKEN123`);
        expect(text).not.toContain(CALLER);
        expect(text).not.toContain('138');
        expect(text).not.toContain(alert.sensitive!.text!);
        expect(text).not.toContain(alert.title);
      });
    }
  }

  it('says the alert escalated, and to whom', () => {
    expect(emailContent(message('en'), alert.openedAt).text).toContain('escalated to the floor supervisor');
    expect(emailContent(message('zh-CN'), alert.openedAt).text).toContain('已升级至现场主管');
  });

  it('leads with what happened, its figures in the message\'s words, and names no call', () => {
    const m = message('zh-CN');
    m.alert.titleCode = 'away-without-reason.tooLong';
    m.alert.titleParams = { agent: '1001', notReady: 'meal', seconds: 1800 };
    const zh = emailContent(m, alert.openedAt);
    expect(zh.subject).toBe('[严重] 示忙（用餐）超过 1800 秒 · 第 68 条');
    expect(zh.text).toContain('情况: 示忙（用餐）超过 1800 秒');
    const en = emailContent({ ...m, language: 'en' }, alert.openedAt);
    expect(en.text).toContain('What: Not ready (meal) for over 1800 s');
    // The decider leaves the call's id out of what a message carries.
    const carried = message('en', { ...alert, titleCode: 'wrap-up-record.unrecorded', titleParams: { agent: '1001', call: 'pbx-uniqueid-77' } });
    expect(carried.alert.titleParams).toEqual({ agent: '1001' });
    expect(JSON.stringify(webhookBody(carried, alert.openedAt))).not.toContain('pbx-uniqueid-77');
  });

  it('names the rule alone for an alert without a code (stored before codes existed)', () => {
    const m = message('en');
    delete m.alert.titleCode;
    delete m.alert.titleParams;
    expect(emailContent(m, alert.openedAt).subject).toBe('[Critical] No forbidden service phrases · art. 68');
  });

  it('escapes HTML in the e-mail and mrkdwn in Slack', () => {
    const m = message('en');
    m.alert.subject.queue = undefined;
    m.alert.subject.agentId = '<b>1001</b> & co';
    expect(emailContent(m, alert.openedAt).html).toContain('&#60;b&#62;1001&#60;/b&#62; &#38; co');
    expect(JSON.stringify(slackBody(m, alert.openedAt))).toContain('&lt;b&gt;1001&lt;/b&gt; &amp; co');
  });
});
