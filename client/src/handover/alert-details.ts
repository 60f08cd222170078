/**
 * What a handover's alert reference lacks to be named as the alert desk names it: the
 * agent and call it is about (alerts/alert-title.ts builds a Chinese headline from the
 * title's code and the agent). A reference (shared/handover.ts HandoverAlertRef) carries
 * the rule, the title and its code only, so for the few alerts that block a confirmation
 * (article 81), all live, each is read once from `GET /api/v1/alerts/:id`. One that cannot
 * be read (resolved since, not this reader's) is named by its reference alone.
 */
import { useEffect, useState } from 'react';
import type { AlertSubject, AlertSummary } from '../../../shared/alerts.js';
import type { HandoverAlertRef } from '../../../shared/handover.js';
import { api } from '../api.js';

export type AlertDetails = ReadonlyMap<string, AlertSummary>;

export function useAlertDetails(alerts: readonly HandoverAlertRef[] | undefined): AlertDetails {
  const [details, setDetails] = useState<AlertDetails>(new Map());
  const ids = (alerts ?? []).map((a) => a.id).join('\n');
  useEffect(() => {
    if (ids === '') return;
    let live = true;
    void Promise.all(ids.split('\n').map((id) => api.get<AlertSummary>(`/api/v1/alerts/${encodeURIComponent(id)}`).then(
      (alert): [string, AlertSummary][] => (typeof alert === 'object' && alert !== null && alert.id === id ? [[id, alert]] : []),
      (): [string, AlertSummary][] => [],
    ))).then((found) => {
      if (live) setDetails(new Map(found.flat()));
    });
    return () => { live = false; };
  }, [ids]);
  return details;
}

/**
 * The reference as the desk's headline reads an alert: its own rule and title, the rest
 * from the alert when it was read. Unread, its subject is unknown (not guessed): the
 * headline is then its title code's words, or the rule's (a reference without a code).
 */
export function headlineSource(ref: HandoverAlertRef, details: AlertDetails | undefined): AlertSummary {
  const alert = details?.get(ref.id);
  if (alert !== undefined) return { ...alert, id: ref.id, rule: ref.rule, title: alert.title };
  const unknown = { id: ref.id } as AlertSubject;
  return { id: ref.id, rule: ref.rule, title: ref.title, titleCode: ref.titleCode, titleParams: ref.titleParams, subject: unknown } as AlertSummary;
}
