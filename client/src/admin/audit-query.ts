/**
 * The audit page's filters as the server's query. The API answers oldest first, at most
 * `limit` entries: the page asks for a bounded range (today by default) and shows it
 * newest first. The CSV export link carries the same filters.
 */
import dayjs from 'dayjs';
import { addDays, dayStart, localDate } from '../schedule/plan-time.js';

export const AUDIT_PAGE_LIMIT = 1000;

/** Known actions, offered as suggestions; the floor's commands add their own. */
export const AUDIT_ACTIONS = [
  'sign-in', 'sign-in-failed', 'sign-out', 'sign-out-everywhere',
  'password-changed', 'password-change-failed',
  'account-created', 'account-updated', 'password-reset',
  'display-paired', 'display-revoked', 'feed-token-created', 'feed-token-revoked',
  'audit-exported', 'alert-acknowledged',
] as const;

export interface AuditFilters {
  /** YYYY-MM-DD, a day of the centre's zone (the browser's until it is known); empty: no bound. */
  fromDate: string;
  toDate: string;
  actor: string;
  action: string;
}

/** Today where the centre is (`tz`, the rules' zone), like every date on the pages. */
export function todayFilters(now = Date.now(), tz?: string): AuditFilters {
  const today = tz === undefined ? dayjs(now).format('YYYY-MM-DD') : localDate(now, tz);
  return { fromDate: today, toDate: today, actor: '', action: '' };
}

/**
 * The query string (without `?`); `actorIds` turns a typed username into the id the log
 * records. The days run from the centre's midnight to the next (`tz`).
 */
export function auditQuery(f: AuditFilters, actorIds: ReadonlyMap<string, string> = new Map(), limit?: number, tz?: string): string {
  const q = new URLSearchParams();
  const start = (date: string): number => (tz === undefined ? dayjs(date).startOf('day').valueOf() : dayStart(date, tz));
  if (f.fromDate !== '') q.set('from', String(start(f.fromDate)));
  if (f.toDate !== '') q.set('to', String(start(addDays(f.toDate, 1)) - 1));
  const actor = f.actor.trim();
  if (actor !== '') q.set('actor', actorIds.get(actor.toLowerCase()) ?? actor);
  if (f.action.trim() !== '') q.set('action', f.action.trim());
  if (limit !== undefined) q.set('limit', String(limit));
  return q.toString();
}
