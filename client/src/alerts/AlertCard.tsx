/**
 * One alert on the desk: severity as a word (and a colour), rule and policy article,
 * subject, age, escalation countdown and evidence; then what a lead can do about it.
 * Only fields without customer data are read (the store has dropped `sensitive`).
 */
import { useAlertTitle } from './alert-title.js';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { RULE_INFO } from '../../../shared/rules.js';
import { useT, type T, type Vars } from '../i18n/index.js';
import { formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import { useSessionStore } from '../session/session-store.js';
import type { ClosedMeanwhile } from './ClosedMeanwhile.js';
import { fetchAlert } from './commands.js';
import type { BoardAlert } from './floor-read.js';
import { ActionForm, levelAbove } from './AlertActionForm.js';
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
export function Evidence({ alert: a }: { alert: BoardAlert & { evidence?: string[] } }) {
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
    // Back to the button that opened the form, for keyboard users (a card that gives way to
    // another once closed has none: the history focuses what takes its place).
    requestAnimationFrame(() => {
      if (openButton.current?.isConnected === true) openButton.current.focus();
    });
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
