/**
 * One alert on the desk: severity as a word (and a colour), rule and policy article,
 * subject, age, escalation countdown and evidence; then what a lead can do about it.
 * Only fields without customer data are read (the store has dropped `sensitive`).
 */
import { useAlertTitle } from './alert-title.js';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { RULE_INFO } from '../../../shared/rules.js';
import { useT, type T, type Vars } from '../i18n/index.js';
import { formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import { useSessionStore } from '../session/session-store.js';
import { ClosedNotice, type ClosedMeanwhile } from './ClosedMeanwhile.js';
import { acknowledgeAlert, approveHold, approveLeave, escalateAlert, fetchAlert, resolveAlert } from './commands.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useHoldSince, type BoardAlert } from './floor-read.js';
import { HeldFor } from './HeldFor.js';
import { canApproveHold, canEscalate, nextLevel } from './order.js';
import { usePersonNames } from '../session/people.js';

/** `falseAlarm`: a resolved alert that took points, judged afterwards not to have happened (art. 105). */
export type AlertAction = 'acknowledge' | 'escalate' | 'resolve' | 'hold' | 'leave' | 'falseAlarm';

/**
 * What to announce after a command succeeded: a message key and its parameters, put in
 * words when shown (so it follows a change of language). `about`: the alert whose
 * headline fills `{title}`, itself in the reader's language.
 */
export interface DoneMessage {
  key: string;
  vars?: Vars;
  about?: BoardAlert;
}

/** A done message in the reader's language, with the alert's headline as the cards have it. */
export function useDoneText(): (done: DoneMessage) => string {
  const t = useT();
  const title = useAlertTitle();
  return ({ key, vars, about }) => t(key, { ...vars, ...(about !== undefined && { title: title(about) }) });
}

export interface AlertCardProps {
  alert: BoardAlert;
  /** Told after a command succeeded, with what to announce. */
  onDone(done: DoneMessage): void;
  /** Which actions this card offers (the history offers only `resolve`). */
  actions?: readonly AlertAction[];
  /** More about the alert, inside the card above its actions (the history's trail). */
  children?: ReactNode;
  /** Told when one of the card's forms opens and closes, so the list keeps the card while it is open. */
  onFormOpen?(alertId: string, open: boolean): void;
  /** The alert closed while a form was open here (acknowledged by someone else, resolved): said in the form. */
  closed?: ClosedMeanwhile;
}

/**
 * Whom the alert is about: the call, agent or queue the alert names. The subject's id is
 * the engine's key (`<call>:<agent>`, `<call>:apology:<agent>`, `<agent>:<event>`), not a
 * thing a lead looks up; it is shown only up to its first `:` when the alert names nothing.
 */
export function subjectText(t: T, a: Pick<BoardAlert, 'subject' | 'callId' | 'agentId' | 'queue'>): string {
  const { kind } = a.subject;
  if (kind === 'floor') return t('alerts.subject.floor');
  const named = kind === 'call' ? a.callId : kind === 'agent' ? a.agentId : a.queue;
  return t(`alerts.subject.${kind}`, { id: named ?? a.subject.id.split(':')[0] });
}

export function AlertHeading({ alert: a }: { alert: BoardAlert }) {
  const t = useT();
  const info = RULE_INFO[a.rule];
  return (
    <div className="desk-alert-head">
      <span className="desk-severity">{t(`severity.${a.severity}`)}</span>
      <span className="desk-rule">
        {/* The rule by its name in the reader's language (its id is a code, not words); the id stays as data. */}
        <span className="desk-rule-id" data-rule={a.rule}>{t(`rule.${a.rule}`)}</span>
        {' · '}
        <span className="desk-article">{t('alerts.article', { article: info?.article ?? a.article })}</span>
      </span>
      <span className="desk-subject">{subjectText(t, a)}</span>
    </div>
  );
}

/**
 * The events behind an alert. A whole alert (the history's, over REST) has them; a live
 * one from the floor's socket does not (screens are not sent up to 50 event ids per alert:
 * shared/alerts.ts), so they are fetched when the lead opens the list.
 */
function Evidence({ alert: a }: { alert: BoardAlert & { evidence?: string[] } }) {
  const t = useT();
  const [fetched, setFetched] = useState<string[] | 'loading' | 'failed' | undefined>(undefined);
  const ids = a.evidence ?? (Array.isArray(fetched) ? fetched : undefined);
  if (ids !== undefined && ids.length === 0) return null;
  const load = () => {
    if (a.evidence !== undefined || fetched !== undefined) return;
    setFetched('loading');
    fetchAlert(a.id).then((whole) => setFetched(whole.evidence), () => setFetched('failed'));
  };
  return (
    <details className="desk-evidence" onToggle={(e) => { if (e.currentTarget.open) load(); }}>
      <summary>{ids === undefined ? t('alerts.evidenceShow') : t('alerts.evidence', { count: ids.length })}</summary>
      {ids !== undefined ? (
        <ul>
          {ids.map((id) => <li key={id}><code>{id}</code></li>)}
        </ul>
      ) : (
        <p className="desk-evidence-status" role="status">{t(fetched === 'failed' ? 'alerts.evidenceFailed' : 'alerts.evidenceLoading')}</p>
      )}
    </details>
  );
}

export function AlertCard({ alert: a, onDone, actions = ['acknowledge', 'escalate', 'resolve', 'hold', 'leave'], children, onFormOpen, closed }: AlertCardProps) {
  const t = useT();
  const name = usePersonNames();
  const title = useAlertTitle();
  const now = useServerNow();
  const [mode, setMode] = useState<AlertAction | null>(null);
  const titleId = useId();
  // Offer only what the server will allow this role (permissions.ts): admins and displays watch.
  const role = useSessionStore((s) => (s.state.kind === 'signed-in' ? s.state.me.role : undefined));
  const mayAct = role === 'lead' || role === 'supervisor' || role === 'manager';
  const offered = mayAct ? actions.filter((action) => {
    if (action === 'hold') return canApproveHold(a) && role !== 'manager';
    // Article 79: the answer to a no-leaving-post alert is often the lead's approval itself.
    if (action === 'leave') return a.rule === 'no-leaving-post' && a.agentId !== undefined && a.status !== 'resolved' && role !== 'manager';
    // Articles 93-94: a lead or the supervisor passes it up now; the manager is the last level.
    if (action === 'escalate') return canEscalate(a, role);
    if (action === 'falseAlarm') return a.status === 'resolved' && (a.pointsTaken?.length ?? 0) > 0;
    return true;
  }) : [];
  const openButton = useRef<HTMLButtonElement | null>(null);
  const formOpen = mode !== null;
  useEffect(() => {
    if (!formOpen || onFormOpen === undefined) return;
    onFormOpen(a.id, true);
    return () => onFormOpen(a.id, false);
  }, [formOpen, a.id, onFormOpen]);

  const closeForm = () => {
    setMode(null);
    // Back to the button that opened the form, for keyboard users.
    requestAnimationFrame(() => openButton.current?.focus());
  };

  return (
    <article
      // A card kept for a closed alert leaves the anchor to the alert's card in the history.
      id={closed === undefined ? `alert-${a.id}` : undefined}
      className={`desk-alert severity-${a.severity} status-${a.status}${closed !== undefined ? ' is-closed' : ''}`}
      data-alert={a.id}
      aria-labelledby={titleId}
      // Focus lands here after a command on a neighbouring card (AlertList), not in the tab order.
      tabIndex={-1}
    >
      <AlertHeading alert={a} />
      <h3 id={titleId} className="desk-alert-title">{title(a)}</h3>
      <p className="desk-alert-meta">
        {/* A closed alert's age would go on counting: the history's trail says when it closed. */}
        {a.status !== 'resolved' && <span className="desk-age">{t('alerts.age', { age: formatElapsed(now - a.openedAt) })}</span>}
        <HeldFor alert={a} />
        {a.occurrences > 1 && <span>{t('alerts.occurrences', { count: a.occurrences })}</span>}
        {closed === undefined && <Escalation alert={a} now={now} />}
      </p>
      {a.owner !== undefined && (
        // Article 82: after a confirmed handover the incoming lead's team answers for it.
        <p className="desk-owner" data-owner={a.owner.account}>
          {t('alerts.owner', { account: name(a.owner.account), teams: a.owner.teamIds.join(', ') })}
        </p>
      )}
      {a.escalatedBy !== undefined && (
        // Passed up by hand (articles 93-94): the level above reads who did and why.
        <p className="desk-escalated-by" data-escalated-by={a.escalatedBy}>
          {t('alerts.escalatedBy', { who: name(a.escalatedBy) })}
          {a.escalationNote !== undefined && a.escalationNote !== '' && (
            <span className="desk-note-text"> — {t('alerts.history.note', { note: a.escalationNote })}</span>
          )}
        </p>
      )}
      <Evidence alert={a} />
      {children}
      {mode === null ? (
        // A card kept for a closed alert offers nothing more: it goes once its form is closed.
        closed === undefined && offered.length > 0 && (
          <div className="desk-actions">
            {offered.map((action) => (
              <button
                key={action}
                type="button"
                className={`button ${action === 'acknowledge' ? 'button-primary' : 'button-quiet'}`}
                aria-describedby={titleId}
                onClick={(e) => {
                  openButton.current = e.currentTarget;
                  setMode(action);
                }}
              >
                {t(action === 'hold' ? 'alerts.action.approveHold' : action === 'leave' ? 'leave.action' : `alerts.action.${action}`, levelAbove(t, a))}
              </button>
            ))}
          </div>
        )
      ) : (
        <ActionForm
          alert={a}
          mode={mode}
          closed={closed}
          onCancel={closeForm}
          onDone={(done) => {
            setMode(null);
            onDone(done);
          }}
        />
      )}
    </article>
  );
}

/** What a false alarm gives back, for `{points}` and `{agents}`: the points the alert took, and whose. */
function givenBack(a: BoardAlert): Vars {
  const taken = a.pointsTaken ?? [];
  const points = -taken.reduce((sum, p) => sum + p.points, 0);
  return { points: points > 0 ? `+${points}` : String(points), agents: [...new Set(taken.map((p) => p.agentId))].join(', ') };
}

/** The level an escalation would pass the alert to, in words, for `{level}`. */
function levelAbove(t: T, a: Pick<BoardAlert, 'escalationLevel'>): Vars {
  const next = nextLevel(a.escalationLevel);
  return next === undefined ? {} : { level: t(`alerts.level.${next}`) };
}

function Escalation({ alert: a, now }: { alert: BoardAlert; now: number }) {
  const t = useT();
  if (a.status !== 'open') return null;
  const level = t(`alerts.level.${a.escalationLevel}`);
  const next = nextLevel(a.escalationLevel);
  if (next === undefined || a.escalatesAt === undefined) {
    // At the top, or below it with no timer: info alerts never escalate (nor a level the rules give no timer).
    const why = next === undefined ? 'alerts.topLevel' : a.severity === 'info' ? 'alerts.noEscalationInfo' : 'alerts.noEscalation';
    return <span className="desk-escalation">{t('alerts.forLevel', { level })} · {t(why)}</span>;
  }
  const left = a.escalatesAt - now;
  const nextWord = t(`alerts.level.${next}`);
  return (
    <span className={`desk-escalation${left < 60_000 ? ' is-soon' : ''}`}>
      {t('alerts.forLevel', { level })}
      {' · '}
      {left > 0 ? t('alerts.escalatesIn', { level: nextWord, time: formatElapsed(left) }) : t('alerts.escalatingNow', { level: nextWord })}
    </span>
  );
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

function ActionForm({ alert: a, mode, closed, onCancel, onDone }: {
  alert: BoardAlert;
  mode: AlertAction;
  closed: ClosedMeanwhile | undefined;
  onCancel(): void;
  onDone(done: DoneMessage): void;
}) {
  const t = useT();
  const say = useErrorText();
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
  const sendable = stillPossible(mode, closed);
  useEffect(() => {
    first.current?.focus();
  }, []);

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
      setError(errorOf(err));
      setBusy(false);
    }
  };

  const fieldLabel = (field: string) => (field === 'seconds' ? t('alerts.form.seconds') : field === 'note' ? t('alerts.form.note') : undefined);
  const secondsInvalid = error !== null && (error.field === undefined || error.field === 'seconds');
  const confirm = mode === 'acknowledge' ? 'alerts.action.confirmAcknowledge' : mode === 'resolve' ? 'alerts.action.confirmResolve'
    : mode === 'falseAlarm' ? 'alerts.action.confirmFalseAlarm'
    : mode === 'escalate' ? 'alerts.action.confirmEscalate' : mode === 'leave' ? 'leave.confirm' : 'alerts.action.confirmHold';
  return (
    <form className="desk-form" noValidate onSubmit={(e) => void submit(e)} onKeyDown={(e) => { if (e.key === 'Escape') onCancel(); }}>
      {/* While its own command is on its way, the alert closing is that command's doing: nothing to say yet. */}
      {closed !== undefined && !busy && <ClosedNotice alert={a} closed={closed} stillPossible={sendable} />}
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
      {mode === 'falseAlarm' && <p className="desk-hint">{t('alerts.form.falseAlarmAfter', givenBack(a))}</p>}
      {mode === 'resolve' && (
        <label className="desk-check">
          <input type="checkbox" checked={falseAlarm} disabled={!sendable} onChange={(e) => setFalseAlarm(e.target.checked)} />
          {' '}{t('alerts.form.falseAlarm')}
        </label>
      )}
      {error !== null && <p id={errorId} className="desk-error" role="alert">{say(liveHeld(error, heldSeconds), { fieldLabel })}</p>}
      <div className="desk-actions">
        {sendable && (
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('alerts.action.busy') : t(confirm, levelAbove(t, a))}
          </button>
        )}
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={busy}>
          {t(sendable ? 'alerts.action.cancel' : 'alerts.closed.dismiss')}
        </button>
      </div>
    </form>
  );
}
