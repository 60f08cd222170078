/**
 * Pair a TV: type the code it shows, give it a name people will recognise in the list
 * (where it hangs). The server checks the code; its answer goes under the field it names,
 * in the reader's language by the refusal's code (a wrong or expired code: `pairCodeUnknown`),
 * said again in the other language when the reader switches.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { api, ApiError, messageOf, problemText, type ServerProblem } from '../api.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useT, type T } from '../i18n/index.js';

const CODE = /^[A-Z0-9]{6}$/;

/** A message key of the page's own, or the server's refusal: put in words at render. */
type Said = { key: string } | { refusal: unknown };

interface Errors {
  code?: Said;
  name?: Said;
  form?: Said;
}

function words(t: T, said: Said | undefined): string | undefined {
  if (said === undefined) return undefined;
  if ('key' in said) return t(said.key);
  const { refusal } = said;
  if (refusal instanceof ApiError && typeof refusal.body === 'object' && refusal.body !== null) {
    return problemText(refusal.body as ServerProblem) ?? refusal.message;
  }
  return messageOf(refusal);
}

export function PairDisplayForm({ onPaired }: { onPaired(device: DeviceView): void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null); // the paired display's name
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const wanted = code.replace(/\s+/g, '').toUpperCase();
    const local: Errors = {
      ...(!CODE.test(wanted) && { code: { key: 'admin.displays.error.code' } }),
      ...(name.trim() === '' && { name: { key: 'admin.displays.error.name' } }),
    };
    setDone(null);
    setErrors(local);
    if (local.code !== undefined || local.name !== undefined) {
      (local.code !== undefined ? codeInput : nameInput).current?.focus();
      return;
    }
    setBusy(true);
    try {
      const device = await api.post<DeviceView>('/api/v1/displays', { code: wanted, name: name.trim() });
      setCode('');
      setName('');
      setDone(device.name);
      onPaired(device);
      codeInput.current?.focus();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      setErrors(field === 'code' || field === 'name' ? { [field]: { refusal: err } } : { form: { refusal: err } });
      (field === 'name' ? nameInput : codeInput).current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form pair-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="pair-title">
      <h3 id="pair-title" className="section-title">{t('admin.displays.pairTitle')}</h3>
      <p className="section-intro">{t('admin.displays.pairIntro', { url: `${location.origin}/tv` })}</p>
      <div className="form-row">
        <Field
          ref={codeInput} id="pair-code" label={t('admin.displays.code')} className="field-code" autoComplete="off"
          autoCapitalize="characters" spellCheck={false} maxLength={8} error={words(t, errors.code)}
          value={code} onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <Field
          ref={nameInput} id="pair-name" label={t('admin.displays.name')} placeholder={t('admin.displays.namePlaceholder')} autoComplete="off"
          maxLength={100} error={words(t, errors.name)} value={name} onChange={(e) => setName(e.target.value)}
        />
        <div className="form-row-action">
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('admin.displays.pairing') : t('admin.displays.pair')}</button>
        </div>
      </div>
      <FormError message={words(t, errors.form) ?? null} />
      {done !== null && <p className="form-done" role="status">{t('admin.displays.paired', { name: done })}</p>}
    </form>
  );
}
