/**
 * Feishu / Lark custom bot, rich text: `{ msg_type: 'post', content: { post: { zh_cn | en_us:
 * { title, content: [[element ...] per line] } } } }`. A contact's `to` is an open_id /
 * user_id, mentioned with an `at` element. Signing is the channel's (channels/feishu.ts).
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf } from './content.js';

type FeishuElement = { tag: 'text'; text: string } | { tag: 'a'; text: string; href: string } | { tag: 'at'; user_id: string };

export function feishuBody(msg: NotificationMessage, now: number, to?: string) {
  const c = contentOf(msg, now);
  const content: FeishuElement[][] = [
    [{ tag: 'text', text: c.headline }],
    ...c.facts.map((f): FeishuElement[] => [{ tag: 'text', text: `${f.label}: ${f.value}` }]),
    [{ tag: 'a', text: c.view.label, href: c.view.url }],
  ];
  if (c.acknowledge) content.push([{ tag: 'a', text: c.acknowledge.label, href: c.acknowledge.url }, { tag: 'text', text: ` (${c.acknowledge.note})` }]);
  if (to !== undefined) content.push([{ tag: 'at', user_id: to }]);
  const locale = msg.language === 'zh-CN' ? 'zh_cn' : 'en_us';
  return { msg_type: 'post' as const, content: { post: { [locale]: { title: c.title, content } } } };
}
