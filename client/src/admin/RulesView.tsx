/**
 * The rules file in force, read-only: the centre's time zone, the service-level figure,
 * escalation, then each rule with its policy article and title, whether it runs, its
 * severity, whom it notifies first and its thresholds. State is always a word, never
 * a colour alone.
 */
import { RULE_IDS, RULE_INFO, type RuleId } from '../../../shared/rules.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { useT, type T } from '../i18n/index.js';

const COMMON = new Set(['enabled', 'severity', 'notify']);

function seconds(t: T, value: number): string {
  if (value >= 60 && value % 60 === 0) return t('admin.rules.secondsMinutes', { s: value, m: value / 60 });
  return t('admin.rules.seconds', { s: value });
}

/** One threshold's value, whatever its shape. */
function Value({ name, value }: { name: string; value: unknown }) {
  const t = useT();
  if (typeof value === 'boolean') return <>{value ? t('admin.yes') : t('admin.no')}</>;
  if (typeof value === 'number') {
    if (/Seconds$/.test(name) || name === 'maxSeconds') return <>{seconds(t, value)}</>;
    return <>{/Minutes$/.test(name) ? t('admin.rules.minutes', { m: value }) : value}</>;
  }
  if (typeof value === 'string') return <>{name.toLowerCase().includes('severity') ? t(`severity.${value}`) : value}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{t('admin.rules.noneSet')}</span>;
    return (
      <ul className="phrase-list">
        {value.map((v, i) => <li key={i} className="phrase" lang="zh-CN">{String(v)}</li>)}
      </ul>
    );
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return <span className="muted">{t('admin.rules.noneSet')}</span>;
    return (
      <dl className="rule-sub">
        {entries.map(([k, v]) => (
          <div key={k} className="rule-sub-item">
            <dt>{name === 'maxSeconds' ? t(`reason.${k}`) : k}</dt>
            <dd>{typeof v === 'number' && name === 'maxSeconds' ? seconds(t, v) : String(v)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <>{String(value)}</>;
}

function RuleCard({ id, rule }: { id: RuleId; rule: Record<string, unknown> & { enabled: boolean; severity: string; notify: string } }) {
  const t = useT();
  const info = RULE_INFO[id];
  const params = Object.entries(rule).filter(([k]) => !COMMON.has(k));
  return (
    <article className={`panel rule-card${rule.enabled ? '' : ' is-off'}`} aria-labelledby={`rule-${id}`} data-rule={id}>
      <header className="rule-head">
        <h3 id={`rule-${id}`} className="section-title">
          <span className="rule-article">{t('admin.rules.article', { article: info.article })}</span>
          {t(`admin.rule.${id}`)}
        </h3>
        <span className={`pill ${rule.enabled ? 'pill-on' : 'pill-off'}`}>{rule.enabled ? t('admin.rules.enabled') : t('admin.rules.disabled')}</span>
      </header>
      <p className="rule-id"><code>{id}</code></p>
      <dl className="rule-props">
        <div className="rule-prop">
          <dt>{t('admin.rules.severity')}</dt>
          <dd><span className={`severity-tag severity-tag-${rule.severity}`}>{t(`severity.${rule.severity}`)}</span></dd>
        </div>
        <div className="rule-prop">
          <dt>{t('admin.rules.notify')}</dt>
          <dd>{t(`admin.level.${rule.notify}`)}</dd>
        </div>
        {params.map(([k, v]) => (
          <div key={k} className="rule-prop">
            <dt>{t(`admin.param.${k}`)}</dt>
            <dd><Value name={k} value={v} /></dd>
          </div>
        ))}
      </dl>
    </article>
  );
}

export function RulesView({ config }: { config: RulesConfig }) {
  const t = useT();
  const esc = config.escalation;
  return (
    <>
      <section className="panel" aria-labelledby="rules-general">
        <h3 id="rules-general" className="section-title">{t('admin.rules.general')}</h3>
        <dl className="rule-props">
          <div className="rule-prop"><dt>{t('admin.rules.timezone')}</dt><dd>{config.timezone}</dd></div>
          <div className="rule-prop"><dt>{t('admin.rules.slThreshold')}</dt><dd>{seconds(t, config.serviceLevel.thresholdSeconds)}</dd></div>
          <div className="rule-prop"><dt>{t('admin.rules.slMode')}</dt><dd>{t(`admin.rules.mode.${config.serviceLevel.mode}`)}</dd></div>
          <div className="rule-prop"><dt>{t('admin.rules.shortAbandon')}</dt><dd>{seconds(t, config.serviceLevel.shortAbandonSeconds)}</dd></div>
          {(['critical', 'warning', 'info'] as const).map((sev) => (
            <div key={sev} className="rule-prop">
              <dt>{t('admin.rules.escalation', { severity: t(`severity.${sev}`) })}</dt>
              <dd>
                {esc[sev].lead === undefined && esc[sev].supervisor === undefined ? t('admin.rules.noEscalation') : (
                  <>
                    {esc[sev].lead !== undefined && <span className="esc-step">{t('admin.rules.escLead', { after: seconds(t, esc[sev].lead!) })}</span>}
                    {esc[sev].supervisor !== undefined && <span className="esc-step">{t('admin.rules.escSupervisor', { after: seconds(t, esc[sev].supervisor!) })}</span>}
                  </>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="rule-grid">
        {RULE_IDS.map((id) => <RuleCard key={id} id={id} rule={config.rules[id] as never} />)}
      </div>
    </>
  );
}
