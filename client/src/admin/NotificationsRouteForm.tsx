/** Adding or editing a route: which alerts, at which escalation levels, through which channels, to whom. */
import { useState, type FormEvent } from 'react';
import type { ChannelView, RecipientView, RouteView } from '../../../shared/notify.js';
import { ESCALATION_LEVELS, RULE_IDS, RULE_INFO, SEVERITIES, type EscalationLevel, type RuleId, type Severity } from '../../../shared/rules.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';
import { Checks, FormActions, Toggle } from './NotificationsParts.js';
import { useEntrySave } from './use-entry-save.js';

export function NotificationsRouteForm({ initial, channels, recipients, onSaved, onCancel }: {
  initial?: RouteView;
  channels: ChannelView[];
  recipients: RecipientView[];
  onSaved(): void;
  onCancel(): void;
}) {
  const t = useT();
  const [name, setName] = useState(initial?.name ?? '');
  const [rules, setRules] = useState<RuleId[]>(initial?.rules ?? []);
  const [severities, setSeverities] = useState<Severity[]>(initial?.severities ?? ['critical']);
  const [levels, setLevels] = useState<EscalationLevel[]>(initial?.levels ?? [...ESCALATION_LEVELS]);
  const [teams, setTeams] = useState((initial?.teams ?? []).join(', '));
  const [only, setOnly] = useState<string[]>(initial?.channels ?? []);
  const [people, setPeople] = useState<string[]>(initial?.recipients ?? []);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const prefix = `route-${initial?.id ?? 'new'}`;
  const { busy, formError, fieldError: err, save } = useEntrySave('routes', initial?.id, prefix, onSaved);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    return save({
      ...(initial && { id: initial.id }), ...(name.trim() !== '' && { name: name.trim() }), rules, severities, levels, enabled,
      teams: teams.split(',').map((s) => s.trim()).filter(Boolean), channels: only, recipients: people,
    });
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={initial ? t('notify.routes.edit', { name: initial.name ?? initial.id }) : t('notify.routes.add')}>
      <div className="form-row">
        <Field id={`${prefix}-name`} label={t('notify.field.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} error={err('name')} />
        <Field id={`${prefix}-teams`} label={t('notify.field.teams')} value={teams} onChange={(e) => setTeams(e.target.value)} placeholder="team-01, team-02" error={err('teams')} />
      </div>
      <Checks name={`${prefix}-severities`} legend={t('notify.field.severities')} value={severities} onChange={setSeverities}
        options={SEVERITIES.map((s) => ({ value: s, label: t(`notify.severity.${s}`) }))} />
      <Checks name={`${prefix}-levels`} legend={t('notify.field.levels')} value={levels} onChange={setLevels}
        options={ESCALATION_LEVELS.map((l) => ({ value: l, label: t(`notify.level.${l}`) }))} />
      <Checks name={`${prefix}-rules`} legend={t('notify.field.rules')} value={rules} onChange={setRules}
        options={RULE_IDS.map((r) => ({ value: r, label: `${r} (${RULE_INFO[r].article})` }))} />
      {channels.length > 0 && (
        <Checks name={`${prefix}-channels`} legend={t('notify.field.channels')} value={only} onChange={setOnly} options={channels.map((c) => ({ value: c.id, label: c.name }))} />
      )}
      {recipients.length > 0 && (
        <Checks name={`${prefix}-recipients`} legend={t('notify.field.recipients')} value={people} onChange={setPeople} options={recipients.map((r) => ({ value: r.id, label: r.name }))} />
      )}
      <Toggle label={t('notify.field.enabled')} checked={enabled} onChange={setEnabled} />
      <FormError message={formError} />
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
