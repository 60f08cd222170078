// @vitest-environment jsdom
/**
 * Errors on the alert desk follow a change of language, as its confirmations do: kept as a
 * message key (no answer from the server, an answer without a reason) or as the server's
 * refusal (its code and parameters), and put in words when shown.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { problem } from '../../../shared/problems.js';
import { ApiError } from '../../../client/src/api.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { errorOf, sayError } from '../../../client/src/i18n/error-text.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { installFakeFetch } from './fake-fetch.js';
import { deskAt } from './desk-clock.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

const GREETING: Alert = {
  id: 'greet', rule: 'greeting', article: '61, 66', kind: 'incident', status: 'open', severity: 'warning',
  title: 'Agent 1018 opened the call without stating the agent number', subject: { kind: 'call', id: 'c7:1018' },
  agentId: '1018', callId: 'c7', openedAt: NOW - 60_000, updatedAt: NOW - 60_000, escalationLevel: 'lead',
  evidence: ['e1'], occurrences: 1, history: [],
};

const UNREACHABLE_ZH = '无法连接 Floorwatch 服务器。请检查网络，然后重试。';
const UNREACHABLE_EN = 'Cannot reach the Floorwatch server. Check the network; trying again may help.';

deskAt(NOW, 'zh-CN', { leadOf: ['t1'] });

describe('the alert desk\'s errors after a change of language', () => {
  it('a form\'s network error is said again in English after switching', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    render(createElement(AlertList, { alerts: [GREETING], onDone: () => {} }));
    const card = within(screen.getByRole('article'));
    fireEvent.click(card.getByRole('button', { name: '确认' }));
    fireEvent.click(card.getByRole('button', { name: '确认告警' }));
    expect((await card.findByRole('alert')).textContent).toBe(UNREACHABLE_ZH);
    act(() => useLocale.setState({ locale: 'en' }));
    expect(card.getByRole('alert').textContent).toBe(UNREACHABLE_EN);
  });

  it('a form\'s coded refusal is said again in English, and back in Chinese', async () => {
    installFakeFetch({ 'POST /api/v1/alerts/greet/acknowledge': { status: 409, body: { ok: false, ...problem('alertAlreadyAcknowledged', { alertId: 'greet', by: 'lead.li' }), field: 'alertId' } } });
    render(createElement(AlertList, { alerts: [GREETING], onDone: () => {} }));
    const card = within(screen.getByRole('article'));
    fireEvent.click(card.getByRole('button', { name: '确认' }));
    fireEvent.click(card.getByRole('button', { name: '确认告警' }));
    expect((await card.findByRole('alert')).textContent).toBe('告警 greet 已由 lead.li 确认。');
    act(() => useLocale.setState({ locale: 'en' }));
    expect(card.getByRole('alert').textContent).toBe('Alert greet was already acknowledged by lead.li.');
    act(() => useLocale.setState({ locale: 'zh-CN' }));
    expect(card.getByRole('alert').textContent).toBe('告警 greet 已由 lead.li 确认。');
  });

  it('the history\'s load error is said again in English after switching', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    render(createElement(AlertHistory, { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [], refreshKey: '1', onDone: () => {} }));
    expect((await screen.findByRole('alert')).textContent).toContain(`无法加载今日记录：${UNREACHABLE_ZH}`);
    act(() => useLocale.setState({ locale: 'en' }));
    expect(screen.getByRole('alert').textContent).toContain(`Cannot load today’s history: ${UNREACHABLE_EN}`);
  });

  it('names the person a refusal names (who marked or acknowledged first) by their name, when the page knows it', () => {
    const first = errorOf(new ApiError(409, '…', 'alertId', [], undefined, problem('alertAlreadyFalseAlarm', { alertId: 'al-22', by: 'lead.zhao' })));
    const names = new Map([['lead.zhao', '赵强']]);
    expect(sayError(first, 'zh-CN', { person: (u) => names.get(u) })).toBe('告警 al-22 已由 赵强 判定为误报。');
    expect(sayError(first, 'zh-CN', { person: () => undefined })).toBe('告警 al-22 已由 lead.zhao 判定为误报。');
  });

  it('keeps each kind of failure as data: the page\'s own words by status, the server\'s refusal, the server\'s English without a code', () => {
    expect(sayError(errorOf(new ApiError(0, '…')), 'en')).toBe(UNREACHABLE_EN);
    expect(sayError(errorOf(new ApiError(502, '')), 'en')).toBe('The Floorwatch server is not answering (502). Try again in a moment.');
    expect(sayError(errorOf(new ApiError(429, '', undefined, [], 5, {})), 'zh-CN')).toBe('请求过于频繁，请稍等片刻再试。');
    expect(sayError(errorOf(new Error('boom')), 'en')).toBe('Something went wrong. Reload the page and try again.');
    const newer = errorOf(new ApiError(409, '…', undefined, [], undefined, { error: 'a newer server says no', code: 'someNewCode' }));
    expect(sayError(newer, 'zh-CN')).toBe('A newer server says no.');
    const invalid = errorOf(new ApiError(400, '…', 'seconds', [], undefined, problem('invalidField', { field: 'seconds', detail: 'too big' })));
    expect(sayError(invalid, 'en', { fieldLabel: (f) => (f === 'seconds' ? 'Total hold allowed (seconds)' : undefined) })).toBe('Invalid Total hold allowed (seconds): too big.');
    expect(invalid).toMatchObject({ field: 'seconds' });
  });
});
