/**
 * Admins: alert notifications. The settings in force (from the configuration file), the
 * channels with their health and a test button, the recipients, the routes, and the
 * deliveries with the dead-letter list and its resend button.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AccountView, Me } from '../../../shared/access.js';
import type { ChannelView, DeliveryView, NotifySettingsView, RecipientView, RouteView } from '../../../shared/notify.js';
import { AdminShell } from '../admin/AdminShell.js';
import { NotificationsChannels } from '../admin/NotificationsChannels.js';
import { NotificationsDeliveries } from '../admin/NotificationsDeliveries.js';
import { NOTIFY_API } from '../admin/NotificationsParts.js';
import { NotificationsRecipients } from '../admin/NotificationsRecipients.js';
import { NotificationsRoutes } from '../admin/NotificationsRoutes.js';
import { api } from '../api.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';

interface NotifyData {
  settings: NotifySettingsView;
  channels: ChannelView[];
  recipients: RecipientView[];
  routes: RouteView[];
  dead: DeliveryView[];
  recent: DeliveryView[];
}

export function AdminNotificationsPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [data, setData] = useState<NotifyData | null>(null);
  const [accounts, setAccounts] = useState<string[]>([]);
  const [error, setError] = useState<ErrorText | null>(null);

  const reload = useCallback(async () => {
    try {
      const [settings, channels, recipients, routes, dead, recent] = await Promise.all([
        api.get<NotifySettingsView>(`${NOTIFY_API}/settings`),
        api.get<ChannelView[]>(`${NOTIFY_API}/channels`),
        api.get<RecipientView[]>(`${NOTIFY_API}/recipients`),
        api.get<RouteView[]>(`${NOTIFY_API}/routes`),
        api.get<DeliveryView[]>(`${NOTIFY_API}/deliveries?status=dead&limit=100`),
        api.get<DeliveryView[]>(`${NOTIFY_API}/deliveries?limit=30`),
      ]);
      setData({ settings, channels, recipients, routes, dead, recent });
      setError(null);
    } catch (err) {
      setError(errorOf(err));
    }
  }, []);
  useEffect(() => {
    void reload();
    // Only to offer usernames in the recipient form: the page works without it.
    api.get<AccountView[]>('/api/v1/accounts').then((list) => setAccounts(list.filter((a) => a.role !== 'admin').map((a) => a.username)), () => {});
  }, [reload]);

  return (
    <AdminShell me={me} title={t('notify.title')}>
      <section className="panel" aria-labelledby="notify-settings-title">
        <p className="section-intro">{t('notify.intro')}</p>
        <h3 id="notify-settings-title" className="section-title">{t('notify.settings')}</h3>
        <FormError message={say(error)} />
        {data === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : (
          <dl className="rule-props">
            <div className="rule-prop"><dt>{t('notify.settings.publicUrl')}</dt><dd>{data.settings.publicUrl}</dd></div>
            <div className="rule-prop"><dt>{t('notify.settings.dedupe')}</dt><dd>{t('notify.minutes', { n: data.settings.dedupeWindowMinutes })}</dd></div>
            <div className="rule-prop"><dt>{t('notify.settings.ackLink')}</dt><dd>{t('notify.minutes', { n: data.settings.ackLinkMinutes })}</dd></div>
            <div className="rule-prop"><dt>{t('notify.settings.retries')}</dt><dd>{t('notify.times', { count: data.settings.delivery.maxAttempts })}</dd></div>
            <div className="rule-prop"><dt>{t('notify.settings.file')}</dt><dd>{data.settings.file ?? t('notify.settings.noFile')}</dd></div>
          </dl>
        )}
      </section>
      {data !== null && (
        <>
          <NotificationsChannels channels={data.channels} onChanged={() => void reload()} />
          <NotificationsRecipients recipients={data.recipients} channels={data.channels} accounts={accounts} onChanged={() => void reload()} />
          <NotificationsRoutes routes={data.routes} channels={data.channels} recipients={data.recipients} onChanged={() => void reload()} />
          <NotificationsDeliveries dead={data.dead} recent={data.recent} onChanged={() => void reload()} />
        </>
      )}
    </AdminShell>
  );
}
