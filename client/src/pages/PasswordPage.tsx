/**
 * Change password. Forced after a first sign-in with a one-time password (or when the
 * password has expired): then it is the only page, with signing out the only way off it.
 * The rules are the server's; its reasons for refusing are shown as it words them.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { Me } from '../../../shared/access.js';
import { ApiError, messageOf } from '../api.js';
import { AuthCard } from '../components/AuthCard.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { Link } from '../components/Link.js';
import { usePageTitle } from '../page-title.js';
import { navigate, PATHS } from '../routes.js';
import { useSessionStore } from '../session/session-store.js';

export function PasswordPage({ me }: { me: Me }) {
  const forced = me.mustChangePassword;
  usePageTitle(forced ? 'Choose a new password' : 'Change password');
  const changePassword = useSessionStore((s) => s.changePassword);
  const signOut = useSessionStore((s) => s.signOut);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<{ message: string; problems: string[] } | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const currentInput = useRef<HTMLInputElement>(null);
  const nextInput = useRef<HTMLInputElement>(null);
  const repeatInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const empty = [currentInput, nextInput, repeatInput].find((r) => r.current?.value === '');
    if (empty) {
      setError({ message: 'Fill in all three fields.', problems: [] });
      empty.current?.focus();
      return;
    }
    if (next !== repeat) {
      setMismatch(true);
      setError(null);
      repeatInput.current?.focus();
      return;
    }
    setMismatch(false);
    setBusy(true);
    setError(null);
    try {
      await changePassword(current, next);
      navigate(PATHS.floor, { replace: true });
    } catch (err) {
      const problems = err instanceof ApiError ? err.problems : [];
      setError({ message: problems.length > 0 ? 'Your password was not changed:' : messageOf(err), problems });
      setBusy(false);
      nextInput.current?.focus();
    }
  };

  const leave = async () => {
    try {
      await signOut();
      navigate(PATHS.signIn);
    } catch (err) {
      setError({ message: messageOf(err), problems: [] });
    }
  };

  const intro = forced ? (
    <p>Welcome, {me.name}. Before you continue, replace the password you were given with one only you know.</p>
  ) : (
    <p>Choose a new password for {me.name}. Your other sessions will be signed out.</p>
  );

  return (
    <AuthCard title={forced ? 'Choose a new password' : 'Change password'} intro={intro}>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          ref={currentInput} id="password-current" label="Current password" type="password" autoComplete="current-password"
          hint={forced ? 'The password you just signed in with.' : undefined} autoFocus
          value={current} onChange={(e) => setCurrent(e.target.value)}
        />
        <Field
          ref={nextInput} id="password-new" label="New password" type="password" autoComplete="new-password"
          hint="At least 10 characters. A few unrelated words make a strong password that is easy to remember."
          value={next} onChange={(e) => setNext(e.target.value)}
        />
        <Field
          ref={repeatInput} id="password-repeat" label="Repeat the new password" type="password" autoComplete="new-password"
          error={mismatch ? 'The two new passwords are not the same.' : null}
          value={repeat} onChange={(e) => setRepeat(e.target.value)}
        />
        <FormError message={error?.message ?? null} problems={error?.problems} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
          {forced ? (
            <button type="button" className="button button-quiet" onClick={() => void leave()}>
              Sign out
            </button>
          ) : (
            <Link className="button button-quiet" href={PATHS.floor}>Back to the floor</Link>
          )}
        </div>
      </form>
    </AuthCard>
  );
}
