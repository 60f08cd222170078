/** The recipients: who they are, how they are reached, their quiet hours; edit and delete. */
import { useState } from 'react';
import type { ChannelView, RecipientView } from '../../../shared/notify.js';
import { useT } from '../i18n/index.js';
import { DeleteButton, NOTIFY_API, SourcePill } from './NotificationsParts.js';
import { NotificationsRecipientForm } from './NotificationsRecipientForm.js';

export function NotificationsRecipients({ recipients, channels, accounts, onChanged }: {
  recipients: RecipientView[];
  channels: ChannelView[];
  accounts: string[];
  onChanged(): void;
}) {
  const t = useT();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="notify-recipients-title">
      <h3 id="notify-recipients-title" className="section-title">{t('notify.recipients')}</h3>
      <p className="section-intro">{t('notify.recipients.intro')}</p>
      {recipients.length === 0 ? <p className="panel-empty">{t('notify.none')}</p> : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('notify.col.name')}</th>
                <th scope="col">{t('notify.col.account')}</th>
                <th scope="col">{t('notify.col.language')}</th>
                <th scope="col">{t('notify.col.contacts')}</th>
                <th scope="col">{t('notify.col.quiet')}</th>
                <th scope="col"><span className="visually-hidden">{t('notify.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((r) => (
                <tr key={r.id} className={r.enabled ? undefined : 'is-revoked'}>
                  <th scope="row">{r.name}<span className="cell-sub">{r.id} {!r.enabled && `· ${t('notify.disabled')}`}</span><SourcePill source={r.source} /></th>
                  <td>{r.account}</td>
                  <td>{t(`notify.lang.${r.language}`)}</td>
                  <td>{r.contacts.map((c) => <span key={`${c.channel}-${c.to ?? ''}`} className="cell-sub">{channelName.get(c.channel) ?? c.channel}{c.to !== undefined ? `: ${c.to}` : ''}</span>)}</td>
                  <td>
                    {r.quietHours === undefined ? t('notify.quiet.none') : t('notify.quiet.range', { from: r.quietHours.from, to: r.quietHours.to })}
                    {r.quietHours?.criticalBypass === true && <span className="cell-sub">{t('notify.quiet.bypass')}</span>}
                  </td>
                  <td className="row-actions">
                    <div className="row-buttons">
                      <button type="button" className="button button-quiet" aria-label={`${t('notify.edit')}: ${r.name}`} onClick={() => setEditing(r.id)}>{t('notify.edit')}</button>
                      <DeleteButton path={`${NOTIFY_API}/recipients/${encodeURIComponent(r.id)}`} label={`${t('notify.delete')}: ${r.name}`} onDone={onChanged} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null ? (
        <p style={{ marginTop: '1rem' }}><button type="button" className="button button-primary" onClick={() => setEditing('new')} disabled={channels.length === 0}>{t('notify.recipients.add')}</button></p>
      ) : (
        <div className="panel" style={{ marginTop: '1rem', background: 'var(--panel-2)' }}>
          <h4 className="section-title">{editing === 'new' ? t('notify.recipients.add') : t('notify.recipients.edit', { name: recipients.find((r) => r.id === editing)?.name ?? editing })}</h4>
          <NotificationsRecipientForm
            key={editing} channels={channels} accounts={accounts} onSaved={done} onCancel={() => setEditing(null)}
            {...(editing !== 'new' && { initial: recipients.find((r) => r.id === editing) })}
          />
        </div>
      )}
    </section>
  );
}
