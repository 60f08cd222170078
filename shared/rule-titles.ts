/**
 * Every rule's title in each language Floorwatch speaks: one table, read by the client's
 * message catalogue (the admin's rules page) and by the server's notification templates, so
 * a rule reads the same on the wallboard and on a phone. Chinese is the policy's language;
 * the English titles are RULE_INFO's, kept there so the contract names a rule without this
 * file. A Record over RuleId, so a rule added to the contract fails to compile here until it
 * has its Chinese title.
 */
import { RULE_IDS, RULE_INFO, type RuleId } from './rules.js';

/** The languages a rule title comes in; the client's locales and the notifications' languages. */
export type RuleTitleLanguage = 'zh-CN' | 'en';

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

const RULE_TITLES_EN = Object.fromEntries(RULE_IDS.map((id) => [id, RULE_INFO[id].title])) as Record<RuleId, string>;

export const RULE_TITLES: Record<RuleTitleLanguage, Record<RuleId, string>> = {
  'zh-CN': RULE_TITLES_ZH,
  en: RULE_TITLES_EN,
};

export function ruleTitle(rule: RuleId, language: RuleTitleLanguage): string {
  return RULE_TITLES[language][rule];
}
