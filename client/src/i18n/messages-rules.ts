/**
 * The rules in force in words (the admin's rules page): every rule's title, in Chinese as
 * stated here and in English as the shared RULE_INFO has it, and the names of their
 * thresholds. A Record over RULE_IDS, so a rule added to the contract fails to compile
 * here until it has its words.
 */
import { RULE_IDS, RULE_INFO, type RuleId } from '../../../shared/rules.js';
import { addMessages } from './index.js';

const RULE_TITLES_ZH: Record<RuleId, string> = {
  'answer-3-rings': '三声铃响内接听（10 秒）',
  greeting: '开头问候语并报工号',
  'hold-consent': '征得同意方可保持，且不超过核准时长',
  'forbidden-phrases': '不得使用服务禁语',
  'no-hangup-first': '不得先于客户挂机',
  'survey-transfer': '结束前转接满意度调查',
  'wrap-up-record': '每通电话后记录通话及类型',
  'callback-promise': '承诺的回访按时完成',
  'rest-off-hook': '有来电等待时不得摘机休息',
  'urgent-escalation': '紧急事项立即向上报告',
  'one-agent-one-login': '一个工号、一人、一个座席',
  'away-without-reason': '不得无原因离开座席',
  'private-call': '不得通过座席系统拨打私人电话',
  'lead-early': '接班值班长提前 20 分钟到岗，提前 10 分钟召开班前会',
  'no-leaving-post': '接班人员未到，未经值班长批准不得离岗',
  absence: '排班坐席按时登录，不得无故旷工',
};

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

addMessages({
  'zh-CN': { ...PARAMS_ZH, ...Object.fromEntries(RULE_IDS.map((id) => [`admin.rule.${id}`, RULE_TITLES_ZH[id]])) },
  en: { ...PARAMS_EN, ...Object.fromEntries(RULE_IDS.map((id) => [`admin.rule.${id}`, RULE_INFO[id].title])) },
});
