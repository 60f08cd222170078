/**
 * Small pieces the notification admin sections share: a group of checkboxes, a delete
 * button that asks once more in place, a select field, a form's Save and Cancel, and the
 * PUT the api module lacks.
 */
import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { api, request } from '../api.js';
import { useT } from '../i18n/index.js';
import { useBusyAction } from '../i18n/error-text.js';

export const NOTIFY_API = '/api/v1/notify';

/** The three lists of notification settings an admin edits. */
export type NotifyList = 'channels' | 'recipients' | 'routes';

/** Create (POST) or replace (PUT) an entry of one of the lists. */
export function saveEntry<T>(list: NotifyList, id: string | undefined, body: unknown): Promise<T> {
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
  const { busy, error, run } = useBusyAction();
  const remove = () => run(async () => {
    await api.delete(path);
    setConfirming(false);
    onDone();
  });
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

/** A form's last row: Save (saying so while it saves) and Cancel. */
export function FormActions({ busy, onCancel }: { busy: boolean; onCancel(): void }) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy}>{busy ? t('notify.saving') : t('notify.save')}</button>
      <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>{t('notify.cancel')}</button>
    </div>
  );
}

export function SourcePill({ source }: { source: 'file' | 'ui' }) {
  const t = useT();
  return <span className={`pill ${source === 'file' ? 'pill-wait' : 'pill-off'}`} title={source === 'file' ? t('notify.fromFileHint') : undefined}>{t(source === 'file' ? 'notify.fromFile' : 'notify.fromUi')}</span>;
}
