/** Delete, asking once more in place; the refusal (if any) shown beside it. */
import { useRef, useState } from 'react';
import { useBusyAction } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

export function DeleteButton({ what, onDelete }: { what: string; onDelete(): Promise<void> }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useBusyAction();
  const opener = useRef<HTMLButtonElement>(null);
  if (!asking) {
    return (
      <button ref={opener} type="button" className="button button-quiet" aria-label={t('schedule.deleteOf', { what })} onClick={() => setAsking(true)}>
        {t('schedule.delete')}
      </button>
    );
  }
  const remove = () => run(onDelete);
  return (
    <span className="confirm">
      <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
        {t('schedule.confirmDelete')}
      </button>
      <button type="button" className="button button-quiet" disabled={busy} onClick={() => {
        setAsking(false);
        requestAnimationFrame(() => opener.current?.focus());
      }}>
        {t('schedule.cancel')}
      </button>
      {error !== null && <span className="field-error" role="alert">{error}</span>}
    </span>
  );
}
