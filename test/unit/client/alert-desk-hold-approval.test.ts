// @vitest-environment jsdom
/**
 * Approving a longer hold from the alert desk (art. 67): the form says how long the call has
 * been on hold when the floor shows it, and asks for more than that; an allowance the server
 * refuses as too short (holdApprovalTooShort) is said in the reader's language, and again
 * in the other one after a switch.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { problem } from '../../../shared/problems.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { compareAlerts } from '../../../client/src/alerts/order.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import '../../../client/src/i18n/all.js';
import { installFakeFetch } from './fake-fetch.js';
import { agent, snapshot } from './floor-fixtures.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

const PAST_DEFAULT: Alert = {
  id: 'hold-1', rule: 'hold-consent', article: '67', kind: 'condition', status: 'open', severity: 'warning',
  title: 'Customer on hold at agent 9001 past 60 s without approval', subject: { kind: 'call', id: 'rv-call-1' },
  agentId: '9001', callId: 'rv-call-1', openedAt: NOW - 5_000, updatedAt: NOW - 5_000, escalationLevel: 'lead',
  evidence: ['rv-call-1'], occurrences: 1, history: [],
};

/** The refusal the server sends for 30 s on a hold of 47 s (engine: hold-consent onCommand). */
const TOO_SHORT = { ok: false, ...problem('holdApprovalTooShort', { callId: 'rv-call-1', seconds: 30, heldSeconds: 47 }), field: 'seconds' };

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  useSessionStore.setState({
    state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'lead', role: 'lead', teams: ['t1'], mustChangePassword: false } },
  });
  useFloorStore.getState().reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function openHoldForm() {
  render(createElement(AlertList, { alerts: [PAST_DEFAULT], onDone: () => {} }));
  const card = within(screen.getByRole('article'));
  fireEvent.click(card.getByRole('button', { name: '批准延长保持' }));
  return card;
}

describe('approving a longer hold', () => {
  it('shows the server\'s refusal of an allowance too short in Chinese, then in English after a switch', async () => {
    const fake = installFakeFetch({ 'POST /api/v1/calls/rv-call-1/hold-approval': { status: 409, body: TOO_SHORT } });
    const card = openHoldForm();
    fireEvent.change(card.getByLabelText('允许的保持总时长（秒）'), { target: { value: '30' } });
    fireEvent.click(card.getByRole('button', { name: '批准' }));

    const error = await card.findByRole('alert');
    expect(fake.calls('POST /api/v1/calls/rv-call-1/hold-approval')[0].body).toEqual({ seconds: 30 });
    expect(error.textContent).toBe('通话 rv-call-1 已保持 47 秒，允许的保持总时长（30 秒）须超过这一时长。');
    expect(card.getByLabelText('允许的保持总时长（秒）').getAttribute('aria-invalid')).toBe('true');

    act(() => useLocale.setState({ locale: 'en' }));
    expect(card.getByRole('alert').textContent)
      .toBe('Invalid seconds: 30 s is not longer than call rv-call-1 has already been on hold (47 s); allow more than that.');
  });

  it('says how long the call has been on hold, asks for more, and does not send less', async () => {
    useFloorStore.getState().applySnapshot(snapshot({
      at: NOW, serverTime: NOW,
      agents: [agent('9001', { state: 'on_hold', callId: 'rv-call-1', callSince: NOW - 90_000, holdSince: NOW - 47_000 })],
    }));
    const fake = installFakeFetch({ 'POST /api/v1/calls/rv-call-1/hold-approval': { body: { ok: true, value: { callId: 'rv-call-1', allowedSeconds: 120 } } } });
    const card = openHoldForm();
    const seconds = card.getByLabelText('允许的保持总时长（秒）') as HTMLInputElement;
    expect(card.getByText('已保持 0:47（47 秒）；允许的总时长须超过这一时长。')).toBeTruthy();
    expect(seconds.min).toBe('48');
    expect(Number(seconds.value)).toBeGreaterThan(47);

    fireEvent.change(seconds, { target: { value: '30' } });
    fireEvent.submit(seconds.closest('form')!);
    expect((await card.findByRole('alert')).textContent).toBe('通话已保持 47 秒，允许的保持总时长须超过这一时长。');
    expect(fake.calls('POST /api/v1/calls/rv-call-1/hold-approval')).toHaveLength(0);
    act(() => useLocale.setState({ locale: 'en' }));
    expect(card.getByRole('alert').textContent).toBe('The call has been on hold 47 s already: allow more than that.');
  });

  it('the card says how long the customer has been on hold now, not only the alert\'s age', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      at: NOW, serverTime: NOW,
      agents: [agent('9001', { state: 'on_hold', callId: 'rv-call-1', callSince: NOW - 90_000, holdSince: NOW - 65_000 })],
    }));
    render(createElement(AlertList, { alerts: [PAST_DEFAULT], onDone: () => {} }));
    const card = within(screen.getByRole('article'));
    expect(card.getByText('客户已保持 1:05')).toBeTruthy();
    expect(card.getByText(/已持续 0:05/)).toBeTruthy();
  });

  it('on the desk, a hold running now comes before older breaches of its severity', () => {
    const oldIncident: Alert = { ...PAST_DEFAULT, id: 'wrap-1', rule: 'wrap-up-record', kind: 'incident', openedAt: NOW - 540_000, subject: { kind: 'call', id: 'c-9' } };
    const critical: Alert = { ...oldIncident, id: 'crit-1', severity: 'critical' };
    expect([oldIncident, PAST_DEFAULT, critical].sort(compareAlerts).map((a) => a.id)).toEqual(['crit-1', 'hold-1', 'wrap-1']);
  });
});
