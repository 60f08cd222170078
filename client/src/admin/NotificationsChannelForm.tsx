/**
 * Adding or editing a channel. The fields follow the kind; secrets come back masked when
 * editing, and sending the mask back unchanged keeps the stored secret (the server's rule).
 * A refusal names its field, which gets the message and the focus.
 */
import { useState, type FormEvent } from 'react';
import { CHANNEL_KINDS, type ChannelKind, type ChannelView } from '../../../shared/notify.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';
import { FormActions, Select, Toggle } from './NotificationsParts.js';
import { useEntrySave } from './use-entry-save.js';

type Values = Record<string, string>;

function initialValues(c: ChannelView | undefined): Values {
  if (c === undefined) return { kind: 'webhook', name: '', url: '', secret: '', host: '', port: '587', tls: 'starttls', user: '', password: '', from: '' };
  const v: Values = { kind: c.kind, name: c.name, url: '', secret: '', host: '', port: '587', tls: 'starttls', user: '', password: '', from: '' };
  for (const [k, value] of Object.entries(c)) if (typeof value === 'string' || typeof value === 'number') v[k] = String(value);
  return v;
}

/** The request body for this kind: only its fields; empty optional ones left out. */
function bodyOf(v: Values, enabled: boolean, initial: ChannelView | undefined): Record<string, unknown> {
  const kind = v.kind as ChannelKind;
  const base = { ...(initial && { id: initial.id }), kind, name: v.name.trim(), enabled };
  const optional = (k: string) => (v[k].trim() === '' ? {} : { [k]: v[k].trim() });
  switch (kind) {
    case 'webhook':
      return { ...base, url: v.url.trim(), secret: v.secret };
    case 'smtp':
      return {
        ...base, host: v.host.trim(), port: Number(v.port), tls: v.tls, from: v.from.trim(), ...optional('user'), ...optional('password'),
        ...(initial?.kind === 'smtp' && { rejectUnauthorized: initial.rejectUnauthorized }),
      };
    case 'dingtalk':
    case 'feishu':
      return { ...base, url: v.url.trim(), ...optional('secret') };
    default:
      return { ...base, url: v.url.trim() };
  }
}

export function NotificationsChannelForm({ initial, onSaved, onCancel }: { initial?: ChannelView; onSaved(): void; onCancel(): void }) {
  const t = useT();
  const [v, setV] = useState<Values>(() => initialValues(initial));
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const set = (k: string) => (e: { target: { value: string } }) => setV((old) => ({ ...old, [k]: e.target.value }));
  const kind = v.kind as ChannelKind;
  const prefix = `channel-${initial?.id ?? 'new'}`;
  const { busy, formError, fieldError: err, save } = useEntrySave('channels', initial?.id, prefix, onSaved);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    return save(bodyOf(v, enabled, initial));
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={initial ? t('notify.channels.edit', { name: initial.name }) : t('notify.channels.add')}>
      <div className="form-row">
        <Select id={`${prefix}-kind`} label={t('notify.field.kind')} value={kind} onChange={set('kind')} disabled={initial !== undefined} error={err('kind')}>
          {CHANNEL_KINDS.map((k) => <option key={k} value={k}>{t(`notify.kind.${k}`)}</option>)}
        </Select>
        <Field id={`${prefix}-name`} label={t('notify.field.name')} value={v.name} onChange={set('name')} maxLength={100} error={err('name')} />
      </div>
      {kind === 'smtp' ? (
        <>
          <div className="form-row">
            <Field id={`${prefix}-host`} label={t('notify.field.host')} value={v.host} onChange={set('host')} error={err('host')} placeholder="smtp.example.com" />
            <Field id={`${prefix}-port`} className="field-narrow" label={t('notify.field.port')} inputMode="numeric" value={v.port} onChange={set('port')} error={err('port')} />
            <Select id={`${prefix}-tls`} label={t('notify.field.tls')} value={v.tls} onChange={set('tls')} error={err('tls')}>
              {(['starttls', 'implicit', 'none'] as const).map((m) => <option key={m} value={m}>{t(`notify.tls.${m}`)}</option>)}
            </Select>
          </div>
          <div className="form-row">
            <Field id={`${prefix}-user`} label={t('notify.field.user')} value={v.user} onChange={set('user')} autoComplete="off" error={err('user')} />
            <Field id={`${prefix}-password`} label={t('notify.field.password')} type="password" value={v.password} onChange={set('password')} autoComplete="new-password" error={err('password')} />
            <Field id={`${prefix}-from`} label={t('notify.field.from')} type="email" value={v.from} onChange={set('from')} error={err('from')} placeholder="floorwatch@centre.example" />
          </div>
        </>
      ) : (
        <div className="form-row">
          <Field
            id={`${prefix}-url`} label={t('notify.field.url')} value={v.url} onChange={set('url')} error={err('url')} autoComplete="off"
            placeholder="https://" {...(kind !== 'webhook' && { hint: t('notify.field.urlHint') })}
          />
          {(kind === 'webhook' || kind === 'dingtalk' || kind === 'feishu') && (
            <Field
              id={`${prefix}-secret`} label={t('notify.field.secret')} value={v.secret} onChange={set('secret')} error={err('secret')} autoComplete="off"
              hint={t(kind === 'webhook' ? 'notify.field.secretHint.webhook' : 'notify.field.secretHint.robot')}
            />
          )}
        </div>
      )}
      <Toggle label={t('notify.field.enabled')} checked={enabled} onChange={setEnabled} />
      <FormError message={formError} />
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
