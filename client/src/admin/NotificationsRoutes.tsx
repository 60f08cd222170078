/** The routes: per rule, severity and team, which escalation levels are told, through which channels. */
import type { ChannelView, RecipientView, RouteView } from '../../../shared/notify.js';
import { useT } from '../i18n/index.js';
import { NotificationsList } from './NotificationsList.js';
import { NotificationsRouteForm } from './NotificationsRouteForm.js';

export function NotificationsRoutes({ routes, channels, recipients, onChanged }: {
  routes: RouteView[];
  channels: ChannelView[];
  recipients: RecipientView[];
  onChanged(): void;
}) {
  const t = useT();
  // An empty filter matches everything: say "all" rather than show nothing.
  const all = (list: readonly string[], word: (s: string) => string = (s) => s) => (list.length === 0 ? t('notify.all') : list.map(word).join(', '));
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  return (
    <NotificationsList
      list="routes" entries={routes} nameOf={(r) => r.name ?? r.id} sub={(r) => r.id} onChanged={onChanged}
      columns={[t('notify.col.severities'), t('notify.col.levels'), t('notify.col.rules'), t('notify.col.teams'), t('notify.col.channels')]}
      cells={(r) => (
        <>
          <td>{all(r.severities, (s) => t(`notify.severity.${s}`))}</td>
          <td>{r.levels.map((l) => t(`notify.level.${l}`)).join(' → ')}</td>
          <td>{all(r.rules)}</td>
          <td>{all(r.teams)}</td>
          <td>{all(r.channels, (c) => channelName.get(c) ?? c)}</td>
        </>
      )}
      form={({ initial, onSaved, onCancel }) => (
        <NotificationsRouteForm channels={channels} recipients={recipients} onSaved={onSaved} onCancel={onCancel} {...(initial !== undefined && { initial })} />
      )}
    />
  );
}
