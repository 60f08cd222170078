import { fillTemplate } from './problems.js';
import type { RuleId } from './rules.js';

/**
 * What an alert is, as a stable code with parameters beside the English title the engine
 * has always written: `<rule>.<kind of breach>`. A rule that raises more than one kind of
 * alert (answer-3-rings a call still ringing and a late answer without an apology) gives
 * each its own code, so a screen can say which it is in its reader's language
 * (client/src/alerts/alert-title.ts) without reading the English. The English is the
 * template filled in (alertTitle), so the two always agree.
 *
 * A code is part of the API, like a problem code: never rename or reuse one; add new ones.
 * Parameters: `agent` an agent number (`?` when no event named one), `seconds` and
 * `minutes` whole numbers, `time`/`end`/`at` a local clock time (`09:00`), `notReady` a
 * not-ready reason code (`meal`, `none` ...), `seat`/`station` a station id, `call` a call
 * id, `teams` team ids joined by `, `, `lead`/`relief` an agent number, `others` station ids.
 */
export const ALERT_TITLES = {
  // Art. 60.
  'answer-3-rings.ringing': 'Call ringing at agent {agent} for {seconds} s, not answered',
  'answer-3-rings.lateNoApology': 'Agent {agent} answered late and did not apologise',
  // Art. 61, 66.
  'greeting.noNumber': 'Agent {agent} opened the call without stating the agent number',
  'greeting.noGreeting': 'Agent {agent} opened the call without the prescribed greeting',
  // Art. 67.
  'hold-consent.noConsentNoReason': 'Agent {agent} put the customer on hold without consent or a stated reason',
  'hold-consent.noConsent': 'Agent {agent} put the customer on hold without consent',
  'hold-consent.noReason': 'Agent {agent} put the customer on hold without a stated reason',
  'hold-consent.pastLimit': 'Customer on hold at agent {agent} past {seconds} s without approval',
  'hold-consent.pastApproved': 'Customer on hold at agent {agent} past the approved {seconds} s',
  // Art. 68.
  'forbidden-phrases.used': 'Agent {agent} used a forbidden phrase',
  // Art. 74 (65).
  'no-hangup-first.hungUpFirst': 'Agent {agent} hung up before the customer',
  'no-hangup-first.harassment': 'Agent {agent} released a harassing caller: report required (art. 65)',
  // Art. 76.
  'survey-transfer.missed': 'Agent {agent} closed the call without the satisfaction-survey transfer',
  // Art. 77.
  'wrap-up-record.unrecorded': 'Agent {agent} left after-call work without recording call {call}',
  'wrap-up-record.noTypeNoNotes': 'Agent {agent} recorded the call without call type and notes',
  'wrap-up-record.noType': 'Agent {agent} recorded the call without call type',
  'wrap-up-record.noNotes': 'Agent {agent} recorded the call without notes',
  'wrap-up-record.acwTooLong': 'Agent {agent} in after-call work for more than {seconds} s',
  // Art. 63.
  'callback-promise.overdue': 'Callback promised by agent {agent} is overdue',
  // Art. 88.
  'rest-off-hook.whileCallsWait': 'Agent {agent} resting off-hook while calls wait',
  // Art. 78, 91.
  'lead-early.notIn': 'Shift lead {lead} not in {minutes} min before the {at} shift ({teams})',
  'lead-early.noMeeting': 'No pre-shift meeting {minutes} min before the {at} shift ({teams}, lead {lead})',
  // Art. 93, 94.
  'urgent-escalation.reported': 'Urgent matter reported by agent {agent}',
  // Art. 100.
  'one-agent-one-login.twoStations': 'Agent number {agent} logged in at {station} while logged in at {others}',
  'one-agent-one-login.wrongSeat': 'Agent number {agent} logged in at {station}, not its own station {seat}',
  // Art. 105.4.
  'private-call.placed': 'Agent {agent} placed a private call through the seat system (art. 105.4: -2 points proposed)',
  'private-call.placedByNobodyNamed': 'Someone placed a private call through the seat system (art. 105.4: -2 points proposed)',
  'private-call.received': 'Agent {agent} on a private call longer than {seconds} s (art. 105.4: -2 points proposed)',
  // Art. 105.11-105.12.
  'away-without-reason.mealOutside': 'Agent {agent} on a meal at {time}, outside the arranged meal times (art. 105.12)',
  'away-without-reason.pastWindow': 'Agent {agent} on {notReady} past its arranged end {end}',
  'away-without-reason.restTooLong': "Agent {agent} on rest longer than {seconds} s (the site's limit; art. 88 sets none)",
  'away-without-reason.noReason': 'Agent {agent} not ready with no reason for {seconds} s',
  'away-without-reason.tooLong': 'Agent {agent} on {notReady} longer than {seconds} s',
  'away-without-reason.leftSeat': "Agent {agent} left seat {seat}: logged out at {time} during the shift, without a lead's approval (art. 105.11)",
  // Art. 79.
  'no-leaving-post.noRelief': "Agent {agent} left seat {seat} while the relief {relief} is not logged in, without a lead's approval",
  // Art. 105.1.
  'absence.notIn': 'Agent {agent} not logged in {minutes} min after the shift start {time}',
  'absence.notInAtSeat': 'Agent {agent} not logged in {minutes} min after the shift start {time} (seat {seat})',
} as const satisfies Record<`${RuleId}.${string}`, string>;

export type AlertTitleCode = keyof typeof ALERT_TITLES;
export type AlertTitleParams = Record<string, string | number>;

export function isAlertTitleCode(value: unknown): value is AlertTitleCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ALERT_TITLES, value);
}

/** The rule a title code belongs to (its part before the first dot). */
export function ruleOfTitle(code: AlertTitleCode): RuleId {
  return code.slice(0, code.indexOf('.')) as RuleId;
}

/** An alert's title, its code and parameters: what AlertSpec and Alert carry. */
export interface AlertTitle {
  title: string;
  titleCode: AlertTitleCode;
  titleParams: AlertTitleParams;
}

/**
 * The title in English and as a code. `english` replaces parameters in the English text
 * only, where a screen wants the code and the English its own word (`notReady: 'none'`
 * reads "no reason"; `teams` reads "team A" or "teams A, B").
 */
export function alertTitle(code: AlertTitleCode, params: AlertTitleParams, english?: AlertTitleParams): AlertTitle {
  return {
    title: fillTemplate(ALERT_TITLES[code], english === undefined ? params : { ...params, ...english }),
    titleCode: code,
    titleParams: params,
  };
}

/**
 * The parameters without the call's id: what a public screen or a notification may carry
 * (neither names a call; a call id may be the phone system's own reference).
 */
export function withoutCallId(params: AlertTitleParams): AlertTitleParams {
  const { call: _call, ...rest } = params;
  return rest;
}
