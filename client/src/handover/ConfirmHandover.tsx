/**
 * The incoming lead reads the submitted handover and confirms it. While a critical alert
 * is open on the teams the server refuses (article 81): the refusal names each blocking
 * alert by its headline in the reader's language (never its id), linked to the desk where
 * it is resolved, and Confirm can be pressed again after. The server's sentence for it
 * (`handoverBlocked`) lists the alerts by id and English title, so the page says the
 * refusal in its own words and the list below names them; another refusal is said by its
 * code, or in the server's words when it has none.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Handover, HandoverAlertRef } from '../../../shared/handover.js';
import { FormError } from '../components/FormError.js';
import { Link } from '../components/Link.js';
import { errorCode, errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { useAlertDetails } from './alert-details.js';
import { AlertRefs } from './AlertRefs.js';
import { confirmHandover } from './handover-api.js';
import { HandoverView } from './HandoverView.js';

export function ConfirmHandover({ handover, tz, onConfirmed }: { handover: Handover; tz: string | undefined; onConfirmed(h: Handover): void }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ error: ErrorText; blocking: HandoverAlertRef[] } | null>(null);
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const details = useAlertDetails(refusal?.blocking);
  const refusalBox = useRef<HTMLDivElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const outcome = await confirmHandover(handover.id, note);
      if (outcome.ok) {
        setRefusal(null);
        onConfirmed(outcome.handover);
        return;
      }
      setRefusal({ error: outcome.error, blocking: outcome.blocking });
      requestAnimationFrame(() => refusalBox.current?.focus());
    } catch (err) {
      setFailure(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <HandoverView handover={handover} tz={tz}>
      <form className="form handover-confirm" onSubmit={(e) => void submit(e)}>
        {refusal !== null && (
          <div ref={refusalBox} tabIndex={-1} className="form-error handover-refusal" role="alert">
            <p className="form-error-message">{t('handover.confirm.refused', { n: refusal.blocking.length })}</p>
            {errorCode(refusal.error) !== 'handoverBlocked' && <p>{say(refusal.error)}</p>}
            <AlertRefs alerts={refusal.blocking} tz={tz} className="handover-blocking" details={details} />
            <p>
              {t('handover.confirm.resolveFirst')}{' '}
              <Link href={PATHS.alerts} className="handover-desk-link">{t('handover.confirm.toDesk')}</Link>
            </p>
          </div>
        )}
        <div className="field">
          <label className="field-label" htmlFor={`${id}-note`}>{t('handover.confirm.note')}</label>
          <textarea id={`${id}-note`} className="input" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <FormError message={say(failure)} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('handover.confirm.busy') : t('handover.confirm.button')}</button>
          <span className="muted">{t('handover.confirm.explain')}</span>
        </div>
      </form>
    </HandoverView>
  );
}
