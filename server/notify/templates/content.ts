/**
 * What every message says, before a channel puts it in its own format: a title, one
 * headline (new, or escalated to whom), the facts (what happened, rule and article,
 * subject, age, level) and the two links. Built only from NotificationMessage, which holds no customer data.
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { ruleTitle } from '../../../shared/rule-titles.js';
import { ageText, subjectText, whatText, WORDS } from './words.js';

export interface MessageContent {
  /** One line: severity, what happened (or the rule), article (the e-mail subject, the card title). */
  title: string;
  headline: string;
  facts: Array<{ label: string; value: string }>;
  view: { label: string; url: string };
  acknowledge?: { label: string; url: string; note: string };
  footer: string;
}

export function contentOf(msg: NotificationMessage, now: number): MessageContent {
  const w = WORDS[msg.language];
  const a = msg.alert;
  const rule = ruleTitle(a.rule, msg.language);
  const article = w.article(a.article);
  if (msg.type === 'test') {
    return {
      title: `[${w.test}] Floorwatch`,
      headline: w.testBody,
      facts: [{ label: w.rule, value: `${rule} (${article})` }],
      view: { label: w.view, url: a.url },
      footer: w.footer,
    };
  }
  const level = w.level[a.level];
  // What happened leads (a phone's preview shows the title); the rule it breaks follows.
  const what = whatText(a, msg.language);
  const content: MessageContent = {
    title: `[${w.severity[a.severity]}] ${what ?? rule} · ${article}`,
    headline: msg.type === 'alert.escalated' ? w.escalated(level) : w.opened(level),
    facts: [
      ...(what === undefined ? [] : [{ label: w.what, value: what }]),
      { label: w.rule, value: `${rule} (${article})` },
      { label: w.subject, value: subjectText(a.subject, msg.language) },
      { label: w.age, value: ageText(now - a.openedAt, msg.language) },
    ],
    view: { label: w.view, url: a.url },
    footer: w.footer,
  };
  if (msg.acknowledge) {
    const minutes = Math.max(1, Math.round((msg.acknowledge.expiresAt - now) / 60_000));
    content.acknowledge = { label: w.acknowledge, url: msg.acknowledge.url, note: w.ackNote(minutes) };
  }
  return content;
}

/** The content as plain text lines (e-mail text part, WeCom, the webhook's `text`). */
export function plainText(c: MessageContent): string {
  const lines = [c.title, c.headline, '', ...c.facts.map((f) => `${f.label}: ${f.value}`), '', `${c.view.label}: ${c.view.url}`];
  if (c.acknowledge) lines.push(`${c.acknowledge.label} (${c.acknowledge.note}): ${c.acknowledge.url}`);
  lines.push('', c.footer);
  return lines.join('\n');
}

/** Markdown with links (DingTalk, WeCom markdown, and Slack after its own escaping). */
export function markdownText(c: MessageContent, link: (label: string, url: string) => string = (l, u) => `[${l}](${u})`): string {
  const lines = [`**${c.title}**`, '', c.headline, '', ...c.facts.map((f) => `- ${f.label}: ${f.value}`), '', link(c.view.label, c.view.url)];
  if (c.acknowledge) lines.push('', `${link(c.acknowledge.label, c.acknowledge.url)} (${c.acknowledge.note})`);
  return lines.join('\n');
}
