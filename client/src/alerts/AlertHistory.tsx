/**
 * Today's acknowledged and resolved alerts: who acknowledged what, with their note, and
 * who resolved it. Read over REST (the socket only carries unresolved alerts), again
 * whenever an alert on the floor changes status. Those acknowledged and not yet resolved
 * are live work, listed first under a heading of their own ("in hand", with their count),
 * where they can be escalated or resolved; a critical one in hand must not read as done.
 */
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { falseAlarmBy, type Alert, type AlertHistoryEntry } from '../../../shared/alerts.js';
import { useT } from '../i18n/index.js';
import { withoutSensitive } from '../store/apply.js';
import { formatClockTime } from '../time/format.js';
import { useAlertTitle } from './alert-title.js';
import { AlertCard, AlertHeading, Evidence, type DoneMessage } from './AlertCard.js';
import { useOpenForms } from './ClosedMeanwhile.js';
import { fetchHistory } from './commands.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import type { BoardAlert } from './floor-read.js';
import { lastActionAt } from './order.js';
import { allowanceText, resolutionText } from './system-words.js';
import { usePersonNames } from '../session/people.js';

/** A history alert: read over REST, whole (its trail of actions) but for what it may not show. */
type HistoryAlert = BoardAlert & Partial<Pick<Alert, 'history'>>;

/** Midnight of the centre's day, in the centre's zone (format.js extends dayjs with tz). */
export function dayStart(day: string | undefined, tz: string | undefined): number {
  if (day === undefined || tz === undefined) return dayjs().startOf('day').valueOf();
  try {
    return dayjs.tz(day, tz).valueOf();
  } catch {
    return dayjs(day).valueOf();
  }
}

/** A failed load keeps its error as data, put in words when shown (it follows a change of language). */
type Load = { kind: 'loading' } | { kind: 'error'; error: ErrorText } | { kind: 'ready'; alerts: HistoryAlert[] };

export function AlertHistory({ day, timezone, live, refreshKey, onDone }: {
  day: string | undefined;
  timezone: string | undefined;
  /** The floor's unresolved alerts: fresher than the last fetch for the ones they name. */
  live: readonly BoardAlert[];
  /** Changes when the history is worth fetching again. */
  refreshKey: string;
  onDone(done: DoneMessage): void;
}) {
  const t = useT();
  const say = useErrorText();
  const title = useAlertTitle();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const { openForms, onFormOpen } = useOpenForms();
  // A false-alarm form is open on a closed card: kept apart, so the card stays where it is
  // (a done one) rather than moving in hand, and stays when someone else's mark arrives.
  const falseAlarmForms = useOpenForms();
  // The alert whose form just closed: a card of a closed alert gives way to a plain one (once
  // the history shows it), and keyboard focus, lost with the old card, goes there.
  const closedForm = useRef<string | undefined>(undefined);
  const remembered = (told: (alertId: string, open: boolean) => void) => (alertId: string, open: boolean) => {
    closedForm.current = open ? undefined : alertId;
    told(alertId, open);
  };
  // Stable, as each card's effect depends on it (useOpenForms).
  const onInHandForm = useCallback(remembered(onFormOpen), [onFormOpen]);
  const onFalseAlarmForm = useCallback(remembered(falseAlarmForms.onFormOpen), [falseAlarmForms.onFormOpen]);
  const focusIfLost = useCallback((el: HTMLElement | null) => {
    if (el === null || el.dataset.alert !== closedForm.current) return;
    closedForm.current = undefined;
    const active = document.activeElement;
    if (active === null || active === document.body) el.focus();
  }, []);
  const from = dayStart(day, timezone);

  const refresh = useCallback(async (signal: { cancelled: boolean }) => {
    try {
      const alerts: Alert[] = await fetchHistory(from);
      if (!signal.cancelled) setLoad({ kind: 'ready', alerts: alerts.map((a): HistoryAlert => ({ ...withoutSensitive(a), history: a.history })) });
    } catch (err) {
      if (!signal.cancelled) setLoad({ kind: 'error', error: errorOf(err) });
    }
  }, [from]);

  useEffect(() => {
    const signal = { cancelled: false };
    // A burst of changes (several alerts at once) is one fetch.
    const timer = setTimeout(() => void refresh(signal), 250);
    return () => {
      signal.cancelled = true;
      clearTimeout(timer);
    };
  }, [refresh, refreshKey]);

  const liveById = new Map(live.map((a) => [a.id, a]));
  const fetchedIds = new Set(load.kind === 'ready' ? load.alerts.map((a) => a.id) : []);
  const items = load.kind === 'ready'
    ? [
      ...load.alerts.map((a) => {
        const fresher = liveById.get(a.id);
        // The live one has no trail of actions (screens are not sent it): keep the fetched one's.
        return fresher !== undefined && fresher.updatedAt >= a.updatedAt ? { ...a, ...fresher } : a;
      }),
      // In hand whenever it was opened: the history reads today's alerts only (one opened at
      // 23:50 and acknowledged is still live work after midnight), and the open list's count says so.
      ...live.filter((a) => (a.status === 'acknowledged' || openForms.has(a.id)) && !fetchedIds.has(a.id)),
    ]
      // An escalation opens an acknowledged alert again: a card whose form is open keeps its place.
      .filter((a) => a.status !== 'open' || openForms.has(a.id))
      .sort((a, b) => lastActionAt(b) - lastActionAt(a) || a.id.localeCompare(b.id))
    : [];

  return (
    <section className="desk-panel desk-history" aria-labelledby="desk-history-title" aria-busy={load.kind === 'loading'}>
      <div className="desk-panel-head">
        <h2 id="desk-history-title" className="desk-panel-title">
          {t('alerts.history.title')} {load.kind === 'ready' && <span className="desk-count">{items.length}</span>}
        </h2>
      </div>
      {load.kind === 'loading' && <p className="desk-empty">{t('alerts.history.loading')}</p>}
      {load.kind === 'error' && (
        <div className="desk-error" role="alert">
          {t('alerts.history.error', { message: say(load.error) ?? '' })}{' '}
          <button type="button" className="button button-quiet" onClick={() => void refresh({ cancelled: false })}>
            {t('alerts.history.retry')}
          </button>
        </div>
      )}
      {load.kind === 'ready' && items.length === 0 && <p className="desk-empty">{t('alerts.history.empty')}</p>}
      {[
        // A card whose form is open stays where it is (in hand) until the form is closed, whatever became of its alert.
        { key: 'inHand', list: items.filter((a) => a.status === 'acknowledged' || openForms.has(a.id)) },
        { key: 'done', list: items.filter((a) => a.status !== 'acknowledged' && !openForms.has(a.id)) },
      ].filter(({ list }) => list.length > 0).map(({ key, list }) => (
        <div key={key} className={`desk-history-group desk-history-${key}`}>
          <h3 className="desk-history-subtitle">{t(`alerts.history.${key}`, { count: list.length })}</h3>
          <ol className="desk-list desk-history-list">
          {list.map((a) => (
            <li key={a.id}>
              {a.status === 'acknowledged' || openForms.has(a.id) ? (
                // The trail inside the card, within its border, above what can still be done. A card
                // whose alert was resolved while one of its forms was open stays one, saying so.
                <AlertCard
                  alert={a}
                  onDone={onDone}
                  actions={['escalate', 'resolve', 'hold', 'leave']}
                  onFormOpen={onInHandForm}
                  closed={a.status === 'resolved' ? { status: 'resolved', resolved: a } : undefined}
                >
                  <Trail alert={a} timezone={timezone} />
                </AlertCard>
              ) : mayBeFalseAlarm(a) || falseAlarmForms.openForms.has(a.id) ? (
                // Closed, but it took points: a lead who learns it did not happen gives them back (art. 105).
                // Marked by someone else while the form was open: the form stays, saying so.
                <AlertCard
                  alert={a}
                  onDone={onDone}
                  actions={['falseAlarm']}
                  onFormOpen={onFalseAlarmForm}
                  closed={mayBeFalseAlarm(a) ? undefined : { status: 'falseAlarm', by: falseAlarmBy(a) }}
                >
                  <Trail alert={a} timezone={timezone} />
                </AlertCard>
              ) : (
                // Focus lands here when a form closes on the card it replaced (AlertCard), not in the tab order.
                <article ref={focusIfLost} className={`desk-alert severity-${a.severity} status-${a.status}`} data-alert={a.id} tabIndex={-1}>
                  <AlertHeading alert={a} />
                  <h3 className="desk-alert-title">{title(a)}</h3>
                  {/* The events behind it, as on every card (a closed one is still looked into). */}
                  <Evidence alert={a} />
                  <Trail alert={a} timezone={timezone} />
                </article>
              )}
            </li>
          ))}
          </ol>
        </div>
      ))}
    </section>
  );
}

/** A resolved alert that took points and nobody has yet called a false alarm. */
function mayBeFalseAlarm(a: HistoryAlert): boolean {
  return a.status === 'resolved' && (a.pointsTaken?.length ?? 0) > 0 && falseAlarmBy(a) === undefined;
}

/**
 * Who did what, when, with their notes: the people's notes as they wrote them, the
 * system's words (why it cleared by itself, a hold's allowance) in the reader's language.
 */
function Trail({ alert: a, timezone }: { alert: HistoryAlert; timezone: string | undefined }) {
  const t = useT();
  const name = usePersonNames();
  const time = (ms: number) => formatClockTime(ms, timezone);
  const holds = (a.history ?? []).filter((e) => e.action === 'hold-approved');
  // Passed up by a person (the timers' own escalations are the card's level line).
  const escalations = (a.history ?? []).filter((e) => e.action === 'escalated' && e.by !== undefined);
  const falseAlarms = (a.history ?? []).filter((e) => e.action === 'false-alarm');
  const resolution = resolutionText(t, a);
  return (
    <dl className="desk-trail">
      <div className="desk-trail-row">
        <dt>{t('alerts.history.opened')}</dt>
        <dd>{time(a.openedAt)}</dd>
      </div>
      {a.acknowledgedAt !== undefined && (
        <div className="desk-trail-row">
          <dt>{t('alerts.status.acknowledged')}</dt>
          <dd>
            {t('alerts.history.ackBy', { who: name(a.acknowledgedBy) ?? '?', time: time(a.acknowledgedAt) })}
            {a.acknowledgeNote !== undefined && a.acknowledgeNote !== '' && (
              <span className="desk-note-text"> — {t('alerts.history.note', { note: a.acknowledgeNote })}</span>
            )}
          </dd>
        </div>
      )}
      {escalations.map((h, i) => (
        <PersonRow key={`escalated-${i}`} entry={h} label={t('alerts.history.escalated', { level: t(`alerts.level.${h.level ?? 'supervisor'}`) })} timezone={timezone} />
      ))}
      {holds.map((h, i) => {
        const allowance = allowanceText(t, h);
        return (
          <div key={`hold-${i}`} className="desk-trail-row" data-trail="hold-approved">
            <dt>{t('alerts.history.holdApproved')}</dt>
            <dd>
              {t('alerts.history.ackBy', { who: name(h.by) ?? '?', time: time(h.at) })}
              {allowance !== undefined && <span> — {allowance}</span>}
              {h.comment !== undefined && h.comment !== '' && (
                <span className="desk-note-text"> — {t('alerts.history.note', { note: h.comment })}</span>
              )}
            </dd>
          </div>
        );
      })}
      {a.resolvedAt !== undefined && (
        <div className="desk-trail-row">
          <dt>{t('alerts.status.resolved')}</dt>
          <dd>
            {a.resolvedBy === 'auto'
              ? t('alerts.history.resolvedAuto', { time: time(a.resolvedAt) })
              : t('alerts.history.resolvedBy', { who: name(a.resolvedBy) ?? '?', time: time(a.resolvedAt) })}
            {resolution !== undefined && <span className="desk-note-text"> — {resolution}</span>}
          </dd>
        </div>
      )}
      {falseAlarms.map((h, i) => (
        <PersonRow key={`false-alarm-${i}`} entry={h} label={t('alerts.history.falseAlarm')} timezone={timezone} />
      ))}
    </dl>
  );
}

/** A person's step on the trail (passed up by hand, called a false alarm): who, when, and their own note. */
function PersonRow({ entry: h, label, timezone }: { entry: AlertHistoryEntry; label: string; timezone: string | undefined }) {
  const t = useT();
  const name = usePersonNames();
  return (
    <div className="desk-trail-row" data-trail={h.action}>
      <dt>{label}</dt>
      <dd>
        {t('alerts.history.ackBy', { who: name(h.by) ?? '?', time: formatClockTime(h.at, timezone) })}
        {/* The system's words (a code) are not a person's note. */}
        {h.noteCode === undefined && h.note !== undefined && h.note !== '' && (
          <span className="desk-note-text"> — {t('alerts.history.note', { note: h.note })}</span>
        )}
      </dd>
    </div>
  );
}
