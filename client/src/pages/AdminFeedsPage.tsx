/**
 * Admins: the phone-system feeds the server runs (AMI, queue_log, FreeSWITCH, webhooks)
 * and their counters, refreshed every few seconds, so an engineer connecting a PBX sees
 * at once whether events are read, mapped and delivered.
 */
import { useEffect, useState } from 'react';
import type { Me } from '../../../shared/access.js';
import { AdminShell } from '../admin/AdminShell.js';
import { api } from '../api.js';
import { FormError } from '../components/FormError.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';

interface FeedStatus {
  name: string;
  counters: {
    read: number; mapped: number; ignored: number; failed: number; events: number;
    connected?: boolean; reconnects?: number; lastError?: string; lastEventAt?: number; nextRetryAt?: number;
  };
}

const REFRESH_MS = 5000;

export function AdminFeedsPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  const [feeds, setFeeds] = useState<FeedStatus[] | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => api.get<FeedStatus[]>('/api/v1/feeds').then(
      (list) => { if (live) { setFeeds(list); setError(null); } },
      (err: unknown) => { if (live) setError(errorOf(err)); },
    );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const state = (c: FeedStatus['counters']): string => {
    if (c.connected === undefined) return t('admin.feeds.state.passive');
    if (c.connected) return t('admin.feeds.state.connected');
    return c.nextRetryAt !== undefined ? t('admin.feeds.state.retrying') : t('admin.feeds.state.down');
  };

  return (
    <AdminShell me={me} title={t('admin.feeds.title')}>
      <section className="panel" aria-labelledby="feeds-title">
        <h3 id="feeds-title" className="section-title">{t('admin.feeds.title')}</h3>
        <p className="section-intro">{t('admin.feeds.intro')}</p>
        {error !== null && <FormError message={say(error)} />}
        {feeds === null ? (error === null && <p className="panel-empty">{t('admin.loading')}</p>) : feeds.length === 0 ? (
          <p className="panel-empty">{t('admin.feeds.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('admin.feeds.col.name')}</th>
                <th scope="col">{t('admin.feeds.col.state')}</th>
                <th scope="col">{t('admin.feeds.col.read')}</th>
                <th scope="col">{t('admin.feeds.col.mapped')}</th>
                <th scope="col">{t('admin.feeds.col.ignored')}</th>
                <th scope="col">{t('admin.feeds.col.failed')}</th>
                <th scope="col">{t('admin.feeds.col.events')}</th>
                <th scope="col">{t('admin.feeds.col.last')}</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((f) => (
                <tr key={f.name}>
                  <th scope="row">{f.name}{f.counters.lastError !== undefined && <div className="muted">{f.counters.lastError}</div>}</th>
                  <td>{state(f.counters)}</td>
                  <td>{f.counters.read}</td>
                  <td>{f.counters.mapped}</td>
                  <td>{f.counters.ignored}</td>
                  <td>{f.counters.failed}</td>
                  <td>{f.counters.events}</td>
                  <td>{f.counters.lastEventAt === undefined ? '—' : formatDateTime(f.counters.lastEventAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminShell>
  );
}
