/**
 * The outgoing lead's handover (article 80): the nine fields of the seat handover log,
 * prefilled by the server where it could, beside what it gathered from the shift. The
 * text is kept in this browser while typed (draft-store.ts) until it is submitted.
 *
 * The figures beside the text are the ones its drafted lines were written from, read at
 * one moment (`asOf`), and the submission hands back their seal (`prefillToken`) so the
 * stored handover keeps exactly them. Fresher figures (the "refresh" button, a page
 * reloaded later, or figures older than STALE_MS at submission) bring the drafted lines
 * along with them; the lead's own lines stay as typed.
 *
 * Submitting takes two steps: the first press shows, in the form, whom it goes to and
 * which sections are empty (SubmitConfirmation.tsx); its Submit sends it.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import type { Handover, HandoverField, HandoverPrefill } from '../../../shared/handover.js';
import { HANDOVER_FIELDS, MAX_PREFILL_TOKEN } from '../../../shared/handover.js';
import { redraftFields } from '../../../shared/handover-draft.js';
import { FormError } from '../components/FormError.js';
import { errorField, errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { formatCentreDateTime } from '../time/format.js';
import { draftKey, forgetDraft, loadDraft, loadDraftBasis, saveDraft } from './draft-store.js';
import { fetchCurrent, submitHandover } from './handover-api.js';
import { HandoverMeta } from './HandoverView.js';
import { PrefillSummary } from './PrefillSummary.js';
import { useReaderDraft, useReaderDraftLines } from './reader-draft.js';
import { SubmitConfirmation } from './SubmitConfirmation.js';

/** Figures older than this (on this browser's clock) are read again before submitting. */
export const STALE_MS = 5 * 60_000;

interface Shown {
  prefill: HandoverPrefill;
  token: string | undefined;
  /** When this page received them (Date.now()). */
  receivedAt: number;
}

const sameFigures = (a: HandoverPrefill, b: HandoverPrefill): boolean => JSON.stringify(a) === JSON.stringify(b);

export function HandoverForm({ draft, tz, onSubmitted }: { draft: Handover; tz: string | undefined; onSubmitted(h: Handover): void }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const key = draftKey(draft);
  const readerDraft = useReaderDraft();
  const lines = useReaderDraftLines();
  const [shown, setShown] = useState<Shown>(() => ({ prefill: draft.prefill, token: draft.prefillToken, receivedAt: Date.now() }));
  // What was typed in this browser wins; else the server's draft, in the reader's language.
  // Typed against older figures, its drafted lines follow the ones shown now.
  const [fields, setFields] = useState<Record<HandoverField, string>>(() => {
    const kept = { ...readerDraft(draft, tz), ...loadDraft(key) };
    const basis = loadDraftBasis(key);
    if (basis === undefined || sameFigures(basis, draft.prefill)) return kept;
    return redraftFields(kept, lines(basis, draft.teamIds, tz), lines(draft.prefill, draft.teamIds, tz));
  });
  // Errors and notices are kept as what to say, and said at each render: a switch of language applies to them.
  const [fieldError, setFieldError] = useState<{ field: HandoverField; message: ErrorText } | null>(null);
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const [notice, setNotice] = useState<'handover.refresh.done' | 'handover.refresh.beforeSubmit' | null>(null);
  const [busy, setBusy] = useState<'submit' | 'refresh' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);
  const noticeLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => saveDraft(key, fields, shown.prefill), [key, fields, shown.prefill]);
  // The same handover prefilled again (a supervisor's "prefill" once more): its fresher figures, and the drafted lines with them.
  useEffect(() => {
    if ((draft.prefill.asOf ?? 0) <= (shown.prefill.asOf ?? 0) || sameFigures(draft.prefill, shown.prefill)) return;
    setFields((f) => redraftFields(f, lines(shown.prefill, draft.teamIds, tz), lines(draft.prefill, draft.teamIds, tz)));
    setShown({ prefill: draft.prefill, token: draft.prefillToken, receivedAt: Date.now() });
    // Only a new draft from the page matters here, not the figures this form fetched itself.
  }, [draft.prefill]);

  const criticalOpen = shown.prefill.open.filter((a) => a.severity === 'critical').length;

  /** The figures read again; the drafted lines follow them. False when there is no draft to read any more. */
  const refresh = async (): Promise<boolean> => {
    const { toSubmit } = await fetchCurrent({ shiftChangeAt: draft.shiftChangeAt, teamIds: draft.teamIds });
    if (toSubmit === undefined || toSubmit.status !== 'draft') {
      setFailure(pageError('handover.refresh.gone'));
      return false;
    }
    const next = toSubmit.prefill;
    setFields((f) => redraftFields(f, lines(shown.prefill, draft.teamIds, tz), lines(next, draft.teamIds, tz)));
    setShown({ prefill: next, token: toSubmit.prefillToken, receivedAt: Date.now() });
    return true;
  };
  const asOfText = (p: HandoverPrefill) => (p.asOf === undefined ? '' : formatCentreDateTime(p.asOf, tz));

  const refreshNow = async () => {
    setFailure(null);
    setNotice(null);
    setBusy('refresh');
    try {
      if (await refresh()) setNotice('handover.refresh.done');
    } catch (err) {
      setFailure(errorOf(err));
    } finally {
      setBusy(null);
    }
  };

  /** Back from the confirmation to the text, on the button that opened it (not lost on <body>). */
  const backToEditing = () => {
    flushSync(() => setConfirming(false));
    submitButton.current?.focus();
  };

  /** The form's submission: the first one asks to confirm, the confirmation's sends. */
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setFieldError(null);
    setNotice(null);
    setBusy('submit');
    try {
      if (shown.prefill.asOf !== undefined && Date.now() - shown.receivedAt > STALE_MS) {
        // Not submitted: the lead reads the fresher figures (and the lines drafted from them) first.
        setConfirming(false);
        if (await refresh()) {
          flushSync(() => setNotice('handover.refresh.beforeSubmit'));
          noticeLine.current?.focus();
        }
        setBusy(null);
        return;
      }
      if (!confirming) {
        setConfirming(true);
        setBusy(null);
        return;
      }
      const token = shown.token !== undefined && shown.token.length <= MAX_PREFILL_TOKEN ? shown.token : undefined;
      const submitted = await submitHandover({
        shiftChangeAt: draft.shiftChangeAt, teamIds: draft.teamIds, fields, ...(token !== undefined && { prefillToken: token }),
      });
      forgetDraft(key);
      onSubmitted(submitted);
    } catch (err) {
      // `fields.notices` names one of ours; anything else is said once above the button.
      const error = errorOf(err);
      const field = errorField(error)?.split('.').find((p): p is HandoverField => (HANDOVER_FIELDS as readonly string[]).includes(p));
      if (field !== undefined) {
        setConfirming(false);
        setFieldError({ field, message: error });
        document.getElementById(`${id}-${field}`)?.focus();
      } else {
        setFailure(error);
      }
      setBusy(null);
    }
  };

  return (
    <form className="form handover-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">{t('handover.submit.title')}</h3>
      <p className="section-intro">{t('handover.submit.intro')}</p>
      <HandoverMeta handover={draft} tz={tz} />
      {criticalOpen > 0 && <p className="notice" role="status">{t('handover.submit.criticalOpen', { n: criticalOpen })}</p>}
      <PrefillSummary prefill={shown.prefill} tz={tz} />
      <div className="form-actions handover-refresh">
        <button type="button" className="button button-quiet" disabled={busy !== null} onClick={() => void refreshNow()}>
          {busy === 'refresh' ? t('handover.refresh.busy') : t('handover.refresh.button')}
        </button>
      </div>
      <fieldset className="handover-fieldset">
        <legend className="handover-subtitle">{t('handover.fields.legend')}</legend>
        {HANDOVER_FIELDS.map((f) => {
          const error = fieldError?.field === f ? say(fieldError.message) ?? undefined : undefined;
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
      <p ref={noticeLine} tabIndex={-1} className="notice handover-refreshed" role="status" hidden={notice === null}>
        {notice !== null && t(notice)}{notice !== null && shown.prefill.asOf !== undefined && ` ${t('handover.prefill.asOf', { time: asOfText(shown.prefill) })}`}
      </p>
      <FormError message={say(failure)} />
      {confirming ? (
        <SubmitConfirmation fields={fields} incoming={draft.incoming} criticalOpen={criticalOpen} busy={busy === 'submit'} onBack={backToEditing} />
      ) : (
        <div className="form-actions">
          <button ref={submitButton} type="submit" className="button button-primary" disabled={busy !== null}>
            {busy === 'submit' ? t('handover.submit.busy') : t('handover.submit.button')}
          </button>
          <span className="muted">{t('handover.submit.kept')}</span>
        </div>
      )}
    </form>
  );
}
