/**
 * Admins: the audit log. Filters by date range (today by default), actor and action;
 * newest first; "Export CSV" downloads the same selection (the export is itself audited).
 * Days and times are the centre's (the rules' time zone) in the UI's language, like the
 * header clock, whatever the browser's locale and zone.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { AccountView, AuditEntry, Me } from '../../../shared/access.js';
import { AdminShell } from '../admin/AdminShell.js';
import { AUDIT_ACTIONS, AUDIT_PAGE_LIMIT, auditQuery, todayFilters, type AuditFilters } from '../admin/audit-query.js';
import { api } from '../api.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { useCentreZone, useCentreZoneSettled } from '../time/centre-zone.js';
import { useDateTime } from '../time/date-time.js';

export function AdminAuditPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const when = useDateTime({ seconds: true });
  const tz = useCentreZone();
  /** Until the zone is known, "today" would be the browser's: the first load waits for the server's answer. */
  const zoneReady = useCentreZoneSettled() || tz !== undefined;
  /** Null: today in the centre's zone, worked out at each render (so it follows the zone's answer and midnight). */
  const [draft, setDraft] = useState<AuditFilters | null>(null);
  const [applied, setApplied] = useState<AuditFilters | null>(null);
  const today = todayFilters(Date.now(), tz);
  const shown = draft ?? today;
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [error, setError] = useState<ErrorText | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.get<AccountView[]>('/api/v1/accounts').then(setAccounts, () => {});
  }, []);
  const byId = useMemo(() => new Map(accounts.map((a) => [a.id, a.username])), [accounts]);
  const actorIds = useMemo(() => new Map(accounts.map((a) => [a.username.toLowerCase(), a.id])), [accounts]);

  /** The query last asked: an older answer arriving late is dropped. */
  const latest = useRef('');
  const load = useCallback(async (query: string) => {
    latest.current = query;
    setBusy(true);
    try {
      const list = await api.get<AuditEntry[]>(`/api/v1/audit?${query}`);
      if (latest.current !== query) return;
      setEntries([...list].reverse());
      setError(null);
    } catch (err) {
      if (latest.current === query) setError(errorOf(err));
    } finally {
      if (latest.current === query) setBusy(false);
    }
  }, []);
  const query = zoneReady ? auditQuery(applied ?? today, actorIds, AUDIT_PAGE_LIMIT, tz) : null;
  /** Bumped by Filter and Today, so they ask again even for the same selection (a refresh). */
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (query !== null) void load(query);
  }, [load, query, asked]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...shown });
    setAsked((n) => n + 1);
  };
  const set = (key: keyof AuditFilters, value: string) => setDraft((d) => ({ ...(d ?? today), [key]: value }));
  const name = (id: string | undefined) => (id === undefined ? '' : byId.get(id) ?? id);
  const csvHref = `/api/v1/audit.csv?${auditQuery(applied ?? today, actorIds, undefined, tz)}`.replace(/\?$/, '');

  return (
    <AdminShell me={me} title={t('admin.audit.title')}>
      <section className="panel">
        <form className="form audit-filters" onSubmit={submit} aria-label={t('admin.audit.filters')}>
          <div className="form-row">
            <div className="field field-date">
              <label className="field-label" htmlFor="audit-from">{t('admin.audit.from')}</label>
              <input id="audit-from" className="input" type="date" value={shown.fromDate} onChange={(e) => set('fromDate', e.target.value)} />
            </div>
            <div className="field field-date">
              <label className="field-label" htmlFor="audit-to">{t('admin.audit.to')}</label>
              <input id="audit-to" className="input" type="date" value={shown.toDate} onChange={(e) => set('toDate', e.target.value)} />
            </div>
            <div className="field">
              <label className="field-label" htmlFor="audit-actor">{t('admin.audit.actor')}</label>
              <input id="audit-actor" className="input" list="audit-actors" autoComplete="off" placeholder={t('admin.audit.actorPlaceholder')} value={shown.actor} onChange={(e) => set('actor', e.target.value)} />
              <datalist id="audit-actors">{accounts.map((a) => <option key={a.id} value={a.username} />)}</datalist>
            </div>
            <div className="field">
              <label className="field-label" htmlFor="audit-action">{t('admin.audit.action')}</label>
              <input id="audit-action" className="input" list="audit-actions" autoComplete="off" placeholder={t('admin.audit.actionPlaceholder')} value={shown.action} onChange={(e) => set('action', e.target.value)} />
              <datalist id="audit-actions">{AUDIT_ACTIONS.map((a) => <option key={a} value={a} />)}</datalist>
            </div>
          </div>
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>{t('admin.audit.apply')}</button>
            <button type="button" className="button button-quiet" onClick={() => { setDraft(null); setApplied(null); setAsked((n) => n + 1); }}>
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
        <FormError message={say(error)} />
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
                    <td className="nowrap">{when(e.at)}</td>
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
