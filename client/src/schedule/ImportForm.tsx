/**
 * Upload a plan exported from the WFM tool (CSV or YAML). Nothing is applied when any
 * row is bad: the server names each bad row and column, and they are listed here so the
 * file can be fixed and sent again.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormError } from '../components/FormError.js';
import { errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { contentTypeOf, importPlan, rowProblemText, scheduleDetail, type ImportOutcome } from './schedule-api.js';
import { localDate } from './plan-time.js';
import { readFileText } from './read-file.js';

export function ImportForm({ tz, onImported }: { tz: string; onImported(from: number): void }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [replace, setReplace] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  /** Kept as what to say, and said at each render: a switch of language applies to it. */
  const [failure, setFailure] = useState<ErrorText | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setOutcome(null);
    const file = fileInput.current?.files?.[0];
    if (file === undefined) {
      setFailure(pageError('schedule.import.noFile'));
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const text = await readFileText(file);
      const result = await importPlan(text, contentTypeOf(file.name, text), replace);
      setOutcome(result);
      if (result.ok) onImported(result.from);
    } catch (err) {
      setFailure(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form schedule-import" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">{t('schedule.import.title')}</h3>
      <p className="section-intro import-intro">{t('schedule.import.intro')}</p>
      <div className="import-row">
        <div className="field">
          <label className="field-label" htmlFor={`${id}-file`}>{t('schedule.import.file')}</label>
          <input ref={fileInput} id={`${id}-file`} className="input" type="file" accept=".csv,.yaml,.yml,.json,text/csv,application/yaml" />
        </div>
        <label className="check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          {t('schedule.import.replace')}
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('schedule.import.busy') : t('schedule.import.submit')}</button>
      </div>
      <FormError message={say(failure)} />
      {outcome !== null && outcome.ok && (
        <p className="form-done" role="status">
          {t('schedule.import.done', { shifts: outcome.shifts, leads: outcome.leads, from: localDate(outcome.from, tz), to: localDate(outcome.to - 1, tz) })}
        </p>
      )}
      {outcome !== null && !outcome.ok && (
        <div className="form-error" role="alert">
          <p className="form-error-message">{t('schedule.import.refused', { message: say({ status: 400, refusal: outcome.refusal }, { detail: scheduleDetail }) ?? outcome.error })}</p>
          {outcome.errors.length > 0 && (
            <table className="table import-errors">
              <caption className="visually-hidden">{t('schedule.import.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('schedule.import.row')}</th>
                  <th scope="col">{t('schedule.import.field')}</th>
                  <th scope="col">{t('schedule.import.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.errors.map((p, i) => (
                  <tr key={i} data-row={p.row}>
                    <td className="nowrap">{p.section === undefined ? p.row : `${p.section} ${p.row}`}</td>
                    <td><code>{p.field}</code></td>
                    <td>{rowProblemText(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </form>
  );
}
