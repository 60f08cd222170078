/**
 * Adding or editing a recipient: the account they are (whose role and teams decide what
 * reaches them), the language of their messages, how to reach them (one or more channels,
 * with an address where the channel needs one), and their quiet hours.
 */
import { useState, type FormEvent } from 'react';
import { NOTIFY_LANGUAGES, type ChannelView, type NotifyLanguage, type RecipientView } from '../../../shared/notify.js';
import { Field } from '../components/Field.js';
import { FormError } from '../components/FormError.js';
import { useT } from '../i18n/index.js';
import { FormActions, Select, Toggle } from './NotificationsParts.js';
import { useEntrySave } from './use-entry-save.js';

interface Contact {
  channel: string;
  to: string;
}

export function NotificationsRecipientForm({ initial, channels, accounts, onSaved, onCancel }: {
  initial?: RecipientView;
  channels: ChannelView[];
  /** Usernames to offer (admins can list accounts). */
  accounts: string[];
  onSaved(): void;
  onCancel(): void;
}) {
  const t = useT();
  const [name, setName] = useState(initial?.name ?? '');
  const [account, setAccount] = useState(initial?.account ?? '');
  const [language, setLanguage] = useState<NotifyLanguage>(initial?.language ?? 'zh-CN');
  const [contacts, setContacts] = useState<Contact[]>(initial?.contacts.map((c) => ({ channel: c.channel, to: c.to ?? '' })) ?? [{ channel: channels[0]?.id ?? '', to: '' }]);
  const [quiet, setQuiet] = useState(initial?.quietHours !== undefined);
  const [from, setFrom] = useState(initial?.quietHours?.from ?? '22:00');
  const [to, setTo] = useState(initial?.quietHours?.to ?? '07:00');
  const [bypass, setBypass] = useState(initial?.quietHours?.criticalBypass ?? true);
  const [enabled, setEnabled] = useState(initial?.enabled ?? true);
  const prefix = `recipient-${initial?.id ?? 'new'}`;
  const { busy, formError, fieldError: err, save } = useEntrySave('recipients', initial?.id, prefix, onSaved);
  const setContact = (i: number, patch: Partial<Contact>) => setContacts((list) => list.map((c, j) => (j === i ? { ...c, ...patch } : c)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    return save({
      ...(initial && { id: initial.id }), name: name.trim(), account: account.trim(), language, enabled,
      contacts: contacts.map((c) => ({ channel: c.channel, ...(c.to.trim() !== '' && { to: c.to.trim() }) })),
      ...(quiet && { quietHours: { from, to, criticalBypass: bypass } }),
    });
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={initial ? t('notify.recipients.edit', { name: initial.name }) : t('notify.recipients.add')}>
      <div className="form-row">
        <Field id={`${prefix}-name`} label={t('notify.field.name')} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} error={err('name')} />
        <Field id={`${prefix}-account`} label={t('notify.field.account')} value={account} onChange={(e) => setAccount(e.target.value)} list={`${prefix}-accounts`} autoComplete="off" error={err('account')} />
        <datalist id={`${prefix}-accounts`}>{accounts.map((a) => <option key={a} value={a} />)}</datalist>
        <Select id={`${prefix}-language`} label={t('notify.field.language')} value={language} onChange={(e) => setLanguage(e.target.value as NotifyLanguage)}>
          {NOTIFY_LANGUAGES.map((l) => <option key={l} value={l}>{t(`notify.lang.${l}`)}</option>)}
        </Select>
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="field-label">{t('notify.field.contacts')}</legend>
        {contacts.map((c, i) => (
          <div className="form-row" key={i}>
            <Select id={`${prefix}-contacts-${i}-channel`} label={t('notify.field.contactChannel')} value={c.channel} onChange={(e) => setContact(i, { channel: e.target.value })} error={err(`contacts.${i}.channel`)}>
              {channels.map((ch) => <option key={ch.id} value={ch.id}>{ch.name}</option>)}
            </Select>
            <Field id={`${prefix}-contacts-${i}-to`} label={t('notify.field.contactTo')} value={c.to} onChange={(e) => setContact(i, { to: e.target.value })} hint={t('notify.field.contactToHint')} error={err(`contacts.${i}.to`)} />
            {contacts.length > 1 && (
              <div className="form-row-action"><button type="button" className="button button-quiet" onClick={() => setContacts((list) => list.filter((_, j) => j !== i))}>{t('notify.contact.remove')}</button></div>
            )}
          </div>
        ))}
        <p><button type="button" className="button button-quiet" onClick={() => setContacts((list) => [...list, { channel: channels[0]?.id ?? '', to: '' }])}>{t('notify.contact.add')}</button></p>
      </fieldset>
      <Toggle label={t('notify.field.quiet')} checked={quiet} onChange={setQuiet} />
      {quiet && (
        <div className="form-row">
          <Field id={`${prefix}-quietHours-from`} className="field-narrow" label={t('notify.field.quietFrom')} type="time" value={from} onChange={(e) => setFrom(e.target.value)} error={err('quietHours.from')} />
          <Field id={`${prefix}-quietHours-to`} className="field-narrow" label={t('notify.field.quietTo')} type="time" value={to} onChange={(e) => setTo(e.target.value)} error={err('quietHours.to')} />
          <div className="form-row-action"><Toggle label={t('notify.field.criticalBypass')} checked={bypass} onChange={setBypass} /></div>
        </div>
      )}
      <Toggle label={t('notify.field.enabled')} checked={enabled} onChange={setEnabled} />
      <FormError message={formError} />
      <FormActions busy={busy} onCancel={onCancel} />
    </form>
  );
}
