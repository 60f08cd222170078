// @vitest-environment jsdom
/**
 * A form open on an alert that closes by itself (the hold ended while the lead typed an
 * approval), or that someone else acknowledges or resolves, does not vanish: the card stays
 * with what was typed and says what happened, and by what when that is known, in the
 * reader's language (following a switch), until the lead closes it.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { installFakeFetch } from './fake-fetch.js';
import { deskAt } from './desk-clock.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

const HOLD: Alert = {
  id: 'hold-1', rule: 'hold-consent', article: '67', kind: 'condition', status: 'open', severity: 'warning',
  title: 'Customer on hold at agent 9001 past 60 s without approval', subject: { kind: 'call', id: 'rv-call-1' },
  agentId: '9001', callId: 'rv-call-1', openedAt: NOW - 5_000, updatedAt: NOW - 5_000, escalationLevel: 'lead',
  evidence: ['rv-call-1'], occurrences: 1, history: [],
};
const OTHER: Alert = {
  ...HOLD, id: 'ring-1', rule: 'answer-3-rings', article: '60', title: 'Call ringing at agent 9002 for 10 s, not answered',
  subject: { kind: 'call', id: 'c2:9002' }, agentId: '9002', callId: 'c2', openedAt: NOW - 60_000,
};
const HOLD_ENDED: Alert = {
  ...HOLD, status: 'resolved', resolvedAt: NOW, resolvedBy: 'auto', resolution: 'the hold ended', resolutionCode: 'holdEnded', updatedAt: NOW,
};

deskAt(NOW, 'zh-CN', { leadOf: ['t1'] });

const cardOf = (id: string) => screen.queryAllByRole('article').find((a) => a.getAttribute('data-alert') === id);

describe('an alert that closes while its form is open, on the open list', () => {
  it('keeps the card and the typed note when the hold ends, saying it cleared by itself and why, in the reader\'s language', async () => {
    const fake = installFakeFetch({ 'GET /api/v1/alerts': { body: [HOLD_ENDED] } });
    const { rerender } = render(createElement(AlertList, { alerts: [HOLD, OTHER], onDone: () => {} }));
    const card = within(cardOf('hold-1')!);
    fireEvent.click(card.getByRole('button', { name: '批准延长保持' }));
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '客户在等卡部核实' } });

    // The hold ended: the floor drops the resolved alert.
    rerender(createElement(AlertList, { alerts: [OTHER], onDone: () => {} }));
    const kept = within(cardOf('hold-1')!);
    const notice = await vi.waitFor(() => {
      const text = kept.getByRole('status').textContent;
      expect(text).toContain('保持已结束');
      return text;
    });
    expect(notice).toBe('在您填写期间，此告警已自动解除：保持已结束。您填写的内容没有提交。');
    expect((kept.getByLabelText('备注（可选）') as HTMLTextAreaElement).value).toBe('客户在等卡部核实');
    expect(kept.queryByRole('button', { name: '批准' })).toBeNull();
    // Asked of the history by the rule and the moment it opened.
    const asked = fake.calls('GET /api/v1/alerts')[0].query;
    expect(Object.fromEntries(asked)).toEqual({ status: 'resolved', rule: 'hold-consent', from: String(HOLD.openedAt), to: String(HOLD.openedAt + 1) });
    // Only the alerts still open are counted.
    expect(screen.getByRole('heading', { name: /待处理告警/ }).textContent).toContain('1');

    act(() => useLocale.setState({ locale: 'en' }));
    expect(kept.getByRole('status').textContent).toBe('This alert cleared by itself meanwhile: the hold ended. What you entered here was not sent.');

    fireEvent.click(kept.getByRole('button', { name: 'Close' }));
    expect(cardOf('hold-1')).toBeUndefined();
    expect(screen.getAllByRole('article')).toHaveLength(1);

    // An alert the lead's own command closes is not kept: nothing happened behind their back.
    fake.on('POST /api/v1/alerts/ring-1/resolve', { body: { ok: true, value: { ...OTHER, status: 'resolved' } } });
    const other = within(cardOf('ring-1')!);
    fireEvent.click(other.getByRole('button', { name: 'Resolve' }));
    fireEvent.click(other.getByRole('button', { name: 'Resolve alert' }));
    rerender(createElement(AlertList, { alerts: [], onDone: () => {} }));
    await vi.waitFor(() => expect(screen.queryByRole('article')).toBeNull());
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says it was resolved when the server cannot say by what', async () => {
    installFakeFetch({ 'GET /api/v1/alerts': { body: [] } });
    const { rerender } = render(createElement(AlertList, { alerts: [HOLD], onDone: () => {} }));
    fireEvent.click(within(cardOf('hold-1')!).getByRole('button', { name: '解决' }));
    rerender(createElement(AlertList, { alerts: [], onDone: () => {} }));
    const kept = within(cardOf('hold-1')!);
    expect(kept.getByRole('status').textContent).toBe('在您填写期间，此告警已解决。您填写的内容没有提交。');
    expect(screen.queryByText('没有待处理的告警。')).toBeNull();
  });

  it('says who acknowledged it meanwhile, and still lets the lead send a hold approval', async () => {
    const fake = installFakeFetch({
      'POST /api/v1/calls/rv-call-1/hold-approval': { body: { ok: true, value: { callId: 'rv-call-1', allowedSeconds: 180 } } },
    });
    const onDone = vi.fn();
    const { rerender } = render(createElement(AlertList, { alerts: [HOLD], onDone }));
    fireEvent.click(within(cardOf('hold-1')!).getByRole('button', { name: '批准延长保持' }));
    rerender(createElement(AlertList, { alerts: [{ ...HOLD, status: 'acknowledged', acknowledgedBy: 'lead.li', acknowledgedAt: NOW }], onDone }));
    const kept = within(cardOf('hold-1')!);
    expect(kept.getByRole('status').textContent).toBe('在您填写期间，此告警已由 lead.li 确认。您仍可提交此操作。');
    fireEvent.change(kept.getByLabelText('允许的保持总时长（秒）'), { target: { value: '180' } });
    fireEvent.click(kept.getByRole('button', { name: '批准' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({ key: 'alerts.done.hold', vars: { callId: 'rv-call-1', seconds: 180 } }));
    expect(fake.calls('POST /api/v1/calls/rv-call-1/hold-approval')).toHaveLength(1);
    expect(cardOf('hold-1')).toBeUndefined();
  });
});

describe('an acknowledged alert in today\'s history resolved while its form is open', () => {
  it('keeps the card with the form, saying who resolved it and why', async () => {
    const acked: Alert = { ...HOLD, status: 'acknowledged', acknowledgedBy: 'lead', acknowledgedAt: NOW - 2_000, updatedAt: NOW - 2_000 };
    const fake = installFakeFetch({ 'GET /api/v1/alerts': { body: [acked] } });
    const props = { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [acked], onDone: () => {} };
    const { rerender } = render(createElement(AlertHistory, { ...props, refreshKey: '1' }));
    const card = within(await screen.findByRole('article'));
    fireEvent.click(card.getByRole('button', { name: '解决' }));
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '已处理' } });

    fake.on('GET /api/v1/alerts', { body: [{ ...acked, status: 'resolved', resolvedBy: 'lead.li', resolvedAt: NOW, resolution: '客户已挂机' }] });
    rerender(createElement(AlertHistory, { ...props, live: [], refreshKey: '2' }));
    const kept = within(screen.getByRole('article'));
    await vi.waitFor(() => expect(kept.getByRole('status').textContent).toBe('在您填写期间，此告警已由 lead.li 解决（备注：客户已挂机）。您填写的内容没有提交。'));
    expect((kept.getByLabelText('备注（可选）') as HTMLTextAreaElement).value).toBe('已处理');
    fireEvent.click(kept.getByRole('button', { name: '关闭' }));
    // Back to the plain history entry, with its trail.
    expect(screen.getByRole('article').querySelector('form')).toBeNull();
    expect(screen.queryByRole('button', { name: '解决' })).toBeNull();
  });
});
