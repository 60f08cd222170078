/**
 * An alert's headline in the reader's language. The server writes one English sentence
 * (`title`, specific: "Call ringing at agent 1001 for 10 s"); in Chinese the headline is the
 * rule's own words plus whom it is about, from the catalogues, so a zh-CN floor reads no
 * English. A rule that raises more than one kind of alert (answer-3-rings: a call still
 * ringing, and a late answer without an apology) names each kind its own way
 * (`alert.headline.<rule>.<kind>`), so two of its alerts side by side can be told apart.
 */
import type { AlertSummary } from '../../../shared/alerts.js';
import { useLocale, useT } from '../i18n/index.js';

export function useAlertTitle(): (alert: AlertSummary) => string {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (a) => {
    if (locale === 'en') return a.title;
    const who = a.agentId !== undefined ? t('alert.about.agent', { id: a.agentId }) : '';
    const call = a.callId !== undefined ? t('alert.about.call', { id: a.callId }) : '';
    const kindKey = `alert.headline.${a.rule}.${a.kind}`;
    const headline = t(kindKey) === kindKey ? t(`rule.${a.rule}`) : t(kindKey);
    return [headline, [who, call].filter(Boolean).join('，')].filter(Boolean).join(' · ');
  };
}
