/**
 * The outbox as people need it: the dead letters (given up after the last try), each with
 * why and a Resend button; and the most recent notifications with their status.
 */
import type { DeliveryView } from '../../../shared/notify.js';
import { api } from '../api.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';
import { NOTIFY_API } from './NotificationsParts.js';
import { useBusyAction } from '../i18n/error-text.js';

function ResendButton({ d, onDone }: { d: DeliveryView; onDone(): void }) {
  const t = useT();
  const { busy, error, run } = useBusyAction();
  const resend = () => run(async () => {
    await api.post(`${NOTIFY_API}/deliveries/${encodeURIComponent(d.id)}/resend`);
    onDone();
  });
  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => void resend()} disabled={busy} aria-label={`${t('notify.resend')}: ${d.id}`}>
        {busy ? t('notify.resending') : t('notify.resend')}
      </button>
      {error !== null && <p className="field-error" role="alert">{error}</p>}
    </>
  );
}

function Rows({ list, resend, onChanged }: { list: DeliveryView[]; resend: boolean; onChanged(): void }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('notify.col.when')}</th>
            <th scope="col">{t('notify.col.alert')}</th>
            <th scope="col">{t('notify.col.recipient')}</th>
            <th scope="col">{t('notify.col.status')}</th>
            <th scope="col">{t('notify.col.attempts')}</th>
            <th scope="col">{t('notify.col.error')}</th>
            {resend && <th scope="col"><span className="visually-hidden">{t('notify.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {list.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <td className="nowrap">{formatDateTime(d.updatedAt)}</td>
              <td>{d.rule} ({d.article})<span className="cell-sub">{d.alertId} · {t(`notify.severity.${d.severity}`)} · {t(`notify.level.${d.level}`)}</span></td>
              <td>{d.recipientName}<span className="cell-sub">{d.channelId}</span></td>
              <td><span className={`pill ${d.status === 'sent' ? 'pill-on' : d.status === 'dead' ? 'pill-wait' : 'pill-off'}`}>{t(`notify.status.${d.status}`)}</span></td>
              <td>{d.attempts}</td>
              <td style={{ wordBreak: 'break-word' }}>{d.lastError ?? ''}</td>
              {resend && <td className="row-actions"><ResendButton d={d} onDone={onChanged} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function NotificationsDeliveries({ dead, recent, onChanged }: { dead: DeliveryView[]; recent: DeliveryView[]; onChanged(): void }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="notify-deliveries-title">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: '1rem' }}>
        <h3 id="notify-deliveries-title" className="section-title">{t('notify.deliveries')}</h3>
        <button type="button" className="button button-quiet" onClick={onChanged}>{t('notify.refresh')}</button>
      </div>
      <p className="section-intro">{t('notify.deliveries.intro')}</p>
      <h4 className="section-title" id="notify-dead-title">{t('notify.dead')}</h4>
      <div aria-labelledby="notify-dead-title" role="region">
        {dead.length === 0 ? <p className="panel-empty">{t('notify.dead.none')}</p> : <Rows list={dead} resend onChanged={onChanged} />}
      </div>
      <h4 className="section-title" id="notify-recent-title" style={{ marginTop: '1rem' }}>{t('notify.recent')}</h4>
      <div aria-labelledby="notify-recent-title" role="region">
        {recent.length === 0 ? <p className="panel-empty">{t('notify.none')}</p> : <Rows list={recent} resend={false} onChanged={onChanged} />}
      </div>
    </section>
  );
}
