/**
 * The form for one shift or one lead duty: labelled fields, the rules checked before the
 * server is asked (each error under its field, focus on the first), then the server's
 * refusal under the field it names, or as one message when it names none.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { errorField, errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useLocale, useT } from '../i18n/index.js';
import type { Errors } from './plan-input.js';
import { formFieldOf } from './plan-input.js';
import { scheduleDetail } from './schedule-api.js';

export interface FieldSpec<V> {
  key: keyof V & string;
  label: string;
  hint?: string;
  type?: 'text' | 'date' | 'time';
  required?: boolean;
  /** Suggestions (a datalist): the teams and stations already in the plan. */
  suggestions?: readonly string[];
  wide?: boolean;
}

/** The form's checks; each error kept as its message key (`pageError`), said at each render. */
export type Checked<I> = { ok: true; id: string; input: I } | { ok: false; errors: FormErrors };

type FormErrors = Errors<Record<string, string>, ErrorText>;

export function PlanForm<V extends Record<string, string>, I>({ title, specs, initial, check, save, onSaved, onCancel, submitLabel }: {
  title: string;
  specs: readonly FieldSpec<V>[];
  initial: V;
  check(values: V): Checked<I>;
  save(id: string, input: I): Promise<unknown>;
  onSaved(): void;
  onCancel(): void;
  submitLabel: string;
}) {
  const t = useT();
  const say = useErrorText();
  const locale = useLocale((s) => s.locale);
  const base = useId();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ErrorText | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const focusFirstError = (errs: FormErrors) => {
    const first = specs.find((s) => errs[s.key] !== undefined);
    if (first !== undefined) requestAnimationFrame(() => document.getElementById(`${base}-${first.key}`)?.focus());
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const checked = check(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstError(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await save(checked.id, checked.input);
      onSaved();
    } catch (err) {
      const error = errorOf(err);
      const field = formFieldOf(errorField(error));
      if (field !== undefined && specs.some((s) => s.key === field)) {
        const errs = { [field]: error };
        setErrors(errs);
        focusFirstError(errs);
      } else {
        setFailure(error);
      }
      setBusy(false);
    }
  };

  /**
   * A refusal in words: a schema's English (`at most 200 characters`) in the reader's
   * language when it is one of the schedule's problems; in Chinese the field by its label
   * here, not the server's name for it (in English the server's sentence stays as it is).
   */
  const sayRefusal = (error: ErrorText | null | undefined) => say(error, {
    detail: scheduleDetail,
    fieldLabel: (field) => (locale === 'en' ? undefined : specs.find((s) => s.key === formFieldOf(field))?.label),
  });

  return (
    <form ref={form} className="form plan-form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate
      onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      <h3 className="section-title">{title}</h3>
      <div className="form-row">
        {specs.map((s) => (
          <div key={s.key} className={`plan-field${s.wide === true ? ' plan-field-wide' : ''}`}>
            <Field
              id={`${base}-${s.key}`}
              label={s.label}
              hint={s.hint}
              error={sayRefusal(errors[s.key])}
              type={s.type ?? 'text'}
              required={s.required}
              value={values[s.key]}
              list={s.suggestions !== undefined ? `${base}-${s.key}-list` : undefined}
              autoComplete="off"
              onChange={(e) => setValues((v) => ({ ...v, [s.key]: e.target.value }))}
            />
            {s.suggestions !== undefined && (
              <datalist id={`${base}-${s.key}-list`}>{s.suggestions.map((x) => <option key={x} value={x} />)}</datalist>
            )}
          </div>
        ))}
      </div>
      <FormError message={sayRefusal(failure)} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('schedule.saving') : submitLabel}</button>
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>{t('schedule.cancel')}</button>
      </div>
    </form>
  );
}
