/**
 * WeCom (企业微信) group robot: `{ msgtype: 'markdown', markdown: { content } }`. A contact's
 * `to` is the member's userid, mentioned as `<@userid>` (WeCom markdown's mention syntax).
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf, markdownText } from './content.js';

export function wecomBody(msg: NotificationMessage, now: number, to?: string) {
  const text = markdownText(contentOf(msg, now));
  return { msgtype: 'markdown' as const, markdown: { content: to === undefined ? text : `${text}\n<@${to}>` } };
}
