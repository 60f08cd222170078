/**
 * Sign in with username and password. The answers a person can act on: wrong username or
 * password (the server never says which), and a lockout with when to try again.
 */
import { SESSION_ENDED } from '../session/session-store.js';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError, messageOf } from '../api.js';
import { AuthCard } from '../components/AuthCard.js';
import { Field } from '../components/Field.js';
import { LanguageSwitch } from '../components/Header.js';
import { FormError } from '../components/FormError.js';
import { usePageTitle } from '../page-title.js';
import { useT, type T } from '../i18n/index.js';
import { useSessionStore } from '../session/session-store.js';

export function SignInPage({ notice }: { notice?: string }) {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(t('signIn.missing'));
      (username.trim() === '' ? usernameInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // On success the session store changes and the app moves on to the next page.
      await signIn(username.trim(), password);
    } catch (err) {
      setError(signInMessage(err, t));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  };

  return (
    <AuthCard title={t('signIn.title')} intro={notice !== undefined && <p className="auth-notice" role="status">{notice === SESSION_ENDED ? t('signIn.sessionEnded') : notice}</p>}>
      {/* Before anyone is signed in, too: the card's top corner, beside the brand. */}
      <div className="auth-language"><LanguageSwitch /></div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          ref={usernameInput} id="sign-in-username" label={t('signIn.username')} autoComplete="username" autoCapitalize="none"
          spellCheck={false} autoFocus value={username} onChange={(e) => setUsername(e.target.value)}
        />
        <Field
          ref={passwordInput} id="sign-in-password" label={t('signIn.password')} type="password" autoComplete="current-password"
          value={password} onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('signIn.busy') : t('signIn.submit')}
          </button>
        </div>
      </form>
      <p className="auth-footnote">{t('signIn.forgotten')}</p>
    </AuthCard>
  );
}

/** 429 is a lockout (the account's, or this address's): say when trying again can work. */
export function signInMessage(err: unknown, t: T): string {
  if (err instanceof ApiError && err.status === 429) {
    return t('signIn.lockout', { wait: waitText(err.retryAfterSeconds, t) });
  }
  return messageOf(err);
}

function waitText(seconds: number | undefined, t: T): string {
  if (seconds === undefined) return t('signIn.wait.later');
  if (seconds < 60) return seconds === 1 ? t('signIn.wait.second') : t('signIn.wait.seconds', { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
  return minutes === 1 ? t('signIn.wait.minute', { at }) : t('signIn.wait.minutes', { n: minutes, at });
}
