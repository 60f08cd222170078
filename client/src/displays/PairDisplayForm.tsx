/**
 * Pair a TV: type the code it shows, give it a name people will recognise in the list
 * (where it hangs). The server checks the code; its answer goes under the field it names.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { DeviceView } from '../../../shared/access.js';
import { api, ApiError, messageOf } from '../api.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';

const CODE = /^[A-Z0-9]{6}$/;

interface Errors {
  code?: string;
  name?: string;
  form?: string;
}

export function PairDisplayForm({ onPaired }: { onPaired(device: DeviceView): void }) {
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
      ...(!CODE.test(wanted) && { code: 'Enter the six letters and digits the TV shows.' }),
      ...(name.trim() === '' && { name: 'Give the display a name, for example where it hangs.' }),
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
      setDone(`“${device.name}” is paired. The TV shows the floor within a few seconds.`);
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
      <h3 id="pair-title" className="section-title">Pair a display</h3>
      <p className="section-intro">Open <strong>{location.origin}/tv</strong> on the TV. It shows a six-character code: enter it here.</p>
      <div className="form-row">
        <Field
          ref={codeInput} id="pair-code" label="Code on the TV" className="field-code" autoComplete="off"
          autoCapitalize="characters" spellCheck={false} maxLength={8} error={errors.code}
          value={code} onChange={(e) => setCode(e.target.value.toUpperCase())}
        />
        <Field
          ref={nameInput} id="pair-name" label="Display name" placeholder="e.g. Floor 2, north wall" autoComplete="off"
          maxLength={100} error={errors.name} value={name} onChange={(e) => setName(e.target.value)}
        />
        <div className="form-row-action">
          <button type="submit" className="button button-primary" disabled={busy}>{busy ? 'Pairing…' : 'Pair display'}</button>
        </div>
      </div>
      <FormError message={errors.form ?? null} />
      {done !== null && <p className="form-done" role="status">{done}</p>}
    </form>
  );
}
