/**
 * Create an account, or edit one (name, role, teams; the username never changes). Teams
 * are asked for only when the role is shift lead, and required then. The parent talks to
 * the server; a refusal naming a field is shown under that field.
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { errorField, errorOf, pageError, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { checkAccount, hasErrors, USER_ROLES, type AccountErrors, type AccountValues, type UserRole } from './account-input.js';

export interface AccountFormProps {
  /** Present when editing. */
  initial?: AccountValues;
  submit(values: AccountValues): Promise<void>;
  onCancel?(): void;
}

const EMPTY: AccountValues = { username: '', name: '', role: 'supervisor', teams: '' };

export function AccountForm({ initial, submit, onCancel }: AccountFormProps) {
  const t = useT();
  const say = useErrorText();
  const creating = initial === undefined;
  const id = useId().replace(/:/g, '');
  const [values, setValues] = useState<AccountValues>(initial ?? EMPTY);
  /** Kept as what to say, and said at each render: a switch of language applies to them. */
  const [errors, setErrors] = useState<AccountErrors<ErrorText>>({});
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const set = <K extends keyof AccountValues>(key: K, value: AccountValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  /** The first field with an error gets the focus, so the keyboard user is taken to it. */
  const focusFirstError = (found: AccountErrors<ErrorText>) => {
    for (const key of ['username', 'name', 'role', 'teams'] as const) {
      if (found[key] !== undefined) {
        form.current?.querySelector<HTMLElement>(`#${id}-${key}`)?.focus();
        return;
      }
    }
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = checkAccount(values, pageError, { creating });
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(found);
      return;
    }
    setBusy(true);
    try {
      await submit(values);
      if (creating) setValues(EMPTY);
    } catch (err) {
      const error = errorOf(err);
      const field = errorField(error);
      const known = field === 'username' || field === 'name' || field === 'role' || field === 'teams';
      const next: AccountErrors<ErrorText> = known ? { [field]: error } : { form: error };
      setErrors(next);
      focusFirstError(next);
    } finally {
      setBusy(false);
    }
  };

  const isLead = values.role === 'lead';
  return (
    <form ref={form} className="form account-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={creating ? t('admin.accounts.create') : t('admin.accounts.editOf', { name: initial.username })}>
      <div className="form-row">
        {creating && (
          <Field
            id={`${id}-username`} label={t('admin.accounts.username')} hint={t('admin.accounts.usernameHint')}
            autoComplete="off" spellCheck={false} maxLength={64} error={say(errors.username)}
            value={values.username} onChange={(e) => set('username', e.target.value)}
          />
        )}
        <Field
          id={`${id}-name`} label={t('admin.accounts.name')} autoComplete="off" maxLength={100} error={say(errors.name)}
          value={values.name} onChange={(e) => set('name', e.target.value)}
        />
        <div className="field">
          <label className="field-label" htmlFor={`${id}-role`}>{t('admin.accounts.role')}</label>
          <select
            id={`${id}-role`} className="input" value={values.role}
            aria-invalid={errors.role === undefined ? undefined : true}
            aria-describedby={errors.role === undefined ? undefined : `${id}-role-error`}
            onChange={(e) => set('role', e.target.value as UserRole)}
          >
            {USER_ROLES.map((r) => <option key={r} value={r}>{t(`admin.role.${r}`)}</option>)}
          </select>
          {errors.role !== undefined && <p id={`${id}-role-error`} className="field-error">{say(errors.role)}</p>}
        </div>
        {isLead && (
          <Field
            id={`${id}-teams`} label={t('admin.accounts.teams')} hint={t('admin.accounts.teamsHint')}
            autoComplete="off" spellCheck={false} required aria-required error={say(errors.teams)}
            value={values.teams} onChange={(e) => set('teams', e.target.value)}
          />
        )}
      </div>
      {!isLead && errors.teams !== undefined && <p className="field-error" role="alert">{say(errors.teams)}</p>}
      <FormError message={say(errors.form)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('admin.saving') : creating ? t('admin.accounts.createButton') : t('admin.save')}
        </button>
        {onCancel !== undefined && <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>{t('admin.cancel')}</button>}
      </div>
    </form>
  );
}
