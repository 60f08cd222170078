/**
 * A secret the server tells once (a new account's first password, a reset one, a feed
 * token): shown here, with a copy button and a plain warning that it will not be shown
 * again. It stays until the admin says it has been passed on; it is never stored.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/index.js';

export interface Secret {
  /** What it is, already translated: "One-time password for lin.wu". */
  label: string;
  value: string;
  /** What to do with it, already translated. */
  hint: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function OneTimeSecret({ secret, onDone }: { secret: Secret; onDone(): void }) {
  const t = useT();
  const [copy, setCopy] = useState<CopyState>('idle');
  const valueRef = useRef<HTMLElement>(null);
  const panel = useRef<HTMLElement>(null);
  // Focus moves to the panel, so a keyboard or screen-reader user lands on the secret.
  useEffect(() => {
    panel.current?.focus();
    setCopy('idle');
  }, [secret]);

  const copyIt = async () => {
    try {
      await navigator.clipboard.writeText(secret.value);
      setCopy('copied');
    } catch {
      // No clipboard (plain http, refused): select the text so Ctrl+C works.
      const node = valueRef.current;
      const selection = window.getSelection();
      if (node !== null && selection !== null) {
        const range = document.createRange();
        range.selectNodeContents(node);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopy('failed');
    }
  };

  return (
    <section ref={panel} className="panel secret-panel" tabIndex={-1} aria-labelledby="secret-title" data-testid="one-time-secret">
      <h3 id="secret-title" className="section-title">{secret.label}</h3>
      <p className="secret-warning" role="alert">
        <strong className="secret-warning-tag">{t('admin.secret.onceTag')}</strong> {t('admin.secret.once')}
      </p>
      <div className="secret-row">
        <code ref={valueRef} className="secret-value" aria-label={secret.label}>{secret.value}</code>
        <button type="button" className="button button-primary" onClick={() => void copyIt()}>{t('admin.secret.copy')}</button>
      </div>
      <p className="secret-copy-state" role="status">
        {copy === 'copied' ? t('admin.secret.copied') : copy === 'failed' ? t('admin.secret.copyFailed') : ''}
      </p>
      <p className="section-intro">{secret.hint}</p>
      <div className="form-actions">
        <button type="button" className="button button-quiet" onClick={onDone}>{t('admin.secret.done')}</button>
      </div>
    </section>
  );
}
