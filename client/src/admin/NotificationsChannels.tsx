/**
 * The channels: what each is, where it sends (secrets masked), how it is doing (health and
 * counters), and its buttons: send a test message now (the answer shown in the row), edit,
 * delete.
 */
import { useState } from 'react';
import type { ChannelView, TestMessageResult } from '../../../shared/notify.js';
import { api } from '../api.js';
import { useLocale, useT } from '../i18n/index.js';
import { formatDateTime } from '../time/format.js';
import { NotificationsChannelForm } from './NotificationsChannelForm.js';
import { NotificationsList } from './NotificationsList.js';
import { NOTIFY_API } from './NotificationsParts.js';
import { useBusyAction } from '../i18n/error-text.js';

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
        {state === 'failing' ? t('notify.health.failing', { count: h.consecutiveFailures }) : t(`notify.health.${state}`)}
      </span>
      {h.lastSuccessAt !== undefined && <span className="cell-sub">{t('notify.health.lastOk', { time: formatDateTime(h.lastSuccessAt) })}</span>}
      {h.consecutiveFailures > 0 && h.lastError !== undefined && <span className="cell-sub">{t('notify.health.lastError', { error: h.lastError })}</span>}
    </td>
  );
}

function TestButton({ c, onDone }: { c: ChannelView; onDone(): void }) {
  const t = useT();
  const locale = useLocale((s) => s.locale);
  const { busy, error, run } = useBusyAction();
  // The channel's answer, as its key and values: said at each render, so it follows a switch of language.
  const [answer, setAnswer] = useState<{ ok: boolean; key: string; vars: Record<string, string | number> } | null>(null);
  // The channel's answer when the server reached it; the server's refusal when not.
  const result = error !== null ? { ok: false, text: error } : answer === null ? null : { ok: answer.ok, text: t(answer.key, answer.vars) };
  const test = () => {
    setAnswer(null);
    return run(async () => {
      const r = await api.post<TestMessageResult>(`${NOTIFY_API}/channels/${encodeURIComponent(c.id)}/test`, { language: locale });
      setAnswer(r.ok ? { ok: true, key: 'notify.testOk', vars: { ms: r.ms } } : { ok: false, key: 'notify.testFailed', vars: { error: r.error ?? '' } });
      onDone();
    });
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
  return (
    <NotificationsList
      list="channels" entries={channels} nameOf={(c) => c.name} sub={(c) => `${t(`notify.kind.${c.kind}`)} · ${c.id}`} onChanged={onChanged}
      columns={[t('notify.col.target'), t('notify.col.health'), t('notify.col.counts')]}
      cells={(c) => (
        <>
          <td style={{ wordBreak: 'break-all' }}>{target(c)}</td>
          <HealthCell c={c} />
          <td className="nowrap">{c.health.sent} / {c.health.failed} / {c.health.retried} / {c.health.dead}</td>
        </>
      )}
      actions={(c) => <TestButton c={c} onDone={onChanged} />}
      form={({ initial, onSaved, onCancel }) => <NotificationsChannelForm onSaved={onSaved} onCancel={onCancel} {...(initial !== undefined && { initial })} />}
    />
  );
}
