/**
 * The rules in force in words (the admin's rules page): every rule's title, from the shared
 * RULE_TITLES table (the notifications name rules from the same table), and the names of
 * their thresholds.
 */
import { RULE_IDS } from '../../../shared/rules.js';
import { RULE_TITLES, type RuleTitleLanguage } from '../../../shared/rule-titles.js';
import { addMessages } from './index.js';

const PARAMS_ZH = {
  'admin.param.ringSeconds': '振铃时限',
  'admin.param.apologyPhrases': '致歉用语',
  'admin.param.apologyWithinUtterances': '致歉须在前几句内',
  'admin.param.inbound': '呼入问候语片段',
  'admin.param.outbound': '呼出问候语片段',
  'admin.param.maxHoldSeconds': '最长保持时间',
  'admin.param.phrases': '禁语',
  'admin.param.harassmentSeverity': '骚扰挂机的严重程度',
  'admin.param.maxAfterCallSeconds': '最长话后处理',
  'admin.param.requireNotes': '必须填写记录',
  'admin.param.waitSeconds': '来电等待超过',
  'admin.param.seats': '座席对应表',
  'admin.param.noReasonSeconds': '无原因示忙时限',
  'admin.param.maxSeconds': '各原因最长时长',
  'admin.param.scheduleGraceMinutes': '用餐提前容许',
  'admin.param.arriveMinutes': '提前到岗',
  'admin.param.meetingMinutes': '提前召开班前会',
  'admin.param.endWindowMinutes': '视为下班离岗的时段',
  'admin.param.graceMinutes': '班次开始后未登录视为缺勤',
};

const PARAMS_EN: typeof PARAMS_ZH = {
  'admin.param.ringSeconds': 'Ring limit',
  'admin.param.apologyPhrases': 'Apology phrases',
  'admin.param.apologyWithinUtterances': 'Apology within first utterances',
  'admin.param.inbound': 'Inbound greeting fragments',
  'admin.param.outbound': 'Outbound greeting fragments',
  'admin.param.maxHoldSeconds': 'Longest hold',
  'admin.param.phrases': 'Forbidden phrases',
  'admin.param.harassmentSeverity': 'Harassment release severity',
  'admin.param.maxAfterCallSeconds': 'Longest wrap-up',
  'admin.param.requireNotes': 'Notes required',
  'admin.param.waitSeconds': 'Calls waiting longer than',
  'admin.param.seats': 'Seat plan',
  'admin.param.noReasonSeconds': 'Not ready without reason',
  'admin.param.maxSeconds': 'Longest per reason',
  'admin.param.scheduleGraceMinutes': 'Meal may start early by',
  'admin.param.arriveMinutes': 'Lead on site before the shift',
  'admin.param.meetingMinutes': 'Pre-shift meeting before the shift',
  'admin.param.endWindowMinutes': 'Logout counts as leaving at shift end within',
  'admin.param.graceMinutes': 'Absent when not logged in after',
};

/** `admin.rule.<id>` -> the rule's title in one language. */
function ruleTitleMessages(language: RuleTitleLanguage): Record<string, string> {
  return Object.fromEntries(RULE_IDS.map((id) => [`admin.rule.${id}`, RULE_TITLES[language][id]]));
}

addMessages({
  'zh-CN': { ...PARAMS_ZH, ...ruleTitleMessages('zh-CN') },
  en: { ...PARAMS_EN, ...ruleTitleMessages('en') },
});
