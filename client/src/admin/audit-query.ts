/**
 * The audit page's filters as the server's query. The API answers oldest first, at most
 * `limit` entries: the page asks for a bounded range (today by default) and shows it
 * newest first. The CSV export link carries the same filters.
 */
import dayjs from 'dayjs';

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
  /** YYYY-MM-DD, the browser's own zone; empty: no bound. */
  fromDate: string;
  toDate: string;
  actor: string;
  action: string;
}

export function todayFilters(now = Date.now()): AuditFilters {
  const today = dayjs(now).format('YYYY-MM-DD');
  return { fromDate: today, toDate: today, actor: '', action: '' };
}

/** The query string (without `?`); `actorIds` turns a typed username into the id the log records. */
export function auditQuery(f: AuditFilters, actorIds: ReadonlyMap<string, string> = new Map(), limit?: number): string {
  const q = new URLSearchParams();
  if (f.fromDate !== '') q.set('from', String(dayjs(f.fromDate).startOf('day').valueOf()));
  if (f.toDate !== '') q.set('to', String(dayjs(f.toDate).endOf('day').valueOf()));
  const actor = f.actor.trim();
  if (actor !== '') q.set('actor', actorIds.get(actor.toLowerCase()) ?? actor);
  if (f.action.trim() !== '') q.set('action', f.action.trim());
  if (limit !== undefined) q.set('limit', String(limit));
  return q.toString();
}
