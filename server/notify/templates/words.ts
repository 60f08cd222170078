/**
 * The words of a notification in each language. Chinese is the policy's language and the
 * default; English for the rest. Rule titles come from the shared RULE_TITLES table (the
 * wallboard's rules page reads the same one), in the message's language, because a message
 * must read whole in one language on a phone.
 */
import { alertTitleWords } from '../../../shared/alert-title-words.js';
import { isAlertTitleCode } from '../../../shared/alert-titles.js';
import type { EscalationLevel, Severity } from '../../../shared/rules.js';
import type { NotificationMessage, NotifyLanguage } from '../../../shared/notify.js';

interface Words {
  severity: Record<Severity, string>;
  level: Record<EscalationLevel, string>;
  rule: string;
  what: string;
  article: (article: string) => string;
  subject: string;
  agent: (agentId: string, teamId?: string) => string;
  queue: (queue: string) => string;
  floor: string;
  call: string;
  age: string;
  opened: (level: string) => string;
  escalated: (level: string) => string;
  test: string;
  testBody: string;
  view: string;
  acknowledge: string;
  ackNote: (minutes: number) => string;
  seconds: (s: number) => string;
  minutes: (m: number, s: number) => string;
  hours: (h: number, m: number) => string;
  footer: string;
}

export const WORDS: Record<NotifyLanguage, Words> = {
  'zh-CN': {
    severity: { info: '提示', warning: '警告', critical: '严重' },
    level: { lead: '值班长', supervisor: '现场主管', manager: '部门经理' },
    rule: '规则',
    what: '情况',
    article: (a) => `第 ${a} 条`,
    subject: '对象',
    agent: (id, team) => (team === undefined ? `工号 ${id}` : `工号 ${id}（班组 ${team}）`),
    queue: (q) => `队列 ${q}`,
    floor: '全场',
    call: '通话',
    age: '已持续',
    opened: (level) => `新告警，请${level}处理`,
    escalated: (level) => `无人确认，已升级至${level}`,
    test: '测试消息',
    testBody: '这是 Floorwatch 的测试消息：此渠道可以送达。',
    view: '在看板上查看',
    acknowledge: '一键确认',
    ackNote: (m) => `${m} 分钟内有效，仅可使用一次`,
    seconds: (s) => `${s} 秒`,
    minutes: (m, s) => `${m} 分 ${s} 秒`,
    hours: (h, m) => `${h} 小时 ${m} 分`,
    footer: 'Floorwatch 现场监控（第 93、94 条：紧急事项立即向上报告）',
  },
  en: {
    severity: { info: 'Info', warning: 'Warning', critical: 'Critical' },
    level: { lead: 'shift lead', supervisor: 'floor supervisor', manager: 'department manager' },
    rule: 'Rule',
    what: 'What',
    article: (a) => `art. ${a}`,
    subject: 'Subject',
    agent: (id, team) => (team === undefined ? `agent ${id}` : `agent ${id} (team ${team})`),
    queue: (q) => `queue ${q}`,
    floor: 'the whole floor',
    call: 'a call',
    age: 'Open for',
    opened: (level) => `New alert for the ${level}`,
    escalated: (level) => `Not acknowledged: escalated to the ${level}`,
    test: 'Test message',
    testBody: 'This is a Floorwatch test message: this channel delivers.',
    view: 'View on the wallboard',
    acknowledge: 'Acknowledge',
    ackNote: (m) => `works once, for ${m} min`,
    seconds: (s) => `${s} s`,
    minutes: (m, s) => `${m} min ${s} s`,
    hours: (h, m) => `${h} h ${m} min`,
    footer: 'Floorwatch floor monitor (art. 93, 94: urgent matters reported upward at once)',
  },
};

/** "3 min 12 s": how long the alert has been open when the message leaves. */
export function ageText(ms: number, language: NotifyLanguage): string {
  const w = WORDS[language];
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return w.seconds(s);
  if (s < 3600) return w.minutes(Math.floor(s / 60), s % 60);
  return w.hours(Math.floor(s / 3600), Math.floor((s % 3600) / 60));
}

/** The subject as a message names it: agent number and team, or the queue; never a caller. */
export function subjectText(subject: NotificationMessage['alert']['subject'], language: NotifyLanguage): string {
  const w = WORDS[language];
  if (subject.agentId !== undefined) return w.agent(subject.agentId, subject.teamId);
  if (subject.queue !== undefined) return w.queue(subject.queue);
  return subject.kind === 'call' ? w.call : w.floor;
}

/** What happened, in the message's language (the alert's title code), or undefined for an alert without one. */
export function whatText(alert: Pick<NotificationMessage['alert'], 'titleCode' | 'titleParams'>, language: NotifyLanguage): string | undefined {
  return isAlertTitleCode(alert.titleCode) ? alertTitleWords(alert.titleCode, alert.titleParams, language) : undefined;
}
