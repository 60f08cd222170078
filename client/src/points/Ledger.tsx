/**
 * One agent's ledger, oldest first with a running total. Entries are never changed or
 * deleted: a reversed entry stays, struck through, with the reason it was reversed, and
 * the reversal is an entry of its own. Supervisors reverse an entry here, saying why.
 */
import { Fragment, useId, useState, type FormEvent } from 'react';
import { POINTS_ITEMS, type PointsEntry } from '../../../shared/points.js';
import { errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useLocale, useT } from '../i18n/index.js';
import { formatCentreDateTime } from '../time/format.js';
import { entryName, reasonText, signed } from './items.js';
import { reverseEntry } from './points-api.js';
import { usePersonNames } from '../session/people.js';

export function Ledger({ entries, tz, canWrite, onReversed }: {
  entries: readonly PointsEntry[];
  tz: string | undefined;
  canWrite: boolean;
  onReversed(): void;
}) {
  const t = useT();
  const name = usePersonNames();
  const locale = useLocale((s) => s.locale);
  const byId = new Map(entries.map((e) => [e.id, e]));
  let total = 0;
  const rows = entries.map((e) => {
    total += e.points;
    return { entry: e, total };
  });
  if (entries.length === 0) return <p className="panel-empty">{t('points.ledger.none')}</p>;
  return (
    <div className="table-scroll">
      <table className="table points-ledger">
        <thead>
          <tr>
            <th scope="col">{t('points.col.when')}</th>
            <th scope="col">{t('points.col.item')}</th>
            <th scope="col" className="num">{t('points.col.points')}</th>
            <th scope="col">{t('points.col.reason')}</th>
            <th scope="col">{t('points.col.author')}</th>
            <th scope="col" className="num">{t('points.col.total')}</th>
            {canWrite && <th scope="col" className="row-actions">{t('points.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ entry: e, total: running }) => {
            const reversal = e.reversedBy !== undefined ? byId.get(e.reversedBy) : undefined;
            const reversed = e.reversedBy !== undefined;
            const article = e.item === 'reversal' ? byId.get(e.reverses ?? '')?.article ?? e.article : POINTS_ITEMS[e.item]?.article ?? e.article;
            return (
              <tr key={e.id} data-entry={e.id} className={reversed ? 'is-reversed' : e.item === 'reversal' ? 'is-reversal' : undefined}>
                <td className="points-when">
                  {/* Date over time when the column is narrow, neither broken in the middle. */}
                  {formatCentreDateTime(e.at, tz).split(' ').map((part, i) => <Fragment key={i}>{i > 0 && ' '}<span className="nowrap">{part}</span></Fragment>)}
                </td>
                <th scope="row">
                  <span className="points-item">{reversed ? <s>{entryName(e, locale, t)}</s> : entryName(e, locale, t)}</span>
                  <span className="cell-sub">{t('points.article', { article })}{e.source === 'auto' && ` · ${t('points.auto')}`}</span>
                </th>
                <td className={`num points-value ${e.points >= 0 ? 'is-plus' : 'is-minus'}`}>{reversed ? <s>{signed(e.points)}</s> : signed(e.points)}</td>
                <td className="points-reason">
                  {reversed ? <s>{reasonText(e, t, name)}</s> : reasonText(e, t, name)}
                  {e.evidence.length > 0 && <span className="cell-sub">{t('points.evidence', { list: e.evidence.join(', ') })}</span>}
                  {reversed && (
                    <span className="points-reversed-note">
                      {reversal !== undefined
                        ? t('points.reversedBecause', { reason: reasonText(reversal, t, name), who: name(reversal.author), when: formatCentreDateTime(reversal.recordedAt, tz) })
                        : t('points.reversedElsewhere')}
                    </span>
                  )}
                  {e.item === 'reversal' && e.reverses !== undefined && (
                    <span className="cell-sub">{t('points.reverses', { what: byId.has(e.reverses) ? entryName(byId.get(e.reverses)!, locale, t) : e.reverses })}</span>
                  )}
                </td>
                <td className="points-by">{e.author === 'system' ? t('points.system') : name(e.author)}</td>
                <td className="num">{signed(running)}</td>
                {canWrite && (
                  <td className="row-actions">
                    {!reversed && e.item !== 'reversal' && <ReverseButton entry={e} onReversed={onReversed} />}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ReverseButton({ entry, onReversed }: { entry: PointsEntry; onReversed(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const say = useErrorText();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorText | null>(null);
  const [busy, setBusy] = useState(false);
  const what = `${entryName(entry, locale, t)} ${signed(entry.points)}`;
  if (!open) {
    return <button type="button" className="button button-quiet" aria-label={t('points.reverseOf', { what })} onClick={() => setOpen(true)}>{t('points.reverse')}</button>;
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') {
      setError(pageError('points.error.reverseReason'));
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await reverseEntry(entry.id, reason.trim());
      onReversed();
    } catch (err) {
      setError(errorOf(err));
      setBusy(false);
    }
  };
  return (
    <form className="points-reverse" onSubmit={(e) => void submit(e)} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
      <label className="field-label" htmlFor={`${id}-reason`}>{t('points.reverseReason')}</label>
      <input id={`${id}-reason`} className="input" autoFocus value={reason} maxLength={2000}
        aria-invalid={error !== null ? true : undefined} aria-describedby={error !== null ? `${id}-error` : undefined}
        onChange={(e) => setReason(e.target.value)} />
      {error !== null && <p id={`${id}-error`} className="field-error" role="alert">{say(error)}</p>}
      <span className="row-buttons">
        <button type="submit" className="button button-danger" disabled={busy}>{t('points.confirmReverse')}</button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => setOpen(false)}>{t('points.cancel')}</button>
      </span>
    </form>
  );
}
