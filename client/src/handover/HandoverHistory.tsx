/**
 * Past handovers, newest first: searched by their text, a team, dates (the centre's days)
 * and status; each opens on its own page to read and print. The list prints as well.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Handover, HandoverStatus } from '../../../shared/handover.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { Link } from '../components/Link.js';
import { useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { addDays, dayStart, isDate } from '../schedule/plan-time.js';
import { formatCentreDateTime } from '../time/format.js';
import { searchHandovers, type HandoverSearch } from './handover-api.js';
import { PersonName } from './HandoverView.js';
import { printPart } from './print.js';

interface Filters {
  q: string;
  teamId: string;
  fromDate: string;
  toDate: string;
  status: '' | HandoverStatus;
}

const EMPTY: Filters = { q: '', teamId: '', fromDate: '', toDate: '', status: '' };

/** The typed dates as the centre's midnights: `to` includes its whole day. */
export function searchOf(f: Filters, tz: string): HandoverSearch {
  return {
    q: f.q, teamId: f.teamId, status: f.status,
    ...(isDate(f.fromDate) && { from: dayStart(f.fromDate, tz) }),
    ...(isDate(f.toDate) && { to: dayStart(addDays(f.toDate, 1), tz) }),
  };
}

export function HandoverHistory({ tz, refreshKey }: { tz: string | undefined; refreshKey: number }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [list, setList] = useState<Handover[] | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  const zone = tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const load = useCallback(async (f: Filters, signal: { cancelled: boolean }) => {
    try {
      const found = await searchHandovers(searchOf(f, zone));
      if (!signal.cancelled) {
        setList(found);
        setError(null);
      }
    } catch (err) {
      if (!signal.cancelled) setError(errorOf(err));
    }
  }, [zone]);

  useEffect(() => {
    const signal = { cancelled: false };
    void load(applied, signal);
    return () => { signal.cancelled = true; };
  }, [load, applied, refreshKey]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft });
  };
  const set = (key: keyof Filters, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  return (
    <section className="panel handover-history" aria-labelledby={`${id}-title`}>
      <div className="handover-history-head">
        <h3 id={`${id}-title`} className="section-title">
          {t('handover.history.title')} {list !== null && <span className="panel-count">{list.length}</span>}
        </h3>
        <button type="button" className="button button-quiet no-print" onClick={() => printPart('history')}>{t('handover.print')}</button>
      </div>
      <form className="form handover-search no-print" role="search" aria-label={t('handover.history.search')} onSubmit={submit}>
        <div className="form-row">
          <div className="field">
            <label className="field-label" htmlFor={`${id}-q`}>{t('handover.history.q')}</label>
            <input id={`${id}-q`} className="input" type="search" value={draft.q} placeholder={t('handover.history.qPlaceholder')} onChange={(e) => set('q', e.target.value)} />
          </div>
          <div className="field field-narrow">
            <label className="field-label" htmlFor={`${id}-team`}>{t('handover.history.team')}</label>
            <input id={`${id}-team`} className="input" value={draft.teamId} onChange={(e) => set('teamId', e.target.value)} />
          </div>
          <div className="field field-date">
            <label className="field-label" htmlFor={`${id}-from`}>{t('handover.history.from')}</label>
            <input id={`${id}-from`} className="input" type="date" value={draft.fromDate} onChange={(e) => set('fromDate', e.target.value)} />
          </div>
          <div className="field field-date">
            <label className="field-label" htmlFor={`${id}-to`}>{t('handover.history.to')}</label>
            <input id={`${id}-to`} className="input" type="date" value={draft.toDate} onChange={(e) => set('toDate', e.target.value)} />
          </div>
          <div className="field field-narrow">
            <label className="field-label" htmlFor={`${id}-status`}>{t('handover.history.status')}</label>
            <select id={`${id}-status`} className="input" value={draft.status} onChange={(e) => set('status', e.target.value)}>
              <option value="">{t('handover.history.anyStatus')}</option>
              <option value="submitted">{t('handover.status.submitted')}</option>
              <option value="confirmed">{t('handover.status.confirmed')}</option>
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">{t('handover.history.apply')}</button>
          <button type="button" className="button button-quiet" onClick={() => { setDraft(EMPTY); setApplied(EMPTY); }}>{t('handover.history.clear')}</button>
        </div>
      </form>
      <FormError message={say(error)} />
      {list === null ? (error === null && <p className="panel-empty">{t('handover.loading')}</p>) : list.length === 0 ? (
        <p className="panel-empty">{t('handover.history.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table handover-table">
            <thead>
              <tr>
                <th scope="col">{t('handover.meta.change')}</th>
                <th scope="col">{t('handover.meta.teams')}</th>
                <th scope="col">{t('handover.meta.outgoing')}</th>
                <th scope="col">{t('handover.meta.incoming')}</th>
                <th scope="col">{t('handover.meta.status')}</th>
                <th scope="col">{t('handover.history.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((h) => (
                <tr key={h.id} data-handover={h.id}>
                  <th scope="row" className="nowrap">
                    <Link href={`${PATHS.handover}?id=${encodeURIComponent(h.id)}`}>{formatCentreDateTime(h.shiftChangeAt, tz)}</Link>
                  </th>
                  <td>{h.teamIds.join(', ')}</td>
                  <td><PersonName person={h.outgoing} /></td>
                  <td><PersonName person={h.incoming} /></td>
                  <td><span className={`pill handover-status status-${h.status}`}>{t(`handover.status.${h.status}`)}</span></td>
                  <td className="handover-summary-cell">{summaryOf(h)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The first lines a lead wrote, so the list can be scanned without opening each. */
function summaryOf(h: Handover): string {
  const text = [h.fields.shiftStatus, h.fields.importantEvents, h.fields.openIssues].map((s) => s.trim()).filter(Boolean).join(' · ');
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
