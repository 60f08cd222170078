/**
 * One account: who, role, teams, state in words (never colour alone), last sign-in; edit
 * opens the form in a row below, disabling and resetting the password ask once more.
 */
import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../../shared/access.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';
import { AccountForm } from './AccountForm.js';
import type { AccountValues } from './account-input.js';

export interface AccountActions {
  update(account: AccountView, values: Partial<AccountValues> & { disabled?: boolean }): Promise<void>;
  resetPassword(account: AccountView): Promise<void>;
}

type Asking = null | 'disable' | 'reset';

export function AccountRow({ account: a, actions, isMe }: { account: AccountView; actions: AccountActions; isMe: boolean }) {
  const t = useT();
  const say = useErrorText();
  const [editing, setEditing] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setAsking(null);
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  const status = a.disabled ? t('admin.accounts.status.disabled') : a.mustChangePassword ? t('admin.accounts.status.mustChange') : t('admin.accounts.status.active');
  return (
    <>
      <tr className={a.disabled ? 'is-revoked' : undefined} data-account={a.username}>
        <th scope="row">
          <span className="account-cell-name">{a.name}</span>
          <span className="account-cell-username">{a.username}{isMe ? ` · ${t('admin.accounts.you')}` : ''}</span>
        </th>
        <td>{t(`admin.role.${a.role}`)}</td>
        <td>{a.teams.length === 0 ? <span className="muted">{t('admin.accounts.allTeams')}</span> : a.teams.join(', ')}</td>
        <td><span className={`pill ${a.disabled ? 'pill-off' : a.mustChangePassword ? 'pill-wait' : 'pill-on'}`}>{status}</span></td>
        <td>{a.lastSignInAt === undefined ? t('admin.never') : formatDateTime(a.lastSignInAt)}</td>
        <td className="row-actions">
          {asking !== null ? (
            <div className="confirm" role="group" aria-label={t(asking === 'disable' ? 'admin.accounts.disableOf' : 'admin.accounts.resetOf', { name: a.username })}>
              <span className="confirm-text">{t(asking === 'disable' ? 'admin.accounts.disableWarning' : 'admin.accounts.resetWarning')}</span>
              <button
                type="button" className="button button-danger" disabled={busy} autoFocus
                onClick={() => void run(() => (asking === 'disable' ? actions.update(a, { disabled: true }) : actions.resetPassword(a)))}
              >
                {t(asking === 'disable' ? 'admin.accounts.confirmDisable' : 'admin.accounts.confirmReset')}
              </button>
              <button type="button" className="button button-quiet" onClick={() => setAsking(null)} disabled={busy}>{t('admin.cancel')}</button>
            </div>
          ) : (
            <div className="row-buttons">
              <button ref={editButton} type="button" className="button button-quiet" aria-expanded={editing} aria-label={t('admin.accounts.editOf', { name: a.username })} onClick={() => setEditing((e) => !e)}>
                {t('admin.edit')}
              </button>
              <button type="button" className="button button-quiet" aria-label={t('admin.accounts.resetOf', { name: a.username })} onClick={() => setAsking('reset')} disabled={a.disabled}>
                {t('admin.accounts.reset')}
              </button>
              {a.disabled ? (
                <button type="button" className="button button-quiet" aria-label={t('admin.accounts.enableOf', { name: a.username })} disabled={busy} onClick={() => void run(() => actions.update(a, { disabled: false }))}>
                  {t('admin.accounts.enable')}
                </button>
              ) : (
                <button type="button" className="button button-quiet" aria-label={t('admin.accounts.disableOf', { name: a.username })} onClick={() => setAsking('disable')} disabled={isMe}>
                  {t('admin.accounts.disable')}
                </button>
              )}
            </div>
          )}
          {error !== null && <p className="field-error" role="alert">{say(error)}</p>}
        </td>
      </tr>
      {editing && (
        <tr className="account-edit-row">
          <td colSpan={6}>
            <AccountForm
              initial={{ username: a.username, name: a.name, role: a.role, teams: a.teams.join(', ') }}
              submit={async (values) => {
                await actions.update(a, values);
                setEditing(false);
              }}
              onCancel={() => setEditing(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
