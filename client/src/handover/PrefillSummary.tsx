/**
 * What the server gathered from the shift for the handover (the lead writes the text,
 * not this): alerts opened and resolved, by rule, those still open, the calls, the
 * teams' schedule adherence and who was absent; as of when it read them.
 */
import type { HandoverPrefill } from '../../../shared/handover.js';
import { RULE_IDS } from '../../../shared/rules.js';
import { ruleName } from '../components/AlertItem.js';
import { useT } from '../i18n/index.js';
import { formatCentreDateTime, formatPercent } from '../time/format.js';
import { AlertRefs } from './AlertRefs.js';

export function PrefillSummary({ prefill: p, tz }: { prefill: HandoverPrefill; tz: string | undefined }) {
  const t = useT();
  const byRule = RULE_IDS.flatMap((rule) => (p.byRule[rule] ?? 0) > 0 ? [{ rule, count: p.byRule[rule] ?? 0 }] : []);
  return (
    <section className="handover-prefill" aria-label={t('handover.prefill.title')}>
      <h4 className="handover-subtitle">
        {t('handover.prefill.title')}{' '}
        <span className="muted">{t('handover.prefill.window', { from: formatCentreDateTime(p.from, tz), to: formatCentreDateTime(p.to, tz) })}</span>
        {p.asOf !== undefined && <>{' · '}<span className="muted handover-as-of">{t('handover.prefill.asOf', { time: formatCentreDateTime(p.asOf, tz) })}</span></>}
      </h4>
      <dl className="handover-figures">
        <Figure label={t('handover.prefill.opened')} value={String(p.alertsOpened)} />
        <Figure label={t('handover.prefill.resolved')} value={String(p.alertsResolved)} />
        <Figure label={t('handover.prefill.stillOpen')} value={String(p.open.length)} warn={p.open.length > 0} />
        <Figure label={t('handover.prefill.offered')} value={String(p.calls.offered)} />
        <Figure label={t('handover.prefill.answered')} value={String(p.calls.answered)} />
        <Figure label={t('handover.prefill.abandoned')} value={String(p.calls.abandoned)} />
        <Figure label={t('handover.prefill.serviceLevel')} value={formatPercent(p.calls.serviceLevel)} />
        {/* As the drafted text says it (one decimal), so the two never read differently. */}
        <Figure label={t('handover.prefill.adherence')} value={p.adherencePercent === null ? '—' : `${p.adherencePercent}%`} />
        <Figure label={t('handover.prefill.absences')} value={p.absences.length === 0 ? t('handover.none') : p.absences.join(', ')} />
      </dl>
      <p className="muted handover-calls-note">
        {/* Counted by whole quarter hours (18:45-19:15 for a shift 18:49-19:14): the span need not be the shift's times, so it is said. */}
        {p.calls.intervalsFrom !== undefined && p.calls.intervalsTo !== undefined && (
          <span className="handover-calls-span">
            {t('handover.prefill.callsSpan', { from: formatCentreDateTime(p.calls.intervalsFrom, tz), to: formatCentreDateTime(p.calls.intervalsTo, tz) })}{' '}
          </span>
        )}
        {t('handover.prefill.callsNote')}
      </p>
      {byRule.length > 0 && (
        <div>
          <h5 className="handover-minor">{t('handover.prefill.byRule')}</h5>
          <ul className="handover-rules">
            {byRule.map(({ rule, count }) => (
              <li key={rule} data-rule={rule}><span>{ruleName(t, rule)}</span> <span className="panel-count">{count}</span></li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h5 className="handover-minor">{t('handover.prefill.openAlerts')}</h5>
        {p.open.length === 0 ? <p className="muted">{t('handover.prefill.noOpen')}</p> : <AlertRefs alerts={p.open} tz={tz} />}
      </div>
    </section>
  );
}

function Figure({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`figure${warn ? ' level-warning' : ''}`}>
      <dt className="figure-label">{label}</dt>
      <dd className="figure-value">{value}</dd>
    </div>
  );
}
