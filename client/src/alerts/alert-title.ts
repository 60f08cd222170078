/**
 * An alert's headline in the reader's language. The server writes one English sentence
 * (`title`, specific: "Call ringing at agent 1001 for 10 s"); in Chinese the headline is the
 * kind of alert in the catalogue's words plus whom it is about, so a zh-CN floor reads no
 * English. A rule that raises more than one kind of alert names each kind its own way
 * (`alert.headline.<rule>.<kind>`), so two of its alerts side by side can be told apart:
 * answer-3-rings a call still ringing and a late answer without an apology; hold-consent a
 * hold without consent (or reason) and a hold past its limit; and so on (HEADLINES).
 *
 * What tells the kinds apart is what the engine puts on the alert: its kind (condition or
 * incident) or its subject (a call or an agent) where that is enough; otherwise only the
 * English title says which it is (away-without-reason raises five kinds of condition on an
 * agent), so the title's shape is read, with the figures it carries (the seconds, the
 * time). A title of no known shape (a newer server's wording) falls back to the kind's or
 * the rule's own words: never wrong, only less precise. Alerts carry no code for their
 * kind yet; when they do, it replaces the shapes here.
 */
import type { AlertKind, AlertSubject, AlertSummary } from '../../../shared/alerts.js';
import type { RuleId } from '../../../shared/rules.js';
import { useLocale, useT, type T, type Vars } from '../i18n/index.js';

/** One kind of alert of a rule: what it is known by, its message key, the title's figures it shows. */
export interface HeadlineKind {
  rule: RuleId;
  /** The message key, `alert.headline.<rule>.<name>`. */
  key: string;
  kind?: AlertKind;
  subject?: AlertSubject['kind'];
  /** The English title's shape; its groups are `vars`, in order. */
  title?: RegExp;
  vars?: readonly string[];
}

const k = (rule: RuleId, name: string, match: Omit<HeadlineKind, 'rule' | 'key'> = {}): HeadlineKind => ({
  rule, key: `alert.headline.${rule}.${name}`, ...match,
});

/**
 * Every rule that raises more than one kind of alert, its kinds in the order they are tried
 * (the first that fits is the one), the kind's general words last as the fallback for a
 * title of no known shape. Rules raising one kind only are named by their rule (`rule.<id>`).
 */
export const HEADLINES: readonly HeadlineKind[] = [
  // Art. 60: still ringing (condition), answered late without an apology (incident).
  k('answer-3-rings', 'condition', { kind: 'condition' }),
  k('answer-3-rings', 'incident', { kind: 'incident' }),
  // Art. 61, 66: the opening lacks the agent number, or the greeting itself.
  k('greeting', 'noNumber', { title: /without stating the agent number$/ }),
  k('greeting', 'noGreeting', { title: /without the prescribed greeting$/ }),
  // Art. 67: put on hold without consent or reason (incident), a hold past its limit (condition).
  k('hold-consent', 'noConsentNoReason', { kind: 'incident', title: /without consent or a stated reason$/ }),
  k('hold-consent', 'noConsent', { kind: 'incident', title: /without consent$/ }),
  k('hold-consent', 'noReason', { kind: 'incident', title: /without a stated reason$/ }),
  k('hold-consent', 'incident', { kind: 'incident' }),
  k('hold-consent', 'pastApproved', { kind: 'condition', title: /past the approved (\d+) s$/, vars: ['seconds'] }),
  k('hold-consent', 'pastLimit', { kind: 'condition', title: /past (\d+) s without approval$/, vars: ['seconds'] }),
  k('hold-consent', 'condition', { kind: 'condition' }),
  // Art. 74 (65): hung up first, or released a harassing caller (a report is due).
  k('no-hangup-first', 'harassment', { title: /released a harassing caller/ }),
  k('no-hangup-first', 'hungUpFirst', { title: /hung up before the customer$/ }),
  // Art. 77: after-call work too long (on the agent), left without the call's record (on the
  // call), a record without its call type or notes (incident).
  k('wrap-up-record', 'acwTooLong', { kind: 'condition', subject: 'agent' }),
  k('wrap-up-record', 'unrecorded', { kind: 'condition', subject: 'call' }),
  k('wrap-up-record', 'incident', { kind: 'incident' }),
  // Art. 78, 91: the incoming lead not in (on the lead), no pre-shift meeting (on the floor).
  k('lead-early', 'notIn', { subject: 'agent' }),
  k('lead-early', 'noMeeting', { subject: 'floor' }),
  // Art. 100: logged in at two stations, or at a station not its own.
  k('one-agent-one-login', 'twoStations', { title: /while logged in at / }),
  k('one-agent-one-login', 'wrongSeat', { title: /not its own station/ }),
  // Art. 105.4: a private call placed, or one received for too long.
  k('private-call', 'placed', { title: /placed a private call/ }),
  k('private-call', 'received', { title: /on a private call longer than (\d+) s/, vars: ['seconds'] }),
  // Art. 105.11-105.12: five kinds of condition on the agent, told apart by the title only.
  k('away-without-reason', 'mealOutside', { title: /on a meal at (\S+), outside the arranged meal times/, vars: ['time'] }),
  k('away-without-reason', 'pastWindow', { title: /on (.+?) past its arranged end (\S+)$/, vars: ['notReady', 'end'] }),
  k('away-without-reason', 'restTooLong', { title: /on rest longer than (\d+) s/, vars: ['seconds'] }),
  k('away-without-reason', 'noReason', { title: /not ready with no reason for (\d+) s$/, vars: ['seconds'] }),
  k('away-without-reason', 'tooLong', { title: /on (.+?) longer than (\d+) s$/, vars: ['notReady', 'seconds'] }),
  k('away-without-reason', 'leftSeat', { title: /left seat (.+?): logged out at (\S+) during the shift/, vars: ['seat', 'time'] }),
];

/** A not-ready reason as the title writes it (`no reason` for none) in the reader's words. */
function reasonWord(t: T, said: string): string {
  const reason = said === 'no reason' ? 'none' : said;
  const key = `reason.${reason}`;
  const word = t(key);
  return word === key ? said : word;
}

/** The kind of alert this is, as a message key and the title's figures; undefined for a rule with one kind. */
export function headlineOf(t: T, a: Pick<AlertSummary, 'rule' | 'kind' | 'subject' | 'title'>): { key: string; vars?: Vars } | undefined {
  for (const h of HEADLINES) {
    if (h.rule !== a.rule || (h.kind !== undefined && h.kind !== a.kind) || (h.subject !== undefined && h.subject !== a.subject.kind)) continue;
    if (h.title === undefined) return { key: h.key };
    const match = h.title.exec(a.title);
    if (match === null) continue;
    const vars: Vars = {};
    (h.vars ?? []).forEach((name, i) => {
      const value = match[i + 1] ?? '';
      vars[name] = name === 'notReady' ? reasonWord(t, value) : value;
    });
    return { key: h.key, vars };
  }
  return undefined;
}

export function useAlertTitle(): (alert: AlertSummary) => string {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (a) => {
    if (locale === 'en') return a.title;
    const who = a.agentId !== undefined ? t('alert.about.agent', { id: a.agentId }) : '';
    const call = a.callId !== undefined ? t('alert.about.call', { id: a.callId }) : '';
    const kind = headlineOf(t, a);
    const headline = kind === undefined ? t(`rule.${a.rule}`) : t(kind.key, kind.vars);
    return [headline, [who, call].filter(Boolean).join('，')].filter(Boolean).join(' · ');
  };
}
