/**
 * Change password. Forced after a first sign-in with a one-time password (or when the
 * password has expired): then it is the only page, with signing out the only way off it.
 * Reached from an acknowledge link's sign-in (`?next=/ack/<token>`), it goes back to that
 * link once the password is changed.
 * The rules are the server's; its reasons for refusing are shown as it words them.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { Me } from '../../../shared/access.js';
import { ApiError, messageOf } from '../api.js';
import { AuthCard } from '../components/AuthCard.js';
import { Field } from '../components/Field.js';
import { LanguageSwitch } from '../components/Header.js';
import { FormError } from '../components/FormError.js';
import { Link } from '../components/Link.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { ackLinkNext, navigate, PATHS, queryParam } from '../routes.js';
import { useSessionStore } from '../session/session-store.js';

export function PasswordPage({ me }: { me: Me }) {
  const forced = me.mustChangePassword;
  const t = useT();
  const title = forced ? t('password.titleForced') : t('password.title');
  usePageTitle(title);
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
      setError({ message: t('password.fillAll'), problems: [] });
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
      // Back to the acknowledge link this sign-in came from: the server's page, loaded.
      const ackLink = ackLinkNext(queryParam('next'));
      if (ackLink !== undefined) location.replace(ackLink);
      else navigate(PATHS.floor, { replace: true });
    } catch (err) {
      const problems = err instanceof ApiError ? err.problems : [];
      setError({ message: problems.length > 0 ? t('password.notChanged') : messageOf(err), problems });
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
    <p>{t('password.introForced', { name: me.name })}</p>
  ) : (
    <p>{t('password.intro', { name: me.name })}</p>
  );

  return (
    <AuthCard title={title} intro={intro}>
      {/* Before anyone is signed in, too: the card's top corner, beside the brand. */}
      <div className="auth-language"><LanguageSwitch /></div>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <Field
          ref={currentInput} id="password-current" label={t('password.current')} type="password" autoComplete="current-password"
          hint={forced ? t('password.currentHintForced') : undefined} autoFocus
          value={current} onChange={(e) => setCurrent(e.target.value)}
        />
        <Field
          ref={nextInput} id="password-new" label={t('password.new')} type="password" autoComplete="new-password"
          hint={t('password.newHint')}
          value={next} onChange={(e) => setNext(e.target.value)}
        />
        <Field
          ref={repeatInput} id="password-repeat" label={t('password.repeat')} type="password" autoComplete="new-password"
          error={mismatch ? t('password.mismatch') : null}
          value={repeat} onChange={(e) => setRepeat(e.target.value)}
        />
        <FormError message={error?.message ?? null} problems={error?.problems} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('password.busy') : t('password.submit')}
          </button>
          {forced ? (
            <button type="button" className="button button-quiet" onClick={() => void leave()}>
              {t('action.signOut')}
            </button>
          ) : (
            <Link className="button button-quiet" href={PATHS.floor}>{t('password.back')}</Link>
          )}
        </div>
      </form>
    </AuthCard>
  );
}
