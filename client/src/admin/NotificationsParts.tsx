/**
 * Small pieces the notification admin sections share: a group of checkboxes, a delete
 * button that asks once more in place, a select field, and the PUT the api module lacks.
 */
import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { api, messageOf, request } from '../api.js';
import { useT } from '../i18n/index.js';

export const NOTIFY_API = '/api/v1/notify';

/** Create (POST) or replace (PUT) an entry of one of the lists. */
export function saveEntry<T>(list: 'channels' | 'recipients' | 'routes', id: string | undefined, body: unknown): Promise<T> {
  return id === undefined
    ? api.post<T>(`${NOTIFY_API}/${list}`, body)
    : request<T>('PUT', `${NOTIFY_API}/${list}/${encodeURIComponent(id)}`, { body });
}

export function Checks<V extends string>({ legend, options, value, onChange, name }: {
  legend: string;
  name: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  value: readonly V[];
  onChange(next: V[]): void;
}) {
  return (
    <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="field-label" style={{ marginBottom: '0.35rem' }}>{legend}</legend>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.35rem 1rem' }}>
        {options.map((o) => (
          <label key={o.value} style={{ display: 'inline-flex', gap: '0.35rem', alignItems: 'center' }}>
            <input
              type="checkbox" name={name} checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function Select({ id, label, error, children, ...select }: SelectHTMLAttributes<HTMLSelectElement> & { id: string; label: string; error?: string | null; children: ReactNode }) {
  const errorId = error == null ? undefined : `${id}-error`;
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>{label}</label>
      <select id={id} className="input" aria-invalid={errorId === undefined ? undefined : true} aria-describedby={errorId} {...select}>{children}</select>
      {errorId !== undefined && <p id={errorId} className="field-error">{error}</p>}
    </div>
  );
}

export function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange(next: boolean): void }) {
  return (
    <label style={{ display: 'inline-flex', gap: '0.4rem', alignItems: 'center' }}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

/** Delete, asked once more in the row; the server may refuse (in use), and says why. */
export function DeleteButton({ path, label, onDone }: { path: string; label: string; onDone(): void }) {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(path);
      setConfirming(false);
      onDone();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {confirming ? (
        <span className="confirm" role="group" aria-label={label}>
          <button type="button" className="button button-danger" onClick={() => void remove()} disabled={busy} autoFocus>{t('notify.confirmDelete')}</button>
          <button type="button" className="button button-quiet" onClick={() => setConfirming(false)} disabled={busy}>{t('notify.cancel')}</button>
        </span>
      ) : (
        <button type="button" className="button button-quiet" aria-label={label} onClick={() => setConfirming(true)}>{t('notify.delete')}</button>
      )}
      {error !== null && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}

export function SourcePill({ source }: { source: 'file' | 'ui' }) {
  const t = useT();
  return <span className={`pill ${source === 'file' ? 'pill-wait' : 'pill-off'}`} title={source === 'file' ? t('notify.fromFileHint') : undefined}>{t(source === 'file' ? 'notify.fromFile' : 'notify.fromUi')}</span>;
}
