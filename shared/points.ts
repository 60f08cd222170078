/**
 * The points ledger (articles 104-105): rewards and deductions per agent, each with the
 * article it comes from. Entries are never changed or deleted; a mistaken entry is
 * reversed by a new entry with the opposite points and a reason.
 */
import { z } from 'zod';
import { timestamp } from './events.js';
import { fillTemplate } from './problems.js';

export interface PointsItem {
  /** The article and item number, e.g. `105.4`. */
  article: string;
  /** Points added (positive) or taken (negative); for items with several values, the first. */
  points: number;
  /** Other values a supervisor may choose (technical expert: 10/6/3). */
  choices?: number[];
  /** Detected from events by the engine (`auto`), or entered by a supervisor. */
  source: 'auto' | 'manual';
  en: string;
  zh: string;
}

/** The catalogue, in the policy's order. Article 105's list goes on past the excerpt. */
export const POINTS_ITEMS = {
  'full-attendance': { article: '104.1', points: 1, source: 'auto', en: 'Full attendance in the month', zh: '全勤奖' },
  'little-bee': { article: '104.2', points: 5, source: 'auto', en: 'Most calls answered in the quarter', zh: '小蜜蜂奖' },
  'quality-star': { article: '104.3', points: 5, source: 'manual', en: 'Best quality-monitoring score in the quarter', zh: '话务质量之星' },
  'technical-expert': { article: '104.4', points: 10, choices: [10, 6, 3], source: 'manual', en: 'Top three in the bank\'s exams or contests', zh: '技术能手奖' },
  'industry-elite': { article: '104.5', points: 10, source: 'manual', en: 'Top three at city level or above', zh: '行业精英奖' },
  'suggestion': { article: '104.6', points: 5, source: 'manual', en: 'Improvement suggestion adopted', zh: '合理化建议奖' },
  'most-wronged': { article: '104.7', points: 5, source: 'manual', en: 'Abused by a caller while serving well', zh: '最受委屈奖' },
  'absence': { article: '105.1', points: -2, source: 'auto', en: 'Unexcused absence', zh: '无故旷工' },
  'posture': { article: '105.2', points: -1, source: 'manual', en: 'Poor posture', zh: '坐姿不端正' },
  'mobile-phone': { article: '105.3', points: -2, source: 'manual', en: 'Mobile phone at work', zh: '工作时间使用手机' },
  'private-call': { article: '105.4', points: -2, source: 'auto', en: 'Private call through the seat system', zh: '利用坐席系统拨打私人电话' },
  'dress': { article: '105.5', points: -1, source: 'manual', en: 'Hair, dress or jewellery against the rules', zh: '发型饰物不合规定' },
  'uncivil': { article: '105.6', points: -1, source: 'manual', en: 'Uncivil conduct (e.g. slippers)', zh: '行为不文明' },
  'polite-language': { article: '105.7', points: -1, source: 'auto', en: 'Prescribed polite language not used', zh: '不按规定使用文明用语' },
  'visitors': { article: '105.8', points: -2, source: 'manual', en: 'Unauthorised visitors in the seat area', zh: '违规会客' },
  'chatting': { article: '105.9', points: -2, source: 'manual', en: 'Chatting or horseplay', zh: '聚众闲聊、嬉笑打闹' },
  'desk-items': { article: '105.10', points: -1, source: 'manual', en: 'Unrelated items on the desk', zh: '随意摆放无关物品' },
  'leaving-seat': { article: '105.11', points: -2, source: 'auto', en: 'Leaving the seat without reason', zh: '无故离开座席' },
  'unarranged-meal': { article: '105.12', points: -2, source: 'auto', en: 'Eating without arrangement', zh: '未按安排擅自用餐' },
} as const satisfies Record<string, PointsItem>;

export type PointsItemId = keyof typeof POINTS_ITEMS;
export const POINTS_ITEM_IDS = Object.keys(POINTS_ITEMS) as PointsItemId[];

/**
 * Why the engine made an automatic entry, as a stable code with parameters beside the
 * English `reason` (for the CSV, logs and scripts). The ledger is read in Chinese by
 * default: a screen says the code in its reader's language
 * (client/src/i18n/messages-points.ts) and falls back to `reason` for a code it does not
 * know (a newer server) or an entry without one (written before codes existed). The
 * English `reason` is the template filled in (pointsReason), so the two always agree.
 *
 * A code is part of the API, like a problem code: never rename or reuse one; add new ones.
 * Parameters are filled into `{name}` places; `notReady` is a not-ready reason code
 * (`break`, `meal` ...), `start`/`end` are the centre's local HH:mm.
 */
export const POINTS_REASONS = {
  greetingMissing: 'The call opened without the prescribed greeting',
  forbiddenPhrase: 'A forbidden service phrase on a call',
  privateCall: 'Private call through the seat system',
  mealOutsideArrangement: 'Meal outside the arranged meal times',
  awayNoReason: 'Not ready with no reason for {seconds} s',
  awayTooLong: 'On {notReady} longer than {seconds} s',
  awayPastWindow: 'On {notReady} past its arranged end {end}',
  loggedOutMidShift: 'Logged out at {time} during the shift without a lead\'s approval',
  absence: 'Not logged in {graceMinutes} min after the shift start {start}',
  fullAttendance: 'Full attendance in {month}: {shifts} shift(s), all on time',
  littleBee: 'Most calls answered in {quarter}: {answered}',
  littleBeeShared: 'Most calls answered in {quarter}: {answered} (shared by {winners} agents)',
  /** A reversal the engine wrote: the alert behind the entry was resolved as a false alarm. */
  falseAlarm: 'False alarm: alert {alert}, judged so by {who}',
} as const;

export type PointsReasonCode = keyof typeof POINTS_REASONS;
export type PointsReasonParams = Record<string, string | number>;

export function isPointsReasonCode(value: unknown): value is PointsReasonCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(POINTS_REASONS, value);
}

/** An automatic entry's reason: the English text, and the code and params a screen translates. */
export function pointsReason(code: PointsReasonCode, params?: PointsReasonParams): Pick<PointsEntry, 'reason' | 'reasonCode' | 'reasonParams'> {
  return { reason: fillTemplate(POINTS_REASONS[code], params), reasonCode: code, ...(params !== undefined && { reasonParams: params }) };
}

export interface PointsEntry {
  /** Automatic entries have ids derived from what caused them, so a replay cannot add one twice. */
  id: string;
  agentId: string;
  /** When the thing happened (the points count in that month and quarter). */
  at: number;
  points: number;
  item: PointsItemId | 'reversal';
  article: string;
  /** Why, in English: the supervisor's own words for a manual entry. */
  reason: string;
  /** Automatic entries: why as a stable code and its parameters (POINTS_REASONS); absent on older rows. */
  reasonCode?: PointsReasonCode;
  reasonParams?: PointsReasonParams;
  /** Event or alert ids behind the entry. */
  evidence: string[];
  /** `system` for automatic entries, else the username. */
  author: string;
  source: 'auto' | 'manual';
  /** Set on a reversal: the entry it cancels. */
  reverses?: string;
  /** When the entry was written. */
  recordedAt: number;
  /** Filled in on reading: the id of the entry that reversed this one. */
  reversedBy?: string;
}

/** A supervisor's entry. Every automatic item may also be entered by hand (e.g. a missed absence). */
export const manualPointsInput = z.strictObject({
  agentId: z.string().min(1).max(200),
  item: z.enum(POINTS_ITEM_IDS as [PointsItemId, ...PointsItemId[]]),
  /** Only for items with choices (technical expert 10/6/3); otherwise the catalogue's value. */
  points: z.number().int().optional(),
  reason: z.string().trim().min(1, 'say why').max(2000),
  evidence: z.array(z.string().min(1).max(500)).max(50).default([]),
  at: timestamp.optional(),
});
export type ManualPointsInput = z.input<typeof manualPointsInput>;

export const reversePointsInput = z.strictObject({
  reason: z.string().trim().min(1, 'say why the entry is reversed').max(2000),
});

export interface LeaderboardRow {
  rank: number;
  agentId: string;
  name?: string;
  teamId?: string;
  points: number;
  rewards: number;
  deductions: number;
}

/** A quarter in the centre's time zone, e.g. `2026-Q4`. */
export interface Leaderboard {
  quarter: string;
  from: number;
  to: number;
  rows: LeaderboardRow[];
}

/**
 * Article 104.8: the top three by average quarterly score, recommended for the bank's
 * excellent-staff award, never more than 15% of the centre's headcount.
 */
export interface ExcellenceCandidates {
  year: number;
  headcount: number;
  cap: number;
  candidates: Array<{ agentId: string; name?: string; average: number; quarters: Record<string, number> }>;
}
