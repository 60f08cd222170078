/**
 * What the server fills into a handover from the outgoing shift (article 80): its alerts,
 * call figures, adherence and absences, plus a first draft of the text fields the lead
 * then edits. Pure: the service gathers the alerts and the snapshot, this only counts.
 */
import { INTERVAL_MS, intervalOf } from '../engine/calendar.js';
import { withoutCallId } from '../../shared/alert-titles.js';
import type { Alert } from '../../shared/alerts.js';
import type { HandoverAlertRef, HandoverField, HandoverPrefill } from '../../shared/handover.js';
import { draftFields as composeDraft, englishDraftStyle } from '../../shared/handover-draft.js';
import type { RuleId } from '../../shared/rules.js';
import type { IntervalFigures } from '../../shared/figures.js';
import type { TeamAdherence } from '../../shared/schedule.js';

export interface PrefillSources {
  from: number;
  to: number;
  /** When the sources were read: what the figures are as of. */
  asOf: number;
  teamIds: readonly string[];
  /** Alerts opened in [from, to), any team (filtered here). */
  opened: Alert[];
  /** Alerts open or acknowledged now, any team (filtered here). */
  live: Alert[];
  /**
   * The day's 15-minute intervals (floor-wide: the engine does not split calls by team),
   * read at `asOf` together with `opened` and `live`.
   */
  intervals: IntervalFigures[];
  /** Today's adherence per team; absent until a plan is loaded. */
  adherence?: TeamAdherence[];
}

const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

export function alertRef(alert: Alert): HandoverAlertRef {
  return {
    id: alert.id, rule: alert.rule, article: alert.article, severity: alert.severity, title: alert.title,
    ...(alert.titleCode !== undefined && { titleCode: alert.titleCode, titleParams: withoutCallId(alert.titleParams ?? {}) }),
    status: alert.status, ...(alert.teamId !== undefined && { teamId: alert.teamId }), openedAt: alert.openedAt,
  };
}

export function buildPrefill(src: PrefillSources): HandoverPrefill {
  const ofTeams = (a: Alert): boolean => a.teamId !== undefined && src.teamIds.includes(a.teamId);
  const opened = src.opened.filter((a) => ofTeams(a) && a.openedAt >= src.from && a.openedAt < src.to);
  const byRule: Partial<Record<RuleId, number>> = {};
  for (const a of opened) byRule[a.rule] = (byRule[a.rule] ?? 0) + 1;
  const open = src.live.filter((a) => ofTeams(a) && a.status !== 'resolved')
    .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.openedAt - b.openedAt)
    .map(alertRef);
  const span = intervalSpan(src.from, src.to);
  return {
    from: src.from,
    to: src.to,
    asOf: src.asOf,
    alertsOpened: opened.length,
    // Of the alerts the shift opened, those it also closed.
    alertsResolved: opened.filter((a) => a.status === 'resolved' && a.resolvedAt !== undefined && a.resolvedAt < src.to).length,
    byRule,
    open,
    calls: { ...callFigures(span === undefined ? [] : src.intervals.filter((i) => i.start >= span.intervalsFrom && i.start < span.intervalsTo)), ...span },
    adherencePercent: adherenceOf(src.adherence ?? [], src.teamIds),
    absences: [...new Set(opened.filter((a) => a.rule === 'absence' && a.agentId !== undefined).map((a) => a.agentId!))].sort(),
  };
}

/**
 * The calls offered in the window's intervals and what became of those same calls by the
 * time they were read: answered, abandoned (the rest still wait, or left the queue some
 * other way), so `offered >= answered + abandoned`. Not the intervals' `answered`, which
 * counts the answers given in them: a shift beginning with calls waiting would then
 * answer more calls than it was offered.
 *
 * Service level as answered-within-threshold over answered plus abandoned: the intervals
 * carry no short-abandon split, so this is the default `abandons-against` formula whatever
 * the rules file says (the wallboard's live figure follows the file).
 */
export function callFigures(intervals: readonly IntervalFigures[]): HandoverPrefill['calls'] {
  const sum = (pick: (i: IntervalFigures) => number): number => intervals.reduce((total, i) => total + pick(i), 0);
  // An interval restored from a snapshot older than these counts: its calls' outcomes are unknown (none counted).
  const offered = sum((i) => i.offered);
  const answered = sum((i) => i.offeredAnswered ?? 0);
  const abandoned = sum((i) => i.offeredAbandoned ?? 0);
  const handled = answered + abandoned;
  return { offered, answered, abandoned, serviceLevel: handled === 0 ? null : sum((i) => i.offeredAnsweredInThreshold ?? 0) / handled };
}

/**
 * The whole 15-minute intervals that stand for the shift [from, to): the engine keeps
 * figures per interval only, so a shift off the quarter hour is counted by the intervals at
 * least half inside it (18:45-19:00 for a shift from 18:49; not 16:15-16:30 for one from
 * 16:26; 19:00-19:15 for one ending 19:14). Counting only intervals that start inside lost
 * a shift's first minutes' calls, and a draft made early in it showed none at all. A shift
 * too short to hold half of any interval takes the one it overlaps most (of two alike,
 * the earlier: the later one is still filling while the draft is made). Undefined for an
 * empty window.
 */
function intervalSpan(from: number, to: number): { intervalsFrom: number; intervalsTo: number } | undefined {
  if (to <= from) return undefined;
  const overlap = (start: number): number => Math.min(start + INTERVAL_MS, to) - Math.max(start, from);
  let counted: { intervalsFrom: number; intervalsTo: number } | undefined;
  let most = { start: intervalOf(from), overlap: 0 };
  for (let start = intervalOf(from); start < to; start += INTERVAL_MS) {
    const inside = overlap(start);
    if (inside > most.overlap) most = { start, overlap: inside };
    if (inside * 2 >= INTERVAL_MS) counted = { intervalsFrom: counted?.intervalsFrom ?? start, intervalsTo: start + INTERVAL_MS };
  }
  return counted ?? { intervalsFrom: most.start, intervalsTo: most.start + INTERVAL_MS };
}

/** The teams' mean of today's adherence (teams without scheduled time yet left out), one decimal. */
function adherenceOf(adherence: TeamAdherence[], teamIds: readonly string[]): number | null {
  const known = adherence.filter((t) => teamIds.includes(t.teamId) && t.percent !== null).map((t) => t.percent as number);
  return known.length === 0 ? null : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10;
}

/** The first draft of the text fields in English, the API's language (shared/handover-draft.ts). */
export function draftFields(prefill: HandoverPrefill, teamIds: readonly string[], tz: string): Record<HandoverField, string> {
  return composeDraft(prefill, teamIds, englishDraftStyle(tz));
}
