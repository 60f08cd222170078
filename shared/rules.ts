/**
 * The policy rules Floorwatch checks, with the articles of the centre's written policy
 * they come from. Shared so the wallboard can name a rule and cite its article without
 * asking the server.
 */
export const RULE_IDS = [
  'answer-3-rings',
  'greeting',
  'hold-consent',
  'forbidden-phrases',
  'no-hangup-first',
  'survey-transfer',
  'wrap-up-record',
  'callback-promise',
  'rest-off-hook',
  'urgent-escalation',
  'one-agent-one-login',
  'away-without-reason',
  'private-call',
  'lead-early',
  'no-leaving-post',
  'absence',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Who an alert is addressed to, in escalation order (articles 93-94). */
export const ESCALATION_LEVELS = ['lead', 'supervisor', 'manager'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface RuleInfo {
  id: RuleId;
  article: string;
  title: string;
}

export const RULE_INFO: Record<RuleId, RuleInfo> = {
  'answer-3-rings': { id: 'answer-3-rings', article: '60', title: 'Answer within 3 rings (10 s)' },
  greeting: { id: 'greeting', article: '61, 66', title: 'Opening greeting with the agent number' },
  'hold-consent': { id: 'hold-consent', article: '67', title: 'Hold only with consent, within the approved length' },
  'forbidden-phrases': { id: 'forbidden-phrases', article: '68', title: 'No forbidden service phrases' },
  'no-hangup-first': { id: 'no-hangup-first', article: '74 (65)', title: 'Never hang up before the customer' },
  'survey-transfer': { id: 'survey-transfer', article: '76', title: 'Transfer to the satisfaction survey before closing' },
  'wrap-up-record': { id: 'wrap-up-record', article: '77', title: 'Record the call and its type after each call' },
  'callback-promise': { id: 'callback-promise', article: '63', title: 'Promised callbacks made on time' },
  'rest-off-hook': { id: 'rest-off-hook', article: '88', title: 'No off-hook rest while calls wait' },
  'urgent-escalation': { id: 'urgent-escalation', article: '93, 94', title: 'Urgent matters reported upward at once' },
  'one-agent-one-login': { id: 'one-agent-one-login', article: '100', title: 'One agent number, one person, one station' },
  'away-without-reason': { id: 'away-without-reason', article: '105.11, 105.12', title: 'No leaving the seat without a reason' },
  'private-call': { id: 'private-call', article: '105.4', title: 'No private calls through the seat system' },
  'lead-early': { id: 'lead-early', article: '78, 91', title: 'Incoming shift lead in 20 min early, meeting 10 min before' },
  'no-leaving-post': { id: 'no-leaving-post', article: '79', title: 'No leaving the post before the relief arrives' },
  absence: { id: 'absence', article: '105.1', title: 'Scheduled agents logged in on time' },
};
