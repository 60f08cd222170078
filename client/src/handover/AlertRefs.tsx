/**
 * Alerts as a handover names them: severity (a word on a chip), the rule (by its name in
 * the reader's language, as the desk names it; its id is a code, kept as data and tooltip)
 * and its article, what and when, each a link to the alert desk where it is acknowledged
 * or resolved. The
 * headline is the desk's (alerts/alert-title.ts), in the reader's language: the server's
 * English sentence in English; in Chinese the rule's (or its kind's) words and, when the
 * alert was read (`details`, alert-details.ts), the agent it is about. Never its id.
 */
import type { HandoverAlertRef } from '../../../shared/handover.js';
import { RULE_INFO } from '../../../shared/rules.js';
import { useAlertTitle } from '../alerts/alert-title.js';
import { ruleName } from '../components/AlertItem.js';
import { Link } from '../components/Link.js';
import { useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { formatCentreDateTime } from '../time/format.js';
import { headlineSource, type AlertDetails } from './alert-details.js';

export function AlertRefs({ alerts, tz, className, details }: {
  alerts: readonly HandoverAlertRef[];
  tz: string | undefined;
  className?: string;
  /** The alerts as read from the desk's API, for whom they are about. */
  details?: AlertDetails;
}) {
  const t = useT();
  const headline = useAlertTitle();
  return (
    <ul className={`handover-alerts${className === undefined ? '' : ` ${className}`}`}>
      {alerts.map((a) => (
        <li key={a.id} className={`handover-alert severity-${a.severity}`} data-alert={a.id}>
          <span className="alert-severity">{t(`severity.${a.severity}`)}</span>
          <Link href={`${PATHS.alerts}#alert-${encodeURIComponent(a.id)}`} className="handover-alert-link">
            {headline(headlineSource(a, details))}
          </Link>
          <span className="handover-alert-meta">
            <span className="handover-alert-rule" data-rule={a.rule} title={a.rule}>{ruleName(t, a.rule)}</span>
            {' · '}{t('alert.article', { article: RULE_INFO[a.rule]?.article ?? a.article })}
            {a.teamId !== undefined && <> · {t('handover.teamOf', { team: a.teamId })}</>}
            {' · '}{t(`alert.status.${a.status}`)}
            {' · '}{t('handover.openedAt', { time: formatCentreDateTime(a.openedAt, tz) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
