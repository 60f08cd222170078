/**
 * Admins: the audit log. Filters by date range (today by default), actor and action;
 * newest first; "Export CSV" downloads the same selection (the export is itself audited).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AccountView, AuditEntry, Me } from '../../../shared/access.js';
import { AdminShell } from '../admin/AdminShell.js';
import { AUDIT_ACTIONS, AUDIT_PAGE_LIMIT, auditQuery, todayFilters, type AuditFilters } from '../admin/audit-query.js';
import { api, messageOf } from '../api.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function AdminAuditPage({ me }: { me: Me }) {
  const t = useT();
  const [draft, setDraft] = useState<AuditFilters>(() => todayFilters());
  const [applied, setApplied] = useState<AuditFilters>(draft);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<AccountView[]>('/api/v1/accounts').then(setAccounts, () => {});
  }, []);
  const byId = useMemo(() => new Map(accounts.map((a) => [a.id, a.username])), [accounts]);
  const actorIds = useMemo(() => new Map(accounts.map((a) => [a.username.toLowerCase(), a.id])), [accounts]);

  const load = useCallback(async (filters: AuditFilters) => {
    setBusy(true);
    try {
      const list = await api.get<AuditEntry[]>(`/api/v1/audit?${auditQuery(filters, actorIds, AUDIT_PAGE_LIMIT)}`);
      setEntries([...list].reverse());
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }, [actorIds]);
  useEffect(() => void load(applied), [load, applied]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft });
  };
  const set = (key: keyof AuditFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const name = (id: string | undefined) => (id === undefined ? '' : byId.get(id) ?? id);
  const csvHref = `/api/v1/audit.csv?${auditQuery(applied, actorIds)}`.replace(/\?$/, '');

  return (
    <AdminShell me={me} title={t('admin.audit.title')}>
      <section className="panel">
        <form className="form audit-filters" onSubmit={submit} aria-label={t('admin.audit.filters')}>
          <div className="form-row">
            <div className="field field-date">
              <label className="field-label" htmlFor="audit-from">{t('admin.audit.from')}</label>
              <input id="audit-from" className="input" type="date" value={draft.fromDate} onChange={(e) => set('fromDate', e.target.value)} />
            </div>
            <div className="field field-date">
              <label className="field-label" htmlFor="audit-to">{t('admin.audit.to')}</label>
              <input id="audit-to" className="input" type="date" value={draft.toDate} onChange={(e) => set('toDate', e.target.value)} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="audit-actor">{t('admin.audit.actor')}</label>
              <input id="audit-actor" className="input" list="audit-actors" autoComplete="off" placeholder={t('admin.audit.actorPlaceholder')} value={draft.actor} onChange={(e) => set('actor', e.target.value)} />
              <datalist id="audit-actors">{accounts.map((a) => <option key={a.id} value={a.username} />)}</datalist>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="audit-action">{t('admin.audit.action')}</label>
              <input id="audit-action" className="input" list="audit-actions" autoComplete="off" placeholder={t('admin.audit.actionPlaceholder')} value={draft.action} onChange={(e) => set('action', e.target.value)} />
              <datalist id="audit-actions">{AUDIT_ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>{t('admin.audit.apply')}</button>
            <button type="button" className="button button-quiet" onClick={() => { const today = todayFilters(); setDraft(today); setApplied(today); }}>
              {t('admin.audit.today')}
            </button>
            <a className="button button-quiet audit-export" href={csvHref} download>{t('admin.audit.export')}</a>
          </div>
        </form>
      </section>
      <section className="panel" aria-labelledby="audit-list-title">
        <h3 id="audit-list-title" className="section-title">
          {t('admin.audit.entries')}
          {entries !== null && <span className="panel-count" aria-live="polite">{t('admin.audit.count', { n: entries.length })}</span>}
        </h3>
        <p className="section-intro">{t('admin.audit.newestFirst')}</p>
        <FormError message={error} />
        {entries !== null && entries.length >= AUDIT_PAGE_LIMIT && <p className="notice" role="status">{t('admin.audit.truncated', { n: AUDIT_PAGE_LIMIT })}</p>}
        {entries === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : entries.length === 0 ? (
          <p className="panel-empty">{t('admin.audit.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="table audit-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.col.when')}</th>
                  <th scope="col">{t('admin.audit.col.actor')}</th>
                  <th scope="col">{t('admin.audit.col.action')}</th>
                  <th scope="col">{t('admin.audit.col.target')}</th>
                  <th scope="col">{t('admin.audit.col.ip')}</th>
                  <th scope="col">{t('admin.audit.col.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seq} data-action={e.action}>
                    <td className="nowrap">{WHEN.format(e.at)}</td>
                    <td>{name(e.actor)}</td>
                    <th scope="row"><code className="audit-action">{e.action}</code></th>
                    <td>{name(e.target)}</td>
                    <td className="nowrap">{e.ip ?? ''}</td>
                    <td className="audit-detail">{e.detail === undefined ? '' : JSON.stringify(e.detail)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </AdminShell>
  );
}
