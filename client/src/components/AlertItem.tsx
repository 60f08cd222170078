/**
 * One alert: severity (colour, mark and word), the rule (by its name in the reader's
 * language, `rule.<id>`, as the handover names it; the id in the tooltip) and the policy
 * article it enforces, the title and its age. Only fields without customer data are read;
 * the store has already dropped `sensitive`. The title is the server's sentence in English,
 * the catalogue's words in Chinese (alerts/alert-title.ts).
 */
import { useAlertTitle } from '../alerts/alert-title.js';
import { memo } from 'react';
import { RULE_INFO } from '../../../shared/rules.js';
import { useT, type T } from '../i18n/index.js';
import type { BoardAlert } from '../store/apply.js';
import { Elapsed } from './Elapsed.js';
import { usePersonNames } from '../session/people.js';

const SEVERITY_MARK = { info: 'ℹ', warning: '▲', critical: '■' } as const;

/** The rule's name in the reader's language; its id only for a rule this page has no name for (a newer server's). */
export function ruleName(t: T, rule: string): string {
  const key = `rule.${rule}`;
  const name = t(key);
  return name === key ? rule : name;
}

export const AlertItem = memo(function AlertItem({ alert: a, onOpenAgent }: { alert: BoardAlert; onOpenAgent?: (agentId: string) => void }) {
  const t = useT();
  const title = useAlertTitle();
  const article = RULE_INFO[a.rule]?.article ?? a.article;
  const acknowledged = a.status === 'acknowledged';
  const name = usePersonNames();
  return (
    <li className={`alert-item severity-${a.severity}${acknowledged ? ' is-acknowledged' : ''}`} data-alert={a.id} data-rule={a.rule}>
      <div className="alert-top">
        <span className="alert-severity">
          <span aria-hidden="true">{SEVERITY_MARK[a.severity]}</span> {t(`severity.${a.severity}`)}
        </span>
        <span className="alert-rule" title={a.rule}>
          {ruleName(t, a.rule)} · <span className="alert-article">{t('alert.article', { article })}</span>
        </span>
        <Elapsed since={a.openedAt} className="alert-age" />
      </div>
      <div className="alert-title">{title(a)}</div>
      <div className="alert-meta">
        {acknowledged
          ? (a.acknowledgedBy ? t('alert.acknowledgedBy', { who: name(a.acknowledgedBy) }) : t('alert.acknowledged'))
          : t(`alert.for.${a.escalationLevel}`)}
        {a.occurrences > 1 && ` · ${t('alert.occurrences', { count: a.occurrences })}`}
        {a.agentId !== undefined && onOpenAgent !== undefined && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => onOpenAgent(a.agentId!)}>
              {t('panel.title', { id: a.agentId })}
            </button>
          </>
        )}
      </div>
    </li>
  );
});
