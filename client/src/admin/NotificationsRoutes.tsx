/** The routes: per rule, severity and team, which escalation levels are told, through which channels. */
import { useState } from 'react';
import type { ChannelView, RecipientView, RouteView } from '../../../shared/notify.js';
import { useT } from '../i18n/index.js';
import { DeleteButton, NOTIFY_API, SourcePill } from './NotificationsParts.js';
import { NotificationsRouteForm } from './NotificationsRouteForm.js';

export function NotificationsRoutes({ routes, channels, recipients, onChanged }: {
  routes: RouteView[];
  channels: ChannelView[];
  recipients: RecipientView[];
  onChanged(): void;
}) {
  const t = useT();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const all = (list: readonly string[], word: (s: string) => string = (s) => s) => (list.length === 0 ? t('notify.all') : list.map(word).join(', '));
  const channelName = new Map(channels.map((c) => [c.id, c.name]));
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="notify-routes-title">
      <h3 id="notify-routes-title" className="section-title">{t('notify.routes')}</h3>
      <p className="section-intro">{t('notify.routes.intro')}</p>
      {routes.length === 0 ? <p className="panel-empty">{t('notify.none')}</p> : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('notify.col.name')}</th>
                <th scope="col">{t('notify.col.severities')}</th>
                <th scope="col">{t('notify.col.levels')}</th>
                <th scope="col">{t('notify.col.rules')}</th>
                <th scope="col">{t('notify.col.teams')}</th>
                <th scope="col">{t('notify.col.channels')}</th>
                <th scope="col"><span className="visually-hidden">{t('notify.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {routes.map((r) => (
                <tr key={r.id} className={r.enabled ? undefined : 'is-revoked'}>
                  <th scope="row">{r.name ?? r.id}<span className="cell-sub">{r.id} {!r.enabled && `· ${t('notify.disabled')}`}</span><SourcePill source={r.source} /></th>
                  <td>{all(r.severities, (s) => t(`notify.severity.${s}`))}</td>
                  <td>{r.levels.map((l) => t(`notify.level.${l}`)).join(' → ')}</td>
                  <td>{all(r.rules)}</td>
                  <td>{all(r.teams)}</td>
                  <td>{all(r.channels, (c) => channelName.get(c) ?? c)}</td>
                  <td className="row-actions">
                    <div className="row-buttons">
                      <button type="button" className="button button-quiet" aria-label={`${t('notify.edit')}: ${r.name ?? r.id}`} onClick={() => setEditing(r.id)}>{t('notify.edit')}</button>
                      <DeleteButton path={`${NOTIFY_API}/routes/${encodeURIComponent(r.id)}`} label={`${t('notify.delete')}: ${r.name ?? r.id}`} onDone={onChanged} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null ? (
        <p style={{ marginTop: '1rem' }}><button type="button" className="button button-primary" onClick={() => setEditing('new')}>{t('notify.routes.add')}</button></p>
      ) : (
        <div className="panel" style={{ marginTop: '1rem', background: 'var(--panel-2)' }}>
          <h4 className="section-title">{editing === 'new' ? t('notify.routes.add') : t('notify.routes.edit', { name: editing })}</h4>
          <NotificationsRouteForm
            key={editing} channels={channels} recipients={recipients} onSaved={done} onCancel={() => setEditing(null)}
            {...(editing !== 'new' && { initial: routes.find((r) => r.id === editing) })}
          />
        </div>
      )}
    </section>
  );
}
