/**
 * The form under an alert's card for one of its actions (acknowledge, escalate, resolve,
 * a longer hold, leave, a false alarm after the fact): a note, the hold's seconds, and the
 * refusal in the reader's language when the server says no.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useT, type T, type Vars } from '../i18n/index.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { usePersonNames } from '../session/people.js';
import { formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import type { AlertAction, DoneMessage } from './AlertCard.js';
import { ClosedNotice, type ClosedMeanwhile } from './ClosedMeanwhile.js';
import { acknowledgeAlert, approveHold, approveLeave, escalateAlert, resolveAlert } from './commands.js';
import { useHoldSince, type BoardAlert } from './floor-read.js';
import { nextLevel } from './order.js';

/** What a false alarm gives back, for `{points}` and `{agents}`: the points the alert took, and whose. */
function givenBack(a: BoardAlert): Vars {
  const taken = a.pointsTaken ?? [];
  const points = -taken.reduce((sum, p) => sum + p.points, 0);
  return { points: points > 0 ? `+${points}` : String(points), agents: [...new Set(taken.map((p) => p.agentId))].join(', ') };
}

/** The level an escalation would pass the alert to, in words, for `{level}`. */
export function levelAbove(t: T, a: Pick<BoardAlert, 'escalationLevel'>): Vars {
  const next = nextLevel(a.escalationLevel);
  return next === undefined ? {} : { level: t(`alerts.level.${next}`) };
}

/** "Longer than the N s held": N as the hint below it says now, not as it was when sent (the hold goes on). */
function liveHeld(error: ErrorText, heldSeconds: number | undefined): ErrorText {
  if (!('key' in error) || error.key !== 'alerts.form.secondsTooShort' || heldSeconds === undefined) return error;
  return { ...error, vars: { ...error.vars, held: heldSeconds } };
}

const DEFAULT_HOLD_SECONDS = 120;
const MAX_HOLD_SECONDS = 3600;

/**
 * Whether the form can still be sent: always while its alert is open; once someone else
 * acknowledged it, any command but acknowledging it again; once resolved, none.
 */
function stillPossible(mode: AlertAction, closed: ClosedMeanwhile | undefined): boolean {
  return closed === undefined || (closed.status === 'acknowledged' && mode !== 'acknowledge');
}

export function ActionForm({ alert: a, mode, closed, onCancel, onDone }: {
  alert: BoardAlert;
  mode: AlertAction;
  closed: ClosedMeanwhile | undefined;
  onCancel(): void;
  onDone(done: DoneMessage): void;
}) {
  const t = useT();
  const say = useErrorText();
  const name = usePersonNames();
  const now = useServerNow();
  // How long the call has been on hold, when the floor shows it: an allowance must be longer (art. 67).
  const holdSince = useHoldSince(mode === 'hold' ? a.callId : undefined, a.agentId);
  const heldSeconds = holdSince === undefined ? undefined : Math.max(0, Math.floor((now - holdSince) / 1000));
  const [note, setNote] = useState('');
  const [falseAlarm, setFalseAlarm] = useState(false);
  const [seconds, setSeconds] = useState(() => String(
    heldSeconds === undefined ? DEFAULT_HOLD_SECONDS : Math.min(MAX_HOLD_SECONDS, Math.max(DEFAULT_HOLD_SECONDS, heldSeconds + 60)),
  ));
  const [busy, setBusy] = useState(false);
  // Kept as data, put in words when shown: it follows a change of language.
  const [error, setError] = useState<ErrorText | null>(null);
  const first = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const noteId = useId();
  const secondsId = useId();
  const heldId = useId();
  const errorId = useId();
  // Someone else marked it a false alarm first, as the server's refusal said: the form stays,
  // with what was typed, saying so, as when their mark reaches the history first (`closed`).
  const [markedFirst, setMarkedFirst] = useState<string | undefined>(undefined);
  const shownClosed: ClosedMeanwhile | undefined = closed ?? (markedFirst === undefined ? undefined : { status: 'falseAlarm', by: markedFirst });
  const sendable = stillPossible(mode, shownClosed);
  // Closed after that refusal: said on the desk, which fetches its history again (the mark shows there).
  const close = markedFirst !== undefined
    ? () => onDone({ key: 'alerts.done.falseAlarmAlready', vars: { who: name(markedFirst) }, about: a })
    : onCancel;
  const dismiss = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  // The submit button goes when the alert closes meanwhile: focus that was on it would fall
  // to the page, and a keyboard user would start again from the top. The close button takes it.
  useEffect(() => {
    if (sendable) return;
    // Lost: on the page itself, or on something that takes no focus from the keyboard.
    const active = document.activeElement as HTMLElement | null;
    if (active === null || active === document.body || active.tabIndex < 0) dismiss.current?.focus();
  }, [sendable]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!sendable || busy) return;
    setError(null);
    const holdSeconds = Number(seconds);
    if (mode === 'hold' && !(Number.isInteger(holdSeconds) && holdSeconds >= 1 && holdSeconds <= MAX_HOLD_SECONDS)) {
      setError({ key: 'alerts.form.secondsInvalid', field: 'seconds' });
      return;
    }
    if (mode === 'hold' && heldSeconds !== undefined && holdSeconds <= heldSeconds) {
      setError({ key: 'alerts.form.secondsTooShort', vars: { held: heldSeconds }, field: 'seconds' });
      return;
    }
    setBusy(true);
    try {
      // Said with the card's own headline, in the reader's language (not the server's English title).
      if (mode === 'acknowledge') {
        const after = await acknowledgeAlert(a.id, note);
        // An urgent report a lead acknowledges moves up to the supervisor, still open (art. 94).
        onDone({ key: after.status === 'open' ? 'alerts.done.passedOn' : 'alerts.done.acknowledged', about: a });
      } else if (mode === 'escalate') {
        await escalateAlert(a.id, note);
        onDone({ key: 'alerts.done.escalated', vars: levelAbove(t, a), about: a });
      } else if (mode === 'resolve' || mode === 'falseAlarm') {
        await resolveAlert(a.id, note, mode === 'falseAlarm' || falseAlarm);
        onDone({ key: mode === 'falseAlarm' ? 'alerts.done.falseAlarm' : 'alerts.done.resolved', about: a });
      } else if (mode === 'leave' && a.agentId !== undefined) {
        await approveLeave(a.agentId, note);
        onDone({ key: 'leave.done', vars: { agent: a.agentId } });
      } else if (a.callId !== undefined) {
        const result = await approveHold(a.callId, holdSeconds, note);
        onDone({ key: 'alerts.done.hold', vars: { callId: result.callId, seconds: result.allowedSeconds } });
      }
    } catch (err) {
      const error = errorOf(err);
      const first = firstToMark(error);
      // Someone else said it first: nothing is left to send; the form says who, until closed.
      if (mode === 'falseAlarm' && first !== undefined) setMarkedFirst(first);
      else setError(error);
      setBusy(false);
    }
  };

  const fieldLabel = (field: string) => (field === 'seconds' ? t('alerts.form.seconds') : field === 'note' ? t('alerts.form.note') : undefined);
  const secondsInvalid = error !== null && (error.field === undefined || error.field === 'seconds');
  const confirm = mode === 'acknowledge' ? 'alerts.action.confirmAcknowledge' : mode === 'resolve' ? 'alerts.action.confirmResolve'
    : mode === 'falseAlarm' ? 'alerts.action.confirmFalseAlarm'
    : mode === 'escalate' ? 'alerts.action.confirmEscalate' : mode === 'leave' ? 'leave.confirm' : 'alerts.action.confirmHold';
  return (
    <form className="desk-form" noValidate onSubmit={(e) => void submit(e)} onKeyDown={(e) => { if (e.key === 'Escape') close(); }}>
      {/* While its own command is on its way, the alert closing is that command's doing: nothing to say yet. */}
      {shownClosed !== undefined && !busy && <ClosedNotice alert={a} closed={shownClosed} stillPossible={sendable} />}
      {mode === 'hold' && (
        <div className="desk-field">
          <label htmlFor={secondsId}>{t('alerts.form.seconds')}</label>
          <input
            ref={first}
            id={secondsId}
            className="input desk-seconds"
            type="number"
            inputMode="numeric"
            min={heldSeconds === undefined ? 1 : Math.min(MAX_HOLD_SECONDS, heldSeconds + 1)}
            max={MAX_HOLD_SECONDS}
            step={1}
            required
            readOnly={!sendable}
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
            aria-invalid={secondsInvalid}
            aria-describedby={[heldSeconds !== undefined ? heldId : '', secondsInvalid ? errorId : ''].filter(Boolean).join(' ') || undefined}
          />
          {heldSeconds !== undefined && (
            <p id={heldId} className="desk-hint desk-held" data-held={heldSeconds}>
              {t('alerts.form.held', { time: formatElapsed(heldSeconds * 1000), seconds: heldSeconds })}
            </p>
          )}
        </div>
      )}
      <div className="desk-field">
        <label htmlFor={noteId}>{t('alerts.form.noteOptional')}</label>
        <textarea
          ref={mode === 'hold' ? undefined : first}
          id={noteId}
          className="input desk-note"
          rows={2}
          maxLength={2000}
          readOnly={!sendable}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </div>
      {/* What would come back: said only while it still can be sent (the notice says it came back). */}
      {mode === 'falseAlarm' && sendable && <p className="desk-hint">{t('alerts.form.falseAlarmAfter', givenBack(a))}</p>}
      {mode === 'resolve' && (
        <label className="desk-check">
          <input type="checkbox" checked={falseAlarm} disabled={!sendable} onChange={(e) => setFalseAlarm(e.target.checked)} />
          {' '}{t('alerts.form.falseAlarm')}
        </label>
      )}
      {error !== null && <p id={errorId} className="desk-error" role="alert">{say(liveHeld(error, heldSeconds), { fieldLabel, person: name })}</p>}
      <div className="desk-actions">
        {sendable && (
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('alerts.action.busy') : t(confirm, levelAbove(t, a))}
          </button>
        )}
        <button
          ref={dismiss}
          type="button"
          className="button button-quiet"
          onClick={close}
          disabled={busy}
        >
          {t(sendable ? 'alerts.action.cancel' : 'alerts.closed.dismiss')}
        </button>
      </div>
    </form>
  );
}

/** Who marked the alert a false alarm first, when that is the refusal. */
function firstToMark(error: ErrorText): string | undefined {
  if (!('status' in error) || error.refusal.code !== 'alertAlreadyFalseAlarm') return undefined;
  const by = (error.refusal.params as { by?: unknown } | undefined)?.by;
  return typeof by === 'string' ? by : undefined;
}
