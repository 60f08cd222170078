/**
 * The first draft of a handover's text fields, from the prefill: what a lead would
 * otherwise copy off the wallboard by hand. Fields the monitor knows nothing about
 * (swallowed cards, erroneous accounts, management's tasks, replies pending, notices)
 * start empty.
 *
 * One composer for both ends, in the words it is given: the server drafts in English (the
 * API's language), the page redrafts in its reader's language (client/src/handover).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import type { HandoverAlertRef, HandoverField, HandoverPrefill } from './handover.js';
import { RULE_INFO, type RuleId } from './rules.js';

/** A rule as a person reads it (its title), not its id; an id this build does not know, as it is. */
const ruleTitle = (rule: string): string => RULE_INFO[rule as RuleId]?.title ?? rule;

dayjs.extend(utc);
dayjs.extend(timezone);

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
  openIssue: (a, title, opened) => `- [${a.severity}] ${title} (${ruleTitle(a.rule)}, art. ${a.article}; opened ${opened}, ${a.status})`,
  rule: (rule, n) => `- ${ruleTitle(rule)}: ${n}`,
};

export interface DraftStyle {
  words: DraftWords;
  /** A moment as the centre reads it (`MM-DD HH:mm` in its zone). */
  time(ts: number): string;
  tz: string;
  /** An alert's headline in the draft's language. */
  title(alert: HandoverAlertRef): string;
}

/**
 * The English draft in the centre's zone `tz`: the server's first draft (the API's
 * language), and the page's when its reader reads English. Other languages change the
 * words and the alerts' titles, not the times.
 */
export function englishDraftStyle(tz: string): DraftStyle {
  return { words: ENGLISH_DRAFT_WORDS, tz, time: (ts) => dayjs(ts).tz(tz).format('MM-DD HH:mm'), title: (a) => a.title };
}

/** One line of a draft, named by what it says (`calls`, `open:<alert id>`...), so a later draft's line can replace it. */
export interface DraftLine {
  key: string;
  text: string;
}

/** The draft line by line, each named (redraftFields matches them up). */
export function draftLines(prefill: HandoverPrefill, teamIds: readonly string[], style: DraftStyle): Record<HandoverField, DraftLine[]> {
  const { words, time, title } = style;
  const { calls } = prefill;
  const status: DraftLine[] = [
    { key: 'shift', text: words.shift(time(prefill.from), time(prefill.to), style.tz, teamIds.join(', ')) },
    { key: 'calls', text: words.calls(calls.offered, calls.answered, calls.abandoned, calls.serviceLevel === null ? null : Math.round(calls.serviceLevel * 100)) },
    ...(prefill.adherencePercent === null ? [] : [{ key: 'adherence', text: words.adherence(prefill.adherencePercent) }]),
    { key: 'alerts', text: words.alerts(prefill.alertsOpened, prefill.alertsResolved, prefill.open.length) },
    ...(prefill.absences.length === 0 ? [] : [{ key: 'absent', text: words.absent(prefill.absences.join(', ')) }]),
  ];
  const problems = Object.entries(prefill.byRule).sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, n]) => ({ key: `rule:${rule}`, text: words.rule(rule, n) }));
  const openIssues = prefill.open.map((a) => ({ key: `open:${a.id}`, text: words.openIssue(a, title(a), time(a.openedAt)) }));
  const critical = prefill.open.filter((a) => a.severity === 'critical').map((a) => ({ key: `critical:${a.id}`, text: words.critical(a, title(a)) }));
  return {
    shiftStatus: status,
    importantEvents: critical.length === 0 ? [] : [{ key: 'criticalHeader', text: words.criticalHeader }, ...critical],
    problemsFound: problems,
    openIssues,
    repliesPending: [],
    notices: [],
    swallowedCards: [],
    erroneousAccounts: [],
    managementTasks: [],
  };
}

export function draftFields(prefill: HandoverPrefill, teamIds: readonly string[], style: DraftStyle): Record<HandoverField, string> {
  return joinLines(draftLines(prefill, teamIds, style));
}

export function joinLines(lines: Record<HandoverField, DraftLine[]>): Record<HandoverField, string> {
  return Object.fromEntries(Object.entries(lines).map(([f, l]) => [f, l.map((x) => x.text).join('\n')])) as Record<HandoverField, string>;
}

/**
 * The lead's text brought up to a newer draft (fresher figures): a field still as the old
 * draft wrote it becomes the new draft's; in a field the lead edited, each line still as
 * the old draft wrote it becomes the new draft's line of the same name (or goes, when the
 * new draft has none: an alert no longer open), the new draft's new lines are added at its
 * end, and the lead's own lines stay as they are.
 */
export function redraftFields(
  text: Record<HandoverField, string>,
  before: Record<HandoverField, DraftLine[]>,
  after: Record<HandoverField, DraftLine[]>,
): Record<HandoverField, string> {
  const out = { ...text };
  for (const f of Object.keys(before) as HandoverField[]) {
    const old = before[f];
    const next = after[f] ?? [];
    const current = text[f] ?? '';
    if (current === old.map((l) => l.text).join('\n')) {
      out[f] = next.map((l) => l.text).join('\n');
      continue;
    }
    const oldByText = new Map(old.map((l) => [l.text, l.key]));
    const nextByKey = new Map(next.map((l) => [l.key, l.text]));
    const seen = new Set<string>();
    const lines = (current === '' ? [] : current.split('\n')).flatMap((line) => {
      const key = oldByText.get(line);
      if (key === undefined) return [line];
      seen.add(key);
      const replaced = nextByKey.get(key);
      return replaced === undefined ? [] : [replaced];
    });
    const added = next.filter((l) => !seen.has(l.key) && !old.some((o) => o.key === l.key)).map((l) => l.text);
    out[f] = [...lines, ...added].join('\n');
  }
  return out;
}
