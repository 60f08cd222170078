/**
 * An alert's headline in the reader's language. The server writes one English sentence
 * (`title`, specific: "Call ringing at agent 1001 for 10 s"); in Chinese the headline is the
 * kind of alert in the catalogue's words plus whom it is about, so a zh-CN floor reads no
 * English.
 *
 * The kind is the alert's title code (`titleCode`, shared/alert-titles.ts), each with its
 * words (`alert.headline.<code>`, shared/alert-title-words.ts): what happened, not the
 * rule it breaks, and two alerts of one rule side by side are told apart (answer-3-rings a
 * call still ringing and a late answer without an apology; hold-consent a hold without
 * consent and one past its limit). An alert without a code (stored before codes existed)
 * or with one this page does not know (a newer server's) is named by its rule
 * (`rule.<id>`): never wrong, only less precise.
 */
import { isAlertTitleCode, ruleOfTitle } from '../../../shared/alert-titles.js';
import type { AlertSummary } from '../../../shared/alerts.js';
import { useLocale, useT, type T, type Vars } from '../i18n/index.js';
import { paramsInWords } from '../i18n/param-words.js';

/** The kind of alert this is, as a message key and the title's figures; undefined when only the rule's name can say it. */
export function headlineOf(t: T, a: Pick<AlertSummary, 'rule' | 'titleCode' | 'titleParams'>): { key: string; vars: Vars } | undefined {
  const code = a.titleCode;
  if (!isAlertTitleCode(code) || ruleOfTitle(code) !== a.rule) return undefined;
  return { key: `alert.headline.${code}`, vars: paramsInWords(t, a.titleParams) };
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
