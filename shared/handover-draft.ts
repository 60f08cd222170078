/**
 * The first draft of a handover's text fields, from the prefill: what a lead would
 * otherwise copy off the wallboard by hand. Fields the monitor knows nothing about
 * (swallowed cards, erroneous accounts, management's tasks, replies pending, notices)
 * start empty.
 *
 * One composer for both ends, in the words it is given: the server drafts in English (the
 * API's language), the page redrafts in its reader's language (client/src/handover).
 */
import type { HandoverAlertRef, HandoverField, HandoverPrefill } from './handover.js';

export interface DraftWords {
  shift(from: string, to: string, tz: string, teams: string): string;
  calls(offered: number, answered: number, abandoned: number, serviceLevelPercent: number | null): string;
  adherence(percent: number): string;
  alerts(opened: number, resolved: number, stillOpen: number): string;
  absent(agents: string): string;
  criticalHeader: string;
  critical(alert: HandoverAlertRef, title: string): string;
  openIssue(alert: HandoverAlertRef, title: string, opened: string): string;
  rule(rule: string, count: number): string;
}

export const ENGLISH_DRAFT_WORDS: DraftWords = {
  shift: (from, to, tz, teams) => `Shift ${from} – ${to} (${tz}), teams ${teams}.`,
  calls: (offered, answered, abandoned, level) => `Calls (whole floor): ${offered} offered, ${answered} answered, ${abandoned} abandoned` +
    (level === null ? '.' : `; service level ${level}%.`),
  adherence: (percent) => `Schedule adherence: ${percent}%.`,
  alerts: (opened, resolved, stillOpen) => `Alerts: ${opened} opened, ${resolved} of them resolved; ${stillOpen} still open.`,
  absent: (agents) => `Absent (article 105.1): ${agents}.`,
  criticalHeader: 'Critical, still open:',
  critical: (a, title) => `- ${title} (art. ${a.article})`,
  openIssue: (a, title, opened) => `- [${a.severity}] ${title} (${a.rule}, art. ${a.article}; opened ${opened}, ${a.status})`,
  rule: (rule, n) => `- ${rule}: ${n}`,
};

export interface DraftStyle {
  words: DraftWords;
  /** A moment as the centre reads it (`MM-DD HH:mm` in its zone). */
  time(ts: number): string;
  tz: string;
  /** An alert's headline in the draft's language. */
  title(alert: HandoverAlertRef): string;
}

export function draftFields(prefill: HandoverPrefill, teamIds: readonly string[], style: DraftStyle): Record<HandoverField, string> {
  const { words, time, title } = style;
  const { calls } = prefill;
  const status = [
    words.shift(time(prefill.from), time(prefill.to), style.tz, teamIds.join(', ')),
    words.calls(calls.offered, calls.answered, calls.abandoned, calls.serviceLevel === null ? null : Math.round(calls.serviceLevel * 100)),
    ...(prefill.adherencePercent === null ? [] : [words.adherence(prefill.adherencePercent)]),
    words.alerts(prefill.alertsOpened, prefill.alertsResolved, prefill.open.length),
    ...(prefill.absences.length === 0 ? [] : [words.absent(prefill.absences.join(', '))]),
  ].join('\n');
  const problems = Object.entries(prefill.byRule).sort(([a], [b]) => a.localeCompare(b)).map(([rule, n]) => words.rule(rule, n));
  const openIssues = prefill.open.map((a) => words.openIssue(a, title(a), time(a.openedAt)));
  const critical = prefill.open.filter((a) => a.severity === 'critical').map((a) => words.critical(a, title(a)));
  return {
    shiftStatus: status,
    importantEvents: critical.length === 0 ? '' : `${words.criticalHeader}\n${critical.join('\n')}`,
    problemsFound: problems.join('\n'),
    openIssues: openIssues.join('\n'),
    repliesPending: '',
    notices: '',
    swallowedCards: '',
    erroneousAccounts: '',
    managementTasks: '',
  };
}
