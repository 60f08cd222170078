/**
 * DingTalk (钉钉) custom robot: `{ msgtype: 'markdown', markdown: { title, text }, at }`. A
 * contact's `to` is a mobile number: it goes in `at.atMobiles` and, as DingTalk requires
 * for the mention to show, as `@mobile` in the text.
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf, markdownText } from './content.js';

export function dingtalkBody(msg: NotificationMessage, now: number, to?: string) {
  const c = contentOf(msg, now);
  const text = markdownText(c);
  return {
    msgtype: 'markdown' as const,
    markdown: { title: c.title, text: to === undefined ? text : `${text}\n\n@${to}` },
    at: { atMobiles: to === undefined ? [] : [to], isAtAll: false },
  };
}
