/**
 * A secret the server tells once (a new account's first password, a reset one, a feed
 * token): shown here, with a copy button and a plain warning that it will not be shown
 * again. It stays until the admin says it has been passed on; it is never stored.
 *
 * A page tells several in a row (two accounts created one after the other): each stays,
 * in a list, newest first, until it is dismissed on its own (`useOneTimeSecrets`); a new
 * secret replaces only an older one of the same thing (a second reset of one account's
 * password: the first no longer works).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useT, type Vars } from '../i18n/index.js';

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
  const titleId = useId();
  // Focus moves to the panel, so a keyboard or screen-reader user lands on the secret
  // (a new secret, not the same one said again in another language).
  useEffect(() => {
    panel.current?.focus();
    setCopy('idle');
  }, [secret.value]);

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
    <section ref={panel} className="panel secret-panel" tabIndex={-1} aria-labelledby={titleId} data-testid="one-time-secret">
      <h3 id={titleId} className="section-title">{secret.label}</h3>
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

/** A secret as a page keeps it: what it is and what to do with it as message keys, said at each render. */
export interface KeptSecret {
  /** What it is the secret of (an account's id): a newer secret of the same replaces it. */
  of: string;
  label: { key: string; vars?: Vars };
  hint: string;
  value: string;
}

export interface OneTimeSecrets {
  secrets: readonly KeptSecret[];
  /** Shows one more, first; an older one of the same thing goes (it no longer works). */
  add(secret: KeptSecret): void;
  dismiss(of: string): void;
}

export function useOneTimeSecrets(): OneTimeSecrets {
  const [secrets, setSecrets] = useState<readonly KeptSecret[]>([]);
  return {
    secrets,
    add: (secret) => setSecrets((list) => [secret, ...list.filter((s) => s.of !== secret.of)]),
    dismiss: (of) => setSecrets((list) => list.filter((s) => s.of !== of)),
  };
}

/** Every secret not yet dismissed, each with its own warning, copy button and "passed on". */
export function OneTimeSecretList({ secrets }: { secrets: OneTimeSecrets }) {
  const t = useT();
  return (
    <>
      {secrets.secrets.map((s) => (
        <OneTimeSecret
          key={`${s.of}\n${s.value}`}
          secret={{ label: t(s.label.key, s.label.vars), value: s.value, hint: t(s.hint) }}
          onDone={() => secrets.dismiss(s.of)}
        />
      ))}
    </>
  );
}
