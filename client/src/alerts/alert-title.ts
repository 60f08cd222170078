/**
 * An alert's headline in the reader's language. The server writes one English sentence
 * (`title`, specific: "Call ringing at agent 1001 for 10 s"); in Chinese the headline is the
 * rule's own words plus whom it is about, from the catalogues, so a zh-CN floor reads no
 * English.
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
    return [t(`rule.${a.rule}`), [who, call].filter(Boolean).join('，')].filter(Boolean).join(' · ');
  };
}
