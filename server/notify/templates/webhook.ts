/**
 * The generic webhook's JSON body (documented in docs/notifications.md): the structured
 * message for programs, and the same words as `text` for people. No customer data.
 */
import type { NotificationMessage } from '../../../shared/notify.js';
import { contentOf, plainText } from './content.js';

export interface WebhookBody extends NotificationMessage {
  sentAt: number;
  /** The alert's age when sent, in seconds. */
  ageSeconds: number;
  title: string;
  text: string;
}

export function webhookBody(msg: NotificationMessage, now: number): WebhookBody {
  const c = contentOf(msg, now);
  return { ...msg, sentAt: now, ageSeconds: Math.max(0, Math.floor((now - msg.alert.openedAt) / 1000)), title: c.title, text: plainText(c) };
}
