/**
 * One alert: severity (colour and word), the rule and the policy article it enforces,
 * the title and its age. Only fields without customer data are read; the store has
 * already dropped `sensitive`.
 */
import { memo } from 'react';
import { RULE_INFO } from '../../../shared/rules.js';
import type { BoardAlert } from '../store/apply.js';
import { Elapsed } from './Elapsed.js';

export const AlertItem = memo(function AlertItem({ alert: a }: { alert: BoardAlert }) {
  const article = RULE_INFO[a.rule]?.article ?? a.article;
  const acknowledged = a.status === 'acknowledged';
  return (
    <li className={`alert-item severity-${a.severity}${acknowledged ? ' is-acknowledged' : ''}`} data-alert={a.id}>
      <div className="alert-top">
        <span className="alert-severity">{a.severity}</span>
        <span className="alert-rule">
          {a.rule} · Art. {article}
        </span>
        <Elapsed since={a.openedAt} className="alert-age" />
      </div>
      <div className="alert-title">{a.title}</div>
      <div className="alert-meta">
        {acknowledged ? `Acknowledged${a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : ''}` : `For the ${a.escalationLevel}`}
        {a.occurrences > 1 && ` · ${a.occurrences}×`}
      </div>
    </li>
  );
});
