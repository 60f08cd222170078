/**
 * The audit log (policy: acknowledgements and approvals recorded with who and when): every
 * access operation and the floor's commands append here; an admin reads it or exports it
 * as CSV. Append-only is the store's promise; keeping secrets out is this file's.
 */
import { stringify } from 'csv-stringify/sync';
import type { Logger } from 'pino';
import type { AuditEntry } from '../../../shared/access.js';
import { MAX_AUDIT_LIST_LIMIT } from '../store-rules.js';
import type { AccessStore, AuditQuery } from '../types.js';
import type { Clock } from './context.js';
import { REDACTED, scrubSecrets } from './secrets.js';

/** The actions this service records; the floor's commands add their own (alert-acknowledged ...). */
export const AUDIT_ACTIONS = [
  'sign-in', 'sign-in-failed', 'sign-out', 'sign-out-everywhere',
  'password-changed', 'password-change-failed',
  'account-created', 'account-updated', 'password-reset',
  'display-paired', 'display-revoked', 'feed-token-created', 'feed-token-revoked',
  'audit-exported',
] as const;

export interface AuditInput {
  /** A user id, device id, feed token id, `system` or `anonymous`. */
  actor: string;
  action: string;
  target?: string;
  ip?: string;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(input: AuditInput): Promise<AuditEntry>;
  list(query: AuditQuery): Promise<AuditEntry[]>;
  /** CSV with a header row; without a limit, as many entries as the store returns at most. */
  csv(query: AuditQuery): Promise<string>;
}

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'actor', 'action', 'target', 'ip', 'detail'] as const;

export function createAuditLog(store: AccessStore, clock: Clock, logger: Logger): AuditLog {
  async function record({ actor, action, target, ip, detail }: AuditInput): Promise<AuditEntry> {
    const clean = detail === undefined ? undefined : scrubSecrets(detail);
    if (clean !== undefined && JSON.stringify(clean).includes(REDACTED)) {
      // A caller bug, not an attack: say so loudly, without the value.
      logger.warn({ action }, 'audit detail carried a secret-looking field; it was redacted');
    }
    return store.audit.append({
      at: clock.now(),
      actor,
      action,
      ...(target !== undefined && { target }),
      ...(ip !== undefined && { ip }),
      ...(clean !== undefined && { detail: clean }),
    });
  }

  async function csv(query: AuditQuery): Promise<string> {
    const entries = await store.audit.list({ ...query, limit: query.limit ?? MAX_AUDIT_LIST_LIMIT });
    const rows = entries.map((e) => [
      e.seq,
      new Date(e.at).toISOString(),
      cell(e.actor),
      cell(e.action),
      cell(e.target ?? ''),
      cell(e.ip ?? ''),
      e.detail === undefined ? '' : cell(JSON.stringify(e.detail)),
    ]);
    return stringify(rows, { header: true, columns: [...AUDIT_CSV_COLUMNS] });
  }

  return { record, list: (query) => store.audit.list(query), csv };
}

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / CR) as a formula; a display
 * named "=HYPERLINK(...)" must not become one on the auditor's machine (OWASP CSV injection).
 */
function cell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
