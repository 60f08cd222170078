// @vitest-environment jsdom
/**
 * A refused notification setting names its field as the form labels it, in the reader's
 * language (never the server's name for it, `password`), and follows a change of language.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelView } from '../../../shared/notify.js';
import { problem } from '../../../shared/problems.js';
import { NotificationsChannelForm } from '../../../client/src/admin/NotificationsChannelForm.js';
import { notifyFieldLabel } from '../../../client/src/admin/use-entry-save.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { installFakeFetch } from './fake-fetch.js';

const SMTP = {
  id: 'review-smtp', kind: 'smtp', name: 'Review mail', enabled: true, host: 'mail.example.org', port: 587, tls: 'starttls',
  user: 'floorwatch', password: '••••••1234', from: 'floorwatch@example.com', rejectUnauthorized: true,
  source: 'ui', updatedAt: 0, health: { channelId: 'review-smtp', sent: 0, failed: 0, retried: 0, dead: 0, consecutiveFailures: 0 },
} as unknown as ChannelView;

beforeEach(() => useLocale.setState({ locale: 'zh-CN' }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function refusedSave(body: unknown) {
  installFakeFetch({ 'PUT /api/v1/notify/channels/review-smtp': { status: 400, body } });
  render(createElement(NotificationsChannelForm, { initial: SMTP, onSaved: () => {}, onCancel: () => {} }));
  fireEvent.click(screen.getByRole('button', { name: '保存' }));
}

describe('a refused notification channel', () => {
  it('names the field by the form\'s label, in Chinese and, after switching, in English', async () => {
    await refusedSave({ ...problem('secretDestinationChanged', { field: 'password' }), field: 'password' });
    const error = await screen.findByText(/重新输入/);
    expect(error.textContent).toBe('目标服务器已更改，请重新输入“密码”。');
    expect(error.textContent).not.toMatch(/password|发送地址/);
    // On the password field, which has the focus.
    expect(document.activeElement?.id).toBe('channel-review-smtp-password');
    act(() => useLocale.setState({ locale: 'en' }));
    expect(error.textContent).toBe('Enter the password again: the server it is sent to changed.');
  });

  it('labels any field a problem names: an SMTP host keeps its acronym in English', async () => {
    await refusedSave({ ...problem('destinationForbidden', { field: 'host', host: '169.254.169.254' }), field: 'host' });
    const error = await screen.findByText(/169\.254\.169\.254/);
    expect(error.textContent).toBe('“SMTP 服务器”填写有误：169.254.169.254 是链路本地或云元数据地址，通知不会发送到这类地址。');
    act(() => useLocale.setState({ locale: 'en' }));
    expect(error.textContent).toMatch(/^Invalid SMTP server: 169\.254\.169\.254 is a link-local/);
  });
});

describe('notifyFieldLabel', () => {
  const t = (key: string) => translate('zh-CN', key);
  it('finds a nested field\'s label without its index, and none for a field the forms do not show', () => {
    expect(notifyFieldLabel(t, 'url')).toBe('地址（URL）');
    expect(notifyFieldLabel(t, 'contacts.2.to')).toBe('地址 / @ 对象');
    expect(notifyFieldLabel(t, 'quietHours.from')).toBe('从');
    expect(notifyFieldLabel(t, 'nothing.like.this')).toBeUndefined();
  });
});
