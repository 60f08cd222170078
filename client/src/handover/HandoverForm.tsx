/**
 * The outgoing lead's handover (article 80): the nine fields of the seat handover log,
 * prefilled by the server where it could, beside what it gathered from the shift. The
 * text is kept in this browser while typed (draft-store.ts) until it is submitted.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Handover, HandoverField } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { ApiError, messageOf } from '../api.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';
import { draftKey, forgetDraft, loadDraft, saveDraft } from './draft-store.js';
import { submitHandover } from './handover-api.js';
import { HandoverMeta } from './HandoverView.js';
import { PrefillSummary } from './PrefillSummary.js';
import { useReaderDraft } from './reader-draft.js';

export function HandoverForm({ draft, tz, onSubmitted }: { draft: Handover; tz: string | undefined; onSubmitted(h: Handover): void }) {
  const t = useT();
  const id = useId();
  const key = draftKey(draft);
  const readerDraft = useReaderDraft();
  // What was typed in this browser wins; else the server's draft, in the reader's language.
  const [fields, setFields] = useState<Record<HandoverField, string>>(() => ({ ...readerDraft(draft, tz), ...loadDraft(key) }));
  const [fieldError, setFieldError] = useState<{ field: HandoverField; message: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => saveDraft(key, fields), [key, fields]);

  const criticalOpen = draft.prefill.open.filter((a) => a.severity === 'critical').length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setFieldError(null);
    setBusy(true);
    try {
      const submitted = await submitHandover({ shiftChangeAt: draft.shiftChangeAt, teamIds: draft.teamIds, fields });
      forgetDraft(key);
      onSubmitted(submitted);
    } catch (err) {
      // `fields.notices` names one of ours; anything else is said once above the button.
      const field = err instanceof ApiError ? err.field?.split('.').find((p): p is HandoverField => (HANDOVER_FIELDS as readonly string[]).includes(p)) : undefined;
      if (field !== undefined) {
        setFieldError({ field, message: messageOf(err) });
        document.getElementById(`${id}-${field}`)?.focus();
      } else {
        setFailure(messageOf(err));
      }
      setBusy(false);
    }
  };

  return (
    <form className="form handover-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">{t('handover.submit.title')}</h3>
      <p className="section-intro">{t('handover.submit.intro')}</p>
      <HandoverMeta handover={draft} tz={tz} />
      {criticalOpen > 0 && <p className="notice" role="status">{t('handover.submit.criticalOpen', { n: criticalOpen })}</p>}
      <PrefillSummary prefill={draft.prefill} tz={tz} />
      <fieldset className="handover-fieldset">
        <legend className="handover-subtitle">{t('handover.fields.legend')}</legend>
        {HANDOVER_FIELDS.map((f) => {
          const error = fieldError?.field === f ? fieldError.message : undefined;
          return (
            <div key={f} className="field handover-field">
              <label className="field-label" htmlFor={`${id}-${f}`}>{t(`handover.field.${f}`)}</label>
              <p id={`${id}-${f}-hint`} className="field-hint">{t(`handover.hint.${f}`)}</p>
              <textarea
                id={`${id}-${f}`}
                className="input handover-textarea"
                rows={f === 'shiftStatus' || f === 'importantEvents' ? 4 : 2}
                maxLength={20_000}
                value={fields[f]}
                aria-describedby={`${id}-${f}-hint${error !== undefined ? ` ${id}-${f}-error` : ''}`}
                aria-invalid={error !== undefined ? true : undefined}
                onChange={(e) => setFields((v) => ({ ...v, [f]: e.target.value }))}
              />
              {error !== undefined && <p id={`${id}-${f}-error`} className="field-error">{error}</p>}
            </div>
          );
        })}
      </fieldset>
      <FormError message={failure} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('handover.submit.busy') : t('handover.submit.button')}</button>
        <span className="muted">{t('handover.submit.kept')}</span>
      </div>
    </form>
  );
}
