/** E-mail: the subject, a plain-text part and a small HTML part with the two links as buttons. */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf, plainText } from './content.js';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function emailContent(msg: NotificationMessage, now: number): EmailContent {
  const c = contentOf(msg, now);
  const facts = c.facts.map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${escape(f.label)}</th><td>${escape(f.value)}</td></tr>`).join('');
  const button = (label: string, url: string, colour: string) =>
    `<a href="${escape(url)}" style="display:inline-block;padding:10px 16px;margin:4px 8px 4px 0;background:${colour};color:#fff;text-decoration:none;border-radius:4px">${escape(label)}</a>`;
  const html = [
    `<!doctype html><html lang="${msg.language}"><body style="font-family:sans-serif">`,
    `<h2 style="margin:0 0 8px">${escape(c.title)}</h2>`,
    `<p>${escape(c.headline)}</p>`,
    `<table>${facts}</table>`,
    `<p>${button(c.view.label, c.view.url, '#2f6fb2')}${c.acknowledge ? button(c.acknowledge.label, c.acknowledge.url, '#1e7f45') : ''}</p>`,
    c.acknowledge ? `<p style="color:#666">${escape(c.acknowledge.note)}</p>` : '',
    `<p style="color:#888;font-size:12px">${escape(c.footer)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: c.title, text: plainText(c), html };
}
