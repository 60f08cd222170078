/** Who is signed in on this screen (a shared floor PC must say so), and the way out. */
import { useState } from 'react';
import { ROLE_LABELS, type Me } from '../../../shared/access.js';
import { messageOf } from '../api.js';
import { useT } from '../i18n/index.js';
import { navigate, PATHS } from '../routes.js';
import { useSessionStore } from '../session/session-store.js';

export function AccountMenu({ me }: { me: Me }) {
  const signOut = useSessionStore((s) => s.signOut);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  // The people roles are in the admin catalogue; anything else keeps its shared English label.
  const roleKey = `admin.role.${me.role}`;
  const role = t(roleKey) === roleKey ? ROLE_LABELS[me.role] : t(roleKey);

  const leave = async () => {
    setBusy(true);
    setError(null);
    try {
      await signOut();
      // Straight to the sign-in page, without a ?next= back to where we were.
      navigate(PATHS.signIn);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <div className="account">
      <div className="account-who">
        <span className="account-name" title={me.name}>{me.name}</span>
        {/* The first admin is named "Administrator": saying it twice helps nobody. */}
        {role !== me.name && ROLE_LABELS[me.role] !== me.name && <span className="account-role">{role}</span>}
      </div>
      <button type="button" className="button button-quiet" onClick={() => void leave()} disabled={busy}>
        {busy ? t('account.signingOut') : t('action.signOut')}
      </button>
      {error !== null && <p className="account-error" role="alert">{error}</p>}
    </div>
  );
}
