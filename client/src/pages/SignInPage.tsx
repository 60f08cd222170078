/**
 * Sign in with username and password. The answers a person can act on: wrong username or
 * password (the server never says which), and a lockout with when to try again.
 */
import { SESSION_ENDED } from '../session/session-store.js';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { AuthCard } from '../components/AuthCard.js';
import { Field } from '../components/Field.js';
import { LanguageSwitch } from '../components/Header.js';
import { FormError } from '../components/FormError.js';
import { usePageTitle } from '../page-title.js';
import { errorOf, pageError, sayError, type ErrorText } from '../i18n/error-text.js';
import { useLocale, useT, type Locale, type T } from '../i18n/index.js';
import { useSessionStore } from '../session/session-store.js';

export function SignInPage({ notice }: { notice?: string }) {
  const t = useT();
  usePageTitle(t('signIn.title'));
  const signIn = useSessionStore((s) => s.signIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const locale = useLocale((s) => s.locale);
  /** What went wrong, put into words at each render: a switch of language applies to it. */
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(pageError('signIn.missing'));
      (username.trim() === '' ? usernameInput : passwordInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // On success the session store changes and the app moves on to the next page.
      await signIn(username.trim(), password);
    } catch (err) {
      setError(signInError(err));
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
        <FormError message={error === null ? null : signInText(error, t, locale)} />
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

/** Why signing in failed: a lockout (429, with when trying again can work), or any other error. */
export type SignInError = { lockout: true; retryAfterSeconds: number | undefined; at: number } | ErrorText;

/** 429 is a lockout (the account's, or this address's): kept with the moment it came, to say when trying again can work. */
export function signInError(err: unknown, now = Date.now()): SignInError {
  if (err instanceof ApiError && err.status === 429) return { lockout: true, retryAfterSeconds: err.retryAfterSeconds, at: now };
  return errorOf(err);
}

/** The error in words, in the reader's language of the moment. */
export function signInText(error: SignInError, t: T, locale: Locale): string {
  if ('lockout' in error) return t('signIn.lockout', { wait: waitText(error.retryAfterSeconds, error.at, t, locale) });
  return sayError(error, locale);
}

function waitText(seconds: number | undefined, since: number, t: T, locale: Locale): string {
  if (seconds === undefined) return t('signIn.wait.later');
  if (seconds < 60) return seconds === 1 ? t('signIn.wait.second') : t('signIn.wait.seconds', { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  const at = new Date(since + seconds * 1000).toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  return minutes === 1 ? t('signIn.wait.minute', { at }) : t('signIn.wait.minutes', { n: minutes, at });
}
