/**
 * An alert that closed while a lead had one of its forms open: acknowledged by someone
 * else, or resolved (by itself, the hold having ended; by another person). Its card stays
 * where it was, with the form and what was typed in it, and says what happened, in the
 * reader's language, until the lead closes it; rather than the card leaving for the history
 * and the form vanishing without a word.
 *
 * The lists keep such a card (`useOpenForms`): each card tells them when a form opens and
 * closes, and a card whose alert has left the list is kept while its form is open.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '../../../shared/alerts.js';
import { useT } from '../i18n/index.js';
import { fetchResolvedAlert } from './commands.js';
import type { BoardAlert } from './floor-read.js';
import { resolutionText } from './system-words.js';
import { usePersonNames } from '../session/people.js';

type Resolution = Pick<Alert, 'resolvedBy' | 'resolution' | 'resolutionCode' | 'resolutionParams'>;

export type ClosedMeanwhile =
  | { status: 'acknowledged'; by?: string }
  /** `resolved`: who and why, when known (the history has it; the floor's socket does not). */
  | { status: 'resolved'; resolved?: Resolution }
  /** A resolved alert someone else marked a false alarm while this lead was writing the same (art. 105): once only. */
  | { status: 'falseAlarm'; by?: string };

/** The alerts whose card has a form open, by id; `onFormOpen` is stable (a card's effect depends on it). */
export function useOpenForms(): { openForms: ReadonlySet<string>; onFormOpen(alertId: string, open: boolean): void } {
  const [openForms, setOpenForms] = useState<ReadonlySet<string>>(() => new Set());
  const onFormOpen = useCallback((alertId: string, open: boolean) => {
    setOpenForms((current) => {
      if (current.has(alertId) === open) return current;
      const next = new Set(current);
      if (open) next.add(alertId);
      else next.delete(alertId);
      return next;
    });
  }, []);
  return { openForms, onFormOpen };
}

/** How long to wait for the server to list an alert it has just resolved, between tries. */
const RESOLVED_RETRY_MS = [0, 1_000, 3_000];

/** Who resolved the alert and why: as given, else asked of the server (a few tries), else unknown. */
function useResolution(alert: BoardAlert, closed: ClosedMeanwhile): Resolution | undefined {
  const given = closed.status === 'resolved' ? closed.resolved : undefined;
  const [fetched, setFetched] = useState<Resolution | undefined>(undefined);
  const wanted = closed.status === 'resolved' && given === undefined;
  useEffect(() => {
    if (!wanted) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (i: number) => {
      timer = setTimeout(() => {
        fetchResolvedAlert(alert).then((whole) => {
          if (cancelled) return;
          if (whole !== undefined) setFetched(whole);
          else if (i + 1 < RESOLVED_RETRY_MS.length) attempt(i + 1);
        }, () => {
          if (!cancelled && i + 1 < RESOLVED_RETRY_MS.length) attempt(i + 1);
        });
      }, RESOLVED_RETRY_MS[i]);
    };
    attempt(0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // One alert, asked once per closing.
  }, [wanted, alert.id]);
  return given ?? fetched;
}

/**
 * What happened to the alert while the form was open, and what became of the form: not
 * sent, or (acknowledged by someone else, the command still possible) still to send.
 */
export function ClosedNotice({ alert, closed, stillPossible }: { alert: BoardAlert; closed: ClosedMeanwhile; stillPossible: boolean }) {
  const t = useT();
  const resolved = useResolution(alert, closed);
  const name = usePersonNames();
  let what: string;
  if (closed.status === 'acknowledged') {
    what = closed.by === undefined ? t('alerts.closed.acknowledged') : t('alerts.closed.acknowledgedBy', { who: name(closed.by) });
  } else if (closed.status === 'falseAlarm') {
    what = closed.by === undefined ? t('alerts.closed.falseAlarm') : t('alerts.closed.falseAlarmBy', { who: name(closed.by) });
  } else if (resolved?.resolvedBy === undefined) {
    what = t('alerts.closed.resolved');
  } else {
    const why = resolutionText(t, resolved);
    if (resolved.resolvedBy === 'auto') {
      what = why === undefined ? t('alerts.closed.cleared') : t('alerts.closed.clearedWhy', { why });
    } else {
      what = why === undefined
        ? t('alerts.closed.resolvedBy', { who: name(resolved.resolvedBy) })
        : t('alerts.closed.resolvedByWhy', { who: name(resolved.resolvedBy), why });
    }
  }
  return (
    <p className="desk-closed" role="status" data-closed={closed.status}>
      {t('alerts.closed.notice', { what, then: t(stillPossible ? 'alerts.closed.stillPossible' : 'alerts.closed.notSent') })}
    </p>
  );
}
