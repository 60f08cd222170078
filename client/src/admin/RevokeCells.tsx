/**
 * The two cells every revocable credential row has (displays, feed tokens): its status,
 * and a Revoke button that asks once more in the row itself (no browser dialog) and gives
 * the keyboard user's focus back to the button after "Cancel".
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../api.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';

export function StatusCell({ revokedAt }: { revokedAt: number | undefined }) {
  const t = useT();
  const revoked = revokedAt !== undefined;
  return (
    <td>
      <span className={`pill ${revoked ? 'pill-off' : 'pill-on'}`}>{revoked ? t('admin.revoked') : t('admin.active')}</span>
      {revoked && <span className="display-when"> {formatDateTime(revokedAt)}</span>}
    </td>
  );
}

export interface RevokeCellProps<T> {
  revoked: boolean;
  /** The API path that revokes it (DELETE), answering the revoked record. */
  path: string;
  /** "Revoke <name>", for the button's and the question's accessible name. */
  label: string;
  /** What revoking does, in one sentence. */
  warning: string;
  className: string;
  onChanged(record: T): void;
}

export function RevokeCell<T>({ revoked, path, label, warning, className, onChanged }: RevokeCellProps<T>) {
  const t = useT();
  const say = useErrorText();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (wasConfirming.current && !confirming) revokeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.delete<T>(path));
      setConfirming(false);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <td className={className}>
      {revoked ? null : confirming ? (
        <div className="confirm" role="group" aria-label={label}>
          <span className="confirm-text">{warning}</span>
          <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={busy} autoFocus>
            {busy ? t('admin.revoking') : t('admin.confirmRevoke')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy}>{t('admin.cancel')}</button>
        </div>
      ) : (
        <button ref={revokeButton} type="button" className="button button-quiet" aria-label={label} onClick={() => setConfirming(true)}>
          {t('admin.revoke')}
        </button>
      )}
      {error !== null && <p className="field-error" role="alert">{say(error)}</p>}
    </td>
  );
}
