/**
 * One paired display. Revoking asks once more in the row itself (no browser dialog): the
 * TV goes dark at once and has to be paired again.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { api, messageOf } from '../api.js';
import { formatDateTime } from '../time/format.js';

export function DisplayRow({ device: d, onChanged }: { device: DeviceView; onChanged(device: DeviceView): void }) {
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
      <td>{d.lastSeenAt === undefined ? 'Never' : formatDateTime(d.lastSeenAt)}</td>
      <td>
        <span className={`pill ${revoked ? 'pill-off' : 'pill-on'}`}>{revoked ? 'Revoked' : 'Active'}</span>
        {revoked && <span className="display-when"> {formatDateTime(d.revokedAt!)}</span>}
      </td>
      <td className="display-actions">
        {revoked ? null : confirming ? (
          <div className="confirm" role="group" aria-label={`Revoke ${d.name}?`}>
            <span className="confirm-text">The TV goes back to a pairing code.</span>
            <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={busy} autoFocus>
              {busy ? 'Revoking…' : 'Yes, revoke'}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy}>Cancel</button>
          </div>
        ) : (
          <button
            ref={revokeButton} type="button" className="button button-quiet" aria-label={`Revoke ${d.name}`}
            onClick={() => setConfirming(true)}
          >
            Revoke
          </button>
        )}
        {error !== null && <p className="field-error" role="alert">{error}</p>}
      </td>
    </tr>
  );
}
