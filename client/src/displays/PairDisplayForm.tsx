/**
 * Pair a TV: type the code it shows, give it a name people will recognise in the list
 * (where it hangs). The server checks the code; its answer goes under the field it names.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { api, ApiError, messageOf } from '../api.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';

const CODE = /^[A-Z0-9]{6}$/;

interface Errors {
  code?: string;
  name?: string;
  form?: string;
}

export function PairDisplayForm({ onPaired }: { onPaired(device: DeviceView): void }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const wanted = code.replace(/\s+/g, '').toUpperCase();
    const local: Errors = {
      ...(!CODE.test(wanted) && { code: t('admin.displays.error.code') }),
      ...(name.trim() === '' && { name: t('admin.displays.error.name') }),
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
      setDone(t('admin.displays.paired', { name: device.name }));
      onPaired(device);
      codeInput.current?.focus();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      setErrors(field === 'code' || field === 'name' ? { [field]: messageOf(err) } : { form: messageOf(err) });
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
          autoCapitalize="characters" spellCheck={false} maxLength={8} error={errors.code}
          value={code} onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <Field
          ref={nameInput} id="pair-name" label={t('admin.displays.name')} placeholder={t('admin.displays.namePlaceholder')} autoComplete="off"
          maxLength={100} error={errors.name} value={name} onChange={(e) => setName(e.target.value)}
        />
        <div className="form-row-action">
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('admin.displays.pairing') : t('admin.displays.pair')}</button>
        </div>
      </div>
      <FormError message={errors.form ?? null} />
      {done !== null && <p className="form-done" role="status">{done}</p>}
    </form>
  );
}
