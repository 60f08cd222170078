/**
 * Slack incoming webhook: `{ text, blocks }`; `text` is the notification's fallback line,
 * the blocks a header, the facts and the two links in mrkdwn (`<url|label>`).
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf } from './content.js';

/** mrkdwn needs &, < and > escaped in text (its link syntax uses < >). */
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackBody(msg: NotificationMessage, now: number) {
  const c = contentOf(msg, now);
  const link = (label: string, url: string) => `<${url}|${escape(label)}>`;
  const facts = c.facts.map((f) => `*${escape(f.label)}*: ${escape(f.value)}`).join('\n');
  const links = [link(c.view.label, c.view.url)];
  if (c.acknowledge) links.push(`${link(c.acknowledge.label, c.acknowledge.url)} (${escape(c.acknowledge.note)})`);
  return {
    text: `${c.title} - ${c.headline}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: c.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `${escape(c.headline)}\n${facts}` } },
      { type: 'section', text: { type: 'mrkdwn', text: links.join('   ') } },
    ],
  };
}
