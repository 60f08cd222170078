/**
 * Alerts as a handover names them: severity (a word on a chip), the rule and its article,
 * what and when, each a link to the alert desk where it is acknowledged or resolved.
 */
import type { HandoverAlertRef } from '../../../shared/handover.js';
import { Link } from '../components/Link.js';
import { useLocale, useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { formatCentreDateTime } from '../time/format.js';

export function AlertRefs({ alerts, tz, className }: { alerts: readonly HandoverAlertRef[]; tz: string | undefined; className?: string }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  return (
    <ul className={`handover-alerts${className === undefined ? '' : ` ${className}`}`}>
      {alerts.map((a) => (
        <li key={a.id} className={`handover-alert severity-${a.severity}`} data-alert={a.id}>
          <span className="alert-severity">{t(`severity.${a.severity}`)}</span>
          <Link href={`${PATHS.alerts}#alert-${encodeURIComponent(a.id)}`} className="handover-alert-link">
            {/* The server writes one English sentence; in Chinese the rule's own words. */}
            {locale === 'en' ? a.title : t(`rule.${a.rule}`)}
          </Link>
          <span className="handover-alert-meta">
            {a.rule} · {t('alert.article', { article: a.article })}
            {a.teamId !== undefined && <> · {t('handover.teamOf', { team: a.teamId })}</>}
            {' · '}{t(`alert.status.${a.status}`)}
            {' · '}{t('handover.openedAt', { time: formatCentreDateTime(a.openedAt, tz) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
