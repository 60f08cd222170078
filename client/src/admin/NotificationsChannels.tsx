/**
 * The channels: what each is, where it sends (secrets masked), how it is doing (health and
 * counters), and its buttons: send a test message now (the answer shown in the row), edit,
 * delete.
 */
import { useState } from 'react';
import type { ChannelView, TestMessageResult } from '../../../shared/notify.js';
import { api, messageOf } from '../api.js';
import { useLocale, useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';
import { NotificationsChannelForm } from './NotificationsChannelForm.js';
import { DeleteButton, NOTIFY_API, SourcePill } from './NotificationsParts.js';

function target(c: ChannelView): string {
  return c.kind === 'smtp' ? `${c.host}:${c.port} (${c.from})` : c.url;
}

function HealthCell({ c }: { c: ChannelView }) {
  const t = useT();
  const h = c.health;
  const state = h.consecutiveFailures > 0 ? 'failing' : h.sent > 0 ? 'ok' : 'unused';
  return (
    <td>
      <span className={`pill ${state === 'failing' ? 'pill-wait' : state === 'ok' ? 'pill-on' : 'pill-off'}`}>
        {state === 'failing' ? t('notify.health.failing', { n: h.consecutiveFailures }) : t(`notify.health.${state}`)}
      </span>
      {h.lastSuccessAt !== undefined && <span className="cell-sub">{t('notify.health.lastOk', { time: formatDateTime(h.lastSuccessAt) })}</span>}
      {h.consecutiveFailures > 0 && h.lastError !== undefined && <span className="cell-sub">{t('notify.health.lastError', { error: h.lastError })}</span>}
    </td>
  );
}

function TestButton({ c, onDone }: { c: ChannelView; onDone(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const test = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r = await api.post<TestMessageResult>(`${NOTIFY_API}/channels/${encodeURIComponent(c.id)}/test`, { language: locale });
      setResult(r.ok ? { ok: true, text: t('notify.testOk', { ms: r.ms }) } : { ok: false, text: t('notify.testFailed', { error: r.error ?? '' }) });
      onDone();
    } catch (err) {
      setResult({ ok: false, text: messageOf(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button button-quiet" onClick={() => void test()} disabled={busy || !c.enabled} aria-label={`${t('notify.test')}: ${c.name}`}>
        {busy ? t('notify.testing') : t('notify.test')}
      </button>
      {result !== null && <p className={result.ok ? 'form-done' : 'field-error'} role={result.ok ? 'status' : 'alert'} style={{ marginTop: '0.4rem', textAlign: 'left' }}>{result.text}</p>}
    </>
  );
}

export function NotificationsChannels({ channels, onChanged }: { channels: ChannelView[]; onChanged(): void }) {
  const t = useT();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <section className="panel" aria-labelledby="notify-channels-title">
      <h3 id="notify-channels-title" className="section-title">{t('notify.channels')}</h3>
      <p className="section-intro">{t('notify.channels.intro')}</p>
      {channels.length === 0 ? <p className="panel-empty">{t('notify.none')}</p> : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('notify.col.name')}</th>
                <th scope="col">{t('notify.col.target')}</th>
                <th scope="col">{t('notify.col.health')}</th>
                <th scope="col">{t('notify.col.counts')}</th>
                <th scope="col"><span className="visually-hidden">{t('notify.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id} data-channel={c.id} className={c.enabled ? undefined : 'is-revoked'}>
                  <th scope="row">
                    {c.name}
                    <span className="cell-sub">{t(`notify.kind.${c.kind}`)} · {c.id} {!c.enabled && `· ${t('notify.disabled')}`}</span>
                    <SourcePill source={c.source} />
                  </th>
                  <td style={{ wordBreak: 'break-all' }}>{target(c)}</td>
                  <HealthCell c={c} />
                  <td className="nowrap">{c.health.sent} / {c.health.failed} / {c.health.retried} / {c.health.dead}</td>
                  <td className="row-actions">
                    <div className="row-buttons">
                      <TestButton c={c} onDone={onChanged} />
                      <button type="button" className="button button-quiet" aria-label={`${t('notify.edit')}: ${c.name}`} onClick={() => setEditing(c.id)}>{t('notify.edit')}</button>
                      <DeleteButton path={`${NOTIFY_API}/channels/${encodeURIComponent(c.id)}`} label={`${t('notify.delete')}: ${c.name}`} onDone={onChanged} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing === null ? (
        <p style={{ marginTop: '1rem' }}><button type="button" className="button button-primary" onClick={() => setEditing('new')}>{t('notify.channels.add')}</button></p>
      ) : (
        <div className="panel" style={{ marginTop: '1rem', background: 'var(--panel-2)' }}>
          <h4 className="section-title">{editing === 'new' ? t('notify.channels.add') : t('notify.channels.edit', { name: channels.find((c) => c.id === editing)?.name ?? editing })}</h4>
          <NotificationsChannelForm key={editing} {...(editing !== 'new' && { initial: channels.find((c) => c.id === editing) })} onSaved={done} onCancel={() => setEditing(null)} />
        </div>
      )}
    </section>
  );
}
