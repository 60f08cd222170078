/**
 * The small pages behind an acknowledge link, for a phone: what the alert is (what
 * happened, rule, article, subject, age: never customer data), whom it acknowledges as,
 * and one button; then the outcome. Signed out, the same facts and a button to sign in
 * (the sign-in page comes back here). Or a clear refusal (used, expired, not valid, sent to
 * another account, not yours) with the one thing to do next. Chinese or English, the
 * recipient's language. No script, no external resources.
 */
import { withoutCallId } from '../../../shared/alert-titles.js';
import type { Alert } from '../../../shared/alerts.js';
import type { NotifyLanguage } from '../../../shared/notify.js';
import { ruleTitle } from '../../../shared/rule-titles.js';
import { ageText, subjectText, whatText, WORDS } from '../templates/words.js';
import type { AckCheck, AckRefusal, AckRefused } from './ack-service.js';

const TEXT = {
  'zh-CN': {
    title: '确认告警',
    as: (name: string) => `将以 ${name} 的身份确认。`,
    button: '确认此告警',
    doneTitle: '已确认',
    done: (name: string) => `告警已由 ${name} 确认，升级已停止。`,
    passedOn: (name: string) => `${name} 已确认，紧急事项已上报现场主管（第九十四条）。`,
    refusedTitle: '无法确认',
    view: '在看板上查看',
    level: '当前级别',
    signInTitle: '登录后确认',
    signInFor: (name: string) => `此链接是发给 ${name} 的。请以此账号登录，登录后将回到此页面。`,
    signIn: '登录',
    whose: (sentTo: string, signedIn: string) => `链接发给：${sentTo}；当前登录：${signedIn}。`,
    changePassword: '修改密码',
    openAgain: '重新打开此链接',
    reasons: {
      tampered: '此链接无效（不完整或被修改过）。请使用消息中的原始链接。',
      used: '此链接已经使用过。每个确认链接只能使用一次。',
      expired: '此链接已过期。请在看板上确认此告警。',
      'no-account': '此链接所属的账号不存在或已停用。',
      'sign-in': '请先以此链接所属的账号登录。',
      'other-account': '此链接是发给另一个账号的，不能以您当前登录的账号使用。请退出后以该账号登录，或在看板上处理此告警。',
      'change-password': '请先修改密码，然后重新打开此链接。',
      'stale-page': '此页面已过期（打开后登录状态有变化）。请重新打开此链接。',
      forbidden: '此账号无权处理此告警（不属于其班组）。',
      'not-open': '此告警已被确认或已解决，无需再次确认。',
    } satisfies Record<AckRefusal, string>,
  },
  en: {
    title: 'Acknowledge the alert',
    as: (name: string) => `You acknowledge as ${name}.`,
    button: 'Acknowledge this alert',
    doneTitle: 'Acknowledged',
    done: (name: string) => `The alert was acknowledged by ${name}; escalation has stopped.`,
    passedOn: (name: string) => `Acknowledged by ${name}; the urgent matter was passed on to the floor supervisor (article 94).`,
    refusedTitle: 'Cannot acknowledge',
    view: 'View on the wallboard',
    level: 'Level now',
    signInTitle: 'Sign in to acknowledge',
    signInFor: (name: string) => `This link was sent to ${name}. Sign in as that account; you come back to this page afterwards.`,
    signIn: 'Sign in',
    whose: (sentTo: string, signedIn: string) => `Sent to: ${sentTo}. Signed in: ${signedIn}.`,
    changePassword: 'Change the password',
    openAgain: 'Open this link again',
    reasons: {
      tampered: 'This link is not valid (incomplete or changed). Use the link exactly as it came in the message.',
      used: 'This link has been used already. Each acknowledge link works once.',
      expired: 'This link has expired. Acknowledge the alert on the wallboard.',
      'no-account': 'The account this link belongs to does not exist or is disabled.',
      'sign-in': 'Sign in first, as the account this link was sent to.',
      'other-account': 'This link was sent to another account; it cannot be used signed in as you. Sign out and sign in as that account, or deal with the alert on the wallboard.',
      'change-password': 'Change your password first, then open this link again.',
      'stale-page': 'This page is out of date (the session changed since it was opened). Open this link again.',
      forbidden: 'This account may not act on this alert (not one of its teams).',
      'not-open': 'This alert has been acknowledged or resolved already; nothing to do.',
    } satisfies Record<AckRefusal, string>,
  },
} as const;

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(language: NotifyLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escape(title)} · Floorwatch</title>
<style>
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;background:#0f1620;color:#e8eef5;margin:0;padding:1.25rem;line-height:1.5}
main{max-width:32rem;margin:0 auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;background:#17212d;border-radius:.5rem;padding:1rem}
dt{color:#9fb0c2}dd{margin:0}.sev-critical{color:#ff8a80;font-weight:700}
button,.button{display:block;box-sizing:border-box;width:100%;font-size:1.15rem;padding:.9rem;margin-top:1.25rem;border:0;border-radius:.5rem;background:#2e9b5b;color:#fff;font-weight:700;text-align:center;text-decoration:none}
button:focus-visible,a:focus-visible{outline:3px solid #7cc4ff;outline-offset:2px}
.note{color:#9fb0c2}.refused{border-left:5px solid #ffb74d;padding:.5rem 1rem;background:#2b230c}.done{border-left:5px solid #2e9b5b;padding:.5rem 1rem;background:#12301f}
a{color:#7cc4ff}
</style></head><body><main>${body}</main></body></html>`;
}

function facts(alert: Alert, language: NotifyLanguage, now: number): string {
  const w = WORDS[language];
  const subject = {
    kind: alert.subject.kind,
    ...(alert.agentId !== undefined && { agentId: alert.agentId }),
    ...(alert.teamId !== undefined && { teamId: alert.teamId }),
    ...(alert.queue !== undefined && { queue: alert.queue }),
  };
  const what = whatText({ titleCode: alert.titleCode, titleParams: withoutCallId(alert.titleParams ?? {}) }, language);
  const rows: Array<[string, string]> = [
    ...(what === undefined ? [] : [[w.what, what] as [string, string]]),
    [w.rule, `${ruleTitle(alert.rule, language)} (${w.article(alert.article)})`],
    [w.subject, subjectText(subject, language)],
    [w.age, ageText(now - alert.openedAt, language)],
    [TEXT[language].level, w.level[alert.escalationLevel]],
  ];
  return `<p class="sev-${alert.severity}">[${escape(w.severity[alert.severity])}]</p>`
    + `<dl>${rows.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`;
}

const nameOf = (who: { name: string; username: string }): string => `${who.name} (${who.username})`;

/** The link's own path: where its form posts, and where the sign-in page comes back to. */
export const ackPath = (token: string): string => `/ack/${encodeURIComponent(token)}`;

/**
 * The one button, for the person the link was sent to, signed in. The form carries their
 * session's CSRF token: a POST that rides on their cookie from anywhere else is refused.
 */
export function confirmPage(c: Extract<AckCheck, { ok: true }>, token: string, now: number, csrfToken: string): string {
  const t = TEXT[c.language];
  return page(c.language, t.title, `<h1>${escape(t.title)}</h1>${facts(c.alert, c.language, now)}
<p>${escape(t.as(nameOf(c.account)))}</p>
<form method="post" action="${ackPath(token)}"><input type="hidden" name="csrf" value="${escape(csrfToken)}"><button type="submit">${escape(t.button)}</button></form>`);
}

/** Signed out: what the alert is, to whom the link was sent, and a button to sign in that comes back here. */
function signInPage(c: AckRefused, token: string, now: number): string {
  const t = TEXT[c.language];
  const signIn = `/sign-in?next=${encodeURIComponent(ackPath(token))}`;
  return page(c.language, t.signInTitle, `<h1>${escape(t.signInTitle)}</h1>${c.alert ? facts(c.alert, c.language, now) : ''}
<p>${escape(c.account ? t.signInFor(nameOf(c.account)) : t.reasons['sign-in'])}</p>
<a class="button" href="${escape(signIn)}">${escape(t.signIn)}</a>`);
}

export function donePage(c: Extract<AckCheck, { ok: true }>, now: number, alertUrl: string): string {
  const t = TEXT[c.language];
  const who = nameOf(c.person);
  // Still open after the acknowledgement: an urgent report moved up to the supervisor (art. 94).
  const said = c.alert.status === 'open' ? t.passedOn(who) : t.done(who);
  return page(c.language, t.doneTitle, `<h1>${escape(t.doneTitle)}</h1><p class="done" role="status">${escape(said)}</p>
${facts(c.alert, c.language, now)}<p><a href="${escape(alertUrl)}">${escape(t.view)}</a></p>`);
}

/**
 * Why the link cannot be used now, and the one thing to do next: sign in (with the alert's
 * facts), change the password, open the link again, or go to the alert on the wallboard.
 */
export function refusedPage(c: AckRefused, token: string, now: number, alertUrl: (alertId: string) => string): string {
  if (c.reason === 'sign-in') return signInPage(c, token, now);
  const t = TEXT[c.language];
  const whose = c.reason === 'other-account' && c.account && c.person ? `<p class="note">${escape(t.whose(nameOf(c.account), nameOf(c.person)))}</p>` : '';
  const next = c.reason === 'change-password' ? link('/password', t.changePassword)
    : c.reason === 'stale-page' ? link(ackPath(token), t.openAgain)
      : c.reason === 'other-account' && c.alert ? link(alertUrl(c.alert.id), t.view)
        : '';
  return page(c.language, t.refusedTitle, `<h1>${escape(t.refusedTitle)}</h1><p class="refused" role="alert">${escape(t.reasons[c.reason])}</p>${whose}${next}`);
}

const link = (href: string, text: string): string => `<p><a href="${escape(href)}">${escape(text)}</a></p>`;

/** The status a refusal is answered with. */
export const REFUSAL_STATUS: Record<AckRefusal, number> = {
  tampered: 400, used: 410, expired: 410, 'no-account': 403, 'not-open': 409,
  'sign-in': 401, 'other-account': 403, 'change-password': 403, 'stale-page': 403, forbidden: 403,
};

/** The server failed (the link's language is not known here: both languages). Nothing was acknowledged. */
export function failedPage(): string {
  return page('zh-CN', '出错了 · Something went wrong', `<h1>出错了 · Something went wrong</h1>
<p class="refused" role="alert">服务器出错，此告警未被确认。请稍后重试，或在看板上确认。</p>
<p class="refused" lang="en">The server had a problem: the alert was not acknowledged. Try again in a moment, or acknowledge it on the wallboard.</p>`);
}
