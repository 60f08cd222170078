/** One feed token: name, who made it and when, last used, and revoking (asked once more). */
import { useEffect, useRef, useState } from 'react';
import type { FeedTokenView } from '../../../shared/access.js';
import { api, messageOf } from '../api.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';

export function FeedTokenRow({ token: f, createdBy, onChanged }: { token: FeedTokenView; createdBy: string; onChanged(token: FeedTokenView): void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoked = f.revokedAt !== undefined;
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
      onChanged(await api.delete<FeedTokenView>(`/api/v1/feed-tokens/${encodeURIComponent(f.id)}`));
      setConfirming(false);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className={revoked ? 'is-revoked' : undefined} data-feed-token={f.id}>
      <th scope="row">{f.name}</th>
      <td>{formatDateTime(f.createdAt)}<span className="cell-sub">{createdBy}</span></td>
      <td>{f.lastUsedAt === undefined ? t('admin.never') : formatDateTime(f.lastUsedAt)}</td>
      <td>
        <span className={`pill ${revoked ? 'pill-off' : 'pill-on'}`}>{revoked ? t('admin.revoked') : t('admin.active')}</span>
        {revoked && <span className="display-when"> {formatDateTime(f.revokedAt!)}</span>}
      </td>
      <td className="row-actions">
        {revoked ? null : confirming ? (
          <div className="confirm" role="group" aria-label={t('admin.tokens.revokeOf', { name: f.name })}>
            <span className="confirm-text">{t('admin.tokens.revokeWarning')}</span>
            <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={busy} autoFocus>
              {busy ? t('admin.revoking') : t('admin.confirmRevoke')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy}>{t('admin.cancel')}</button>
          </div>
        ) : (
          <button ref={revokeButton} type="button" className="button button-quiet" aria-label={t('admin.tokens.revokeOf', { name: f.name })} onClick={() => setConfirming(true)}>
            {t('admin.revoke')}
          </button>
        )}
        {error !== null && <p className="field-error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
