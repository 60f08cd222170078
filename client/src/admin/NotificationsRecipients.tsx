/** The recipients: who they are, how they are reached, their quiet hours; edit and delete. */
import type { ChannelView, RecipientView } from '../../../shared/notify.js';
import { useT } from '../i18n/index.js';
import { NotificationsList } from './NotificationsList.js';
import { NotificationsRecipientForm } from './NotificationsRecipientForm.js';

export function NotificationsRecipients({ recipients, channels, accounts, onChanged }: {
  recipients: RecipientView[];
  channels: ChannelView[];
  accounts: string[];
  onChanged(): void;
}) {
  const t = useT();
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <NotificationsList
      list="recipients" entries={recipients} nameOf={(r) => r.name} sub={(r) => r.id} onChanged={onChanged}
      // A recipient is reached through a channel: none yet, nothing to add.
      addDisabled={channels.length === 0}
      columns={[t('notify.col.account'), t('notify.col.language'), t('notify.col.contacts'), t('notify.col.quiet')]}
      cells={(r) => (
        <>
          <td>{r.account}</td>
          <td>{t(`notify.lang.${r.language}`)}</td>
          <td>{r.contacts.map((c) => <span key={`${c.channel}-${c.to ?? ''}`} className="cell-sub">{channelName.get(c.channel) ?? c.channel}{c.to !== undefined ? `: ${c.to}` : ''}</span>)}</td>
          <td>
            {r.quietHours === undefined ? t('notify.quiet.none') : t('notify.quiet.range', { from: r.quietHours.from, to: r.quietHours.to })}
            {r.quietHours?.criticalBypass === true && <span className="cell-sub">{t('notify.quiet.bypass')}</span>}
          </td>
        </>
      )}
      form={({ initial, onSaved, onCancel }) => (
        <NotificationsRecipientForm channels={channels} accounts={accounts} onSaved={onSaved} onCancel={onCancel} {...(initial !== undefined && { initial })} />
      )}
    />
  );
}
