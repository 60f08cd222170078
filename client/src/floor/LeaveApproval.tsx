/**
 * Article 79: when the relief for a seat has not come, the agent may leave only with the
 * shift lead's approval. The lead of the agent's team (or a supervisor) gives it here;
 * the server records who and when, and the no-leaving-post rule stops alerting for it.
 * A refusal is kept as it came (i18n/error-text.ts) and put into words at each render, so
 * it follows a change of language like everything around it.
 */
import { useId, useState, type FormEvent } from 'react';
import { approveLeave } from '../alerts/commands.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { mayApproveLeave } from '../session/page-access.js';
import { useSessionStore } from '../session/session-store.js';

export function LeaveApproval({ agentId, teamId }: { agentId: string; teamId: string | undefined }) {
  const t = useT();
  const say = useErrorText();
  const id = useId();
  const me = useSessionStore((s) => (s.state.kind === 'signed-in' ? s.state.me : undefined));
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const [done, setDone] = useState(false);
  // A lead approves for their own teams only (the server says so too): offer nothing else.
  const allowed = me !== undefined && mayApproveLeave(me.role) && (me.role !== 'lead' || (teamId !== undefined && me.teams.includes(teamId)));
  if (!allowed) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await approveLeave(agentId, note);
      setDone(true);
      setOpen(false);
      // The next approval (a later shift end) starts with a blank note.
      setNote('');
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="leave-approval" aria-labelledby={`${id}-title`}>
      <h3 className="panel-title" id={`${id}-title`}>{t('leave.title')}</h3>
      {done && <p className="form-done" role="status">{t('leave.done', { agent: agentId })}</p>}
      {!open ? (
        <button type="button" className="button button-quiet" onClick={() => { setOpen(true); setDone(false); }}>{t('leave.action')}</button>
      ) : (
        <form className="desk-form" onSubmit={(e) => void submit(e)} onKeyDown={(e) => { if (e.key === 'Escape') setOpen(false); }}>
          <p className="field-hint">{t('leave.explain')}</p>
          <label className="field-label" htmlFor={`${id}-note`}>{t('leave.note')}</label>
          <textarea id={`${id}-note`} className="input" rows={2} maxLength={2000} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />
          {error !== null && <p className="desk-error" role="alert">{say(error)}</p>}
          <div className="desk-actions">
            <button type="submit" className="button button-primary" disabled={busy}>{t('leave.confirm')}</button>
            <button type="button" className="button button-quiet" disabled={busy} onClick={() => setOpen(false)}>{t('leave.cancel')}</button>
          </div>
        </form>
      )}
    </section>
  );
}
