/**
 * One paired display. Revoking asks once more in the row itself (no browser dialog): the
 * TV goes dark at once and has to be paired again.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { api, messageOf } from '../api.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';

export function DisplayRow({ device: d, onChanged }: { device: DeviceView; onChanged(device: DeviceView): void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoked = d.revokedAt !== undefined;
  const revokeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Back from "Cancel": the keyboard user's focus returns to the button that opened the question.
  useEffect(() => {
    if (wasConfirming.current && !confirming) revokeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.delete<DeviceView>(`/api/v1/displays/${encodeURIComponent(d.id)}`));
      setConfirming(false);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className={revoked ? 'is-revoked' : undefined} data-display={d.id}>
      <th scope="row" className="display-name">{d.name}</th>
      <td>{formatDateTime(d.createdAt)}</td>
      <td>{d.lastSeenAt === undefined ? t('admin.never') : formatDateTime(d.lastSeenAt)}</td>
      <td>
        <span className={`pill ${revoked ? 'pill-off' : 'pill-on'}`}>{revoked ? t('admin.revoked') : t('admin.active')}</span>
        {revoked && <span className="display-when"> {formatDateTime(d.revokedAt!)}</span>}
      </td>
      <td className="display-actions">
        {revoked ? null : confirming ? (
          <div className="confirm" role="group" aria-label={t('admin.displays.revokeOf', { name: d.name })}>
            <span className="confirm-text">{t('admin.displays.revokeWarning')}</span>
            <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={busy} autoFocus>
              {busy ? t('admin.revoking') : t('admin.confirmRevoke')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy}>{t('admin.cancel')}</button>
          </div>
        ) : (
          <button
            ref={revokeButton} type="button" className="button button-quiet" aria-label={t('admin.displays.revokeOf', { name: d.name })}
            onClick={() => setConfirming(true)}
          >
            {t('admin.revoke')}
          </button>
        )}
        {error !== null && <p className="field-error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
