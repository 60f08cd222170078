// @vitest-environment jsdom
/** The alert desk's list: order, what each alert says, and acknowledging with a note. */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

function alert(over: Partial<Alert> & Pick<Alert, 'id' | 'severity' | 'openedAt'>): Alert {
  return {
    rule: 'answer-3-rings', article: '60', kind: 'condition', status: 'open', title: `Alert ${over.id}`,
    subject: { kind: 'call', id: `c-${over.id}` }, updatedAt: over.openedAt, escalationLevel: 'lead',
    evidence: ['e1', 'e2'], occurrences: 1, history: [], ...over,
  };
}

const ALERTS: Alert[] = [
  alert({ id: 'info-old', severity: 'info', openedAt: NOW - 600_000 }),
  alert({ id: 'crit-new', severity: 'critical', openedAt: NOW - 30_000, rule: 'urgent-escalation', article: '93, 94', subject: { kind: 'agent', id: '1001' } }),
  alert({ id: 'warn', severity: 'warning', openedAt: NOW - 120_000, escalatesAt: NOW + 95_000 }),
  alert({ id: 'crit-old', severity: 'critical', openedAt: NOW - 90_000, escalationLevel: 'manager' }),
  alert({ id: 'acked', severity: 'critical', openedAt: NOW - 999_000, status: 'acknowledged' }),
];

const signedIn = (role: 'lead' | 'supervisor' | 'admin') => useSessionStore.setState({
  state: { kind: 'signed-in', me: { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['A'] : [], mustChangePassword: false } },
});

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  signedIn('supervisor');
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('AlertList', () => {
  it('lists open alerts most severe first, then oldest first, with rule, article, subject, age and escalation', () => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
    render(createElement(AlertList, { alerts: ALERTS, onDone: () => {} }));

    const cards = screen.getAllByRole('article');
    expect(cards.map((c) => c.getAttribute('data-alert'))).toEqual(['crit-old', 'crit-new', 'warn', 'info-old']);
    expect(screen.getByRole('heading', { name: /Open alerts/ }).textContent).toContain('4');

    const critNew = within(cards[1]);
    expect(critNew.getByText('Critical')).toBeTruthy();
    expect(critNew.getByText('Urgent matters reported upward at once')).toBeTruthy();
    expect(critNew.getByText('Art. 93, 94')).toBeTruthy();
    expect(critNew.getByText('Agent 1001')).toBeTruthy();
    expect(critNew.getByText('open for 0:30')).toBeTruthy();

    expect(within(cards[2]).getByText(/Escalates to the supervisor in 1:35/)).toBeTruthy();
    expect(within(cards[0]).getByText(/Top escalation level/)).toBeTruthy();
    expect(within(cards[3]).getByText('Evidence: 2 events')).toBeTruthy();
    // Severity is a word, not only a colour.
    expect(within(cards[3]).getByText('Info')).toBeTruthy();

    // The countdown ticks.
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(within(screen.getAllByRole('article')[2]).getByText(/in 1:30/)).toBeTruthy();
  });

  it('counts the evidence in words: one event, or events', () => {
    render(createElement(AlertList, { alerts: [alert({ id: 'one', severity: 'info', openedAt: NOW, evidence: ['e1'] })], onDone: () => {} }));
    expect(screen.getByText('Evidence: 1 event')).toBeTruthy();
    cleanup();
    act(() => useLocale.setState({ locale: 'zh-CN' }));
    render(createElement(AlertList, { alerts: [alert({ id: 'one', severity: 'info', openedAt: NOW, evidence: ['e1'] })], onDone: () => {} }));
    expect(screen.getByText('证据（1 个事件）')).toBeTruthy();
  });

  it('says so when there is nothing open', () => {
    render(createElement(AlertList, { alerts: [ALERTS[4]], onDone: () => {} }));
    expect(screen.getByText('No open alerts.')).toBeTruthy();
  });

  it('acknowledges with a note over REST, sending the CSRF header', async () => {
    document.cookie = 'fw_csrf=tok123';
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { ...ALERTS[1], status: 'acknowledged' } }), {
      status: 200, headers: { 'content-type': 'application/json' },
    }));
    vi.stubGlobal('fetch', fetchMock);
    const onDone = vi.fn();
    render(createElement(AlertList, { alerts: ALERTS, onDone }));

    const card = within(screen.getAllByRole('article')[1]);
    fireEvent.click(card.getByRole('button', { name: 'Acknowledge' }));
    const note = card.getByLabelText('Note (optional)');
    expect(document.activeElement).toBe(note);
    fireEvent.change(note, { target: { value: 'Called the agent' } });
    fireEvent.click(card.getByRole('button', { name: 'Acknowledge alert' }));

    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({ key: 'alerts.done.acknowledged', about: ALERTS[1] }));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/alerts/crit-new/acknowledge');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ note: 'Called the agent' });
    expect(new Headers(init.headers).get('x-csrf-token')).toBe('tok123');
  });

  it('shows the floor\'s refusal in the form', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: 'alert already resolved' }), {
      status: 409, headers: { 'content-type': 'application/json' },
    })));
    render(createElement(AlertList, { alerts: ALERTS, onDone: () => {} }));
    const card = within(screen.getAllByRole('article')[0]);
    fireEvent.click(card.getByRole('button', { name: 'Resolve' }));
    fireEvent.click(card.getByRole('button', { name: 'Resolve alert' }));
    expect((await card.findByRole('alert')).textContent).toBe('Alert already resolved.');
  });

  it('offers a hold approval only on hold-consent alerts about a call', () => {
    const hold = alert({ id: 'hold', severity: 'warning', openedAt: NOW, rule: 'hold-consent', callId: 'c9' });
    render(createElement(AlertList, { alerts: [hold, ALERTS[0]], onDone: () => {} }));
    const [holdCard, other] = screen.getAllByRole('article');
    expect(within(holdCard).getByRole('button', { name: 'Approve longer hold' })).toBeTruthy();
    expect(within(other).queryByRole('button', { name: 'Approve longer hold' })).toBeNull();
  });

  it('offers no actions to an administrator (the server would refuse them)', () => {
    signedIn('admin');
    render(createElement(AlertList, { alerts: [alert({ id: 'x', severity: 'warning', openedAt: NOW - 1000 })], onDone: () => {} } as never));
    expect(screen.getAllByRole('article')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /acknowledge/i })).toBeNull();
  });
});
