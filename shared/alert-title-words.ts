/**
 * What each kind of alert is, in each language Floorwatch speaks: a short headline per
 * title code (shared/alert-titles.ts), with the code's figures. One table, read by the
 * client's message catalogue (the wallboard's and the alert desk's headlines) and by the
 * server's notification templates, so an alert reads the same on the wallboard and on a
 * phone. Typed by the codes, so a new code does not build until both languages say it.
 * Places: the code's parameters; `notReady` is said in the reader's words by whoever fills
 * it in (the floor's word for a meal, a break).
 */
import type { AlertTitleCode, AlertTitleParams } from './alert-titles.js';
import { NOT_READY_REASONS, type NotReadyReason } from './events.js';
import { fillTemplate } from './problems.js';
import type { RuleTitleLanguage } from './rule-titles.js';

const ZH: Record<AlertTitleCode, string> = {
  'answer-3-rings.ringing': '来电响铃超过 {seconds} 秒未接听',
  'answer-3-rings.lateNoApology': '超时接听后未致歉',
  'greeting.noNumber': '开场白未报工号',
  'greeting.noGreeting': '未使用规定的开场白',
  'hold-consent.noConsentNoReason': '未征得客户同意、也未说明原因即保持',
  'hold-consent.noConsent': '未征得客户同意即保持',
  'hold-consent.noReason': '保持未说明原因',
  'hold-consent.pastLimit': '保持超过 {seconds} 秒，未经批准',
  'hold-consent.pastApproved': '保持超过批准的 {seconds} 秒',
  'forbidden-phrases.used': '使用了服务禁语',
  'no-hangup-first.hungUpFirst': '先于客户挂机',
  'no-hangup-first.harassment': '挂断骚扰来电，须向值班长报告',
  'survey-transfer.missed': '结束通话前未转接满意度调查',
  'wrap-up-record.unrecorded': '话后处理结束，未登记该通电话',
  'wrap-up-record.noTypeNoNotes': '登记缺少来电类型和备注',
  'wrap-up-record.noType': '登记缺少来电类型',
  'wrap-up-record.noNotes': '登记缺少备注',
  'wrap-up-record.acwTooLong': '话后处理超过 {seconds} 秒',
  'callback-promise.overdue': '承诺的回访已逾期',
  'rest-off-hook.whileCallsWait': '有来电等待时摘机休息',
  'lead-early.notIn': '接班值班长未在 {at} 班次前 {minutes} 分钟到岗',
  'lead-early.noMeeting': '{at} 班次前 {minutes} 分钟未召开班前会',
  'urgent-escalation.reported': '坐席报告紧急事项',
  'one-agent-one-login.twoStations': '同一工号在两个座席同时登录',
  'one-agent-one-login.wrongSeat': '工号在非本人座席登录',
  'private-call.placed': '用座席系统拨打私人电话',
  'private-call.placedByNobodyNamed': '有人用座席系统拨打私人电话',
  'private-call.received': '接听私人电话超过 {seconds} 秒',
  'away-without-reason.mealOutside': '{time} 在安排的用餐时间之外用餐',
  'away-without-reason.pastWindow': '{notReady}超过安排的结束时间 {end}',
  'away-without-reason.restTooLong': '离线休息超过本场所规定的 {seconds} 秒',
  'away-without-reason.noReason': '示忙且未选原因超过 {seconds} 秒',
  'away-without-reason.tooLong': '示忙（{notReady}）超过 {seconds} 秒',
  'away-without-reason.leftSeat': '班中 {time} 未经批准退出登录，离开座席 {seat}',
  'no-leaving-post.noRelief': '接班人员未到，未经批准离开座席 {seat}',
  'absence.notIn': '班次 {time} 开始后 {minutes} 分钟仍未登录',
  'absence.notInAtSeat': '班次 {time} 开始后 {minutes} 分钟仍未在座席 {seat} 登录',
};

const EN: Record<AlertTitleCode, string> = {
  'answer-3-rings.ringing': 'Call ringing over {seconds} s, not answered',
  'answer-3-rings.lateNoApology': 'Answered late, no apology',
  'greeting.noNumber': 'Opening without the agent number',
  'greeting.noGreeting': 'Opening without the prescribed greeting',
  'hold-consent.noConsentNoReason': 'Put on hold without consent or a stated reason',
  'hold-consent.noConsent': 'Put on hold without consent',
  'hold-consent.noReason': 'Put on hold without a stated reason',
  'hold-consent.pastLimit': 'On hold past {seconds} s without approval',
  'hold-consent.pastApproved': 'On hold past the approved {seconds} s',
  'forbidden-phrases.used': 'A forbidden phrase used',
  'no-hangup-first.hungUpFirst': 'Hung up before the customer',
  'no-hangup-first.harassment': 'Harassing caller released: report required',
  'survey-transfer.missed': 'Call closed without the satisfaction-survey transfer',
  'wrap-up-record.unrecorded': 'After-call work left without the call\'s record',
  'wrap-up-record.noTypeNoNotes': 'Call recorded without its type and notes',
  'wrap-up-record.noType': 'Call recorded without its type',
  'wrap-up-record.noNotes': 'Call recorded without notes',
  'wrap-up-record.acwTooLong': 'After-call work over {seconds} s',
  'callback-promise.overdue': 'Promised callback overdue',
  'rest-off-hook.whileCallsWait': 'Resting off-hook while calls wait',
  'lead-early.notIn': 'Incoming shift lead not in {minutes} min before the {at} shift',
  'lead-early.noMeeting': 'No pre-shift meeting {minutes} min before the {at} shift',
  'urgent-escalation.reported': 'Urgent matter reported',
  'one-agent-one-login.twoStations': 'Agent number logged in at two stations',
  'one-agent-one-login.wrongSeat': 'Agent number logged in at a station not its own',
  'private-call.placed': 'Private call placed through the seat system',
  'private-call.placedByNobodyNamed': 'Private call placed through the seat system, by nobody named',
  'private-call.received': 'Private call received, longer than {seconds} s',
  'away-without-reason.mealOutside': 'Meal at {time}, outside the arranged meal times',
  'away-without-reason.pastWindow': '{notReady} past its arranged end {end}',
  'away-without-reason.restTooLong': 'Rest longer than the site\'s {seconds} s',
  'away-without-reason.noReason': 'Not ready with no reason for over {seconds} s',
  'away-without-reason.tooLong': 'Not ready ({notReady}) for over {seconds} s',
  'away-without-reason.leftSeat': 'Logged out at {time} mid-shift without approval, leaving seat {seat}',
  'no-leaving-post.noRelief': 'Left seat {seat} before the relief arrived, without approval',
  'absence.notIn': 'Not logged in {minutes} min after the {time} shift start',
  'absence.notInAtSeat': 'Not logged in at seat {seat} {minutes} min after the {time} shift start',
};

export const ALERT_TITLE_WORDS: Record<RuleTitleLanguage, Record<AlertTitleCode, string>> = { 'zh-CN': ZH, en: EN };

/** A not-ready reason as the floor says it (`none`: no reason given). */
export const NOT_READY_WORDS: Record<RuleTitleLanguage, Record<NotReadyReason | 'none', string>> = {
  'zh-CN': { break: '小休', meal: '用餐', rest: '离线休息', meeting: '会议', training: '培训', other: '其他', none: '无原因' },
  en: { break: 'break', meal: 'meal', rest: 'rest', meeting: 'meeting', training: 'training', other: 'other', none: 'no reason' },
};

const isNotReady = (value: unknown): value is NotReadyReason | 'none' =>
  value === 'none' || (NOT_READY_REASONS as readonly unknown[]).includes(value);

/**
 * The kind of alert in words, its figures filled in (a not-ready reason in the language's
 * own word): what a notification says happened. The client says the same through its
 * message catalogue, which holds this table.
 */
export function alertTitleWords(code: AlertTitleCode, params: AlertTitleParams | undefined, language: RuleTitleLanguage): string {
  const notReady = params?.notReady;
  const filled = isNotReady(notReady) ? { ...params, notReady: NOT_READY_WORDS[language][notReady] } : params;
  return fillTemplate(ALERT_TITLE_WORDS[language][code], filled);
}
