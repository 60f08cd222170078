// @vitest-environment jsdom
/**
 * A lead passes an alert up now (articles 93-94) from its card: the button names the level
 * above, the note is optional, the request goes to the alert's escalate endpoint, and the
 * desk says it was escalated with the card's headline. The manager (the last level) and an
 * alert already with the manager get no such button.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { alertTitle } from '../../../shared/alert-titles.js';
import type { Alert } from '../../../shared/alerts.js';
import type { Role } from '../../../shared/access.js';
import { useDoneText, type DoneMessage } from '../../../client/src/alerts/AlertCard.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';
import { deskAt } from './desk-clock.js';
import { installFakeFetch } from './fake-fetch.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

const RINGING: Alert = {
  id: 'al-9', rule: 'answer-3-rings', article: '60', kind: 'condition', status: 'open', severity: 'warning',
  ...alertTitle('answer-3-rings.ringing', { agent: '1034', seconds: 10 }), subject: { kind: 'call', id: 'c-2:1034' },
  agentId: '1034', callId: 'c-2', teamId: 'team-01', openedAt: NOW - 60_000, updatedAt: NOW - 60_000, escalationLevel: 'lead',
  escalatesAt: NOW + 240_000, evidence: ['e1'], occurrences: 1, history: [],
};

function signedInAs(role: Role): void {
  useSessionStore.setState({
    state: { kind: 'signed-in', me: { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['team-01'] : [], mustChangePassword: false } },
  });
}

deskAt(NOW, 'zh-CN');

describe('escalating by hand', () => {
  it('a lead passes the alert to the supervisor, with an optional note, and is told so with its headline', async () => {
    signedInAs('lead');
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(
      JSON.stringify({ ok: true, value: { ...RINGING, escalationLevel: 'supervisor' } }), { status: 200, headers: { 'content-type': 'application/json' } },
    ));
    vi.stubGlobal('fetch', fetchMock);
    const onDone = vi.fn();
    render(createElement(AlertList, { alerts: [RINGING], onDone }));
    const card = within(screen.getByRole('article'));
    fireEvent.click(card.getByRole('button', { name: '上报现场主管' }));
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '坐席多次未接' } });
    fireEvent.click(card.getByRole('button', { name: '上报现场主管' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    // (The card also asks for people's names: /api/v1/people.)
    const [url, init] = fetchMock.mock.calls.find(([u]) => u.includes('/alerts/'))!;
    expect(url).toBe('/api/v1/alerts/al-9/escalate');
    expect(JSON.parse(String(init?.body))).toEqual({ note: '坐席多次未接' });
    const done = onDone.mock.calls[0]![0] as DoneMessage;
    const Announce = () => createElement('p', { 'data-testid': 'done' }, useDoneText()(done));
    render(createElement(Announce));
    expect(screen.getByTestId('done').textContent).toBe('已上报现场主管：来电响铃超过 10 秒未接听 · 坐席 1034，来电 c-2');
  });

  it('the supervisor\'s button names the manager, on an alert at their own level; the manager, and an alert already with the manager, get none', () => {
    signedInAs('supervisor');
    render(createElement(AlertList, { alerts: [{ ...RINGING, escalationLevel: 'supervisor' }], onDone: () => {} }));
    expect(within(screen.getByRole('article')).getByRole('button', { name: '上报部门经理' })).toBeTruthy();
    cleanup();
    // Still at the lead's: the supervisor takes it up, is not offered to pass it to themselves.
    render(createElement(AlertList, { alerts: [RINGING], onDone: () => {} }));
    expect(within(screen.getByRole('article')).queryByRole('button', { name: /上报/ })).toBeNull();
    cleanup();
    render(createElement(AlertList, { alerts: [{ ...RINGING, escalationLevel: 'manager', escalatesAt: undefined }], onDone: () => {} }));
    expect(within(screen.getByRole('article')).queryByRole('button', { name: /上报/ })).toBeNull();
    cleanup();
    signedInAs('manager');
    render(createElement(AlertList, { alerts: [RINGING], onDone: () => {} }));
    expect(within(screen.getByRole('article')).queryByRole('button', { name: /上报/ })).toBeNull();
  });

  it('the level above reads who escalated it and why, on the card', () => {
    signedInAs('supervisor');
    const escalated = { ...RINGING, escalationLevel: 'supervisor' as const, escalatedBy: 'lead.wang', escalationNote: '坐席多次未接' };
    render(createElement(AlertList, { alerts: [escalated], onDone: () => {} }));
    expect(screen.getByRole('article').querySelector('.desk-escalated-by')?.textContent).toBe('由 lead.wang 上报 — 备注：坐席多次未接');
  });
});

describe('alerts in hand', () => {
  it('an acknowledged, unresolved alert is live work: counted beside the open ones, listed first in the history under its own heading', async () => {
    signedInAs('lead');
    const inHand: Alert = { ...RINGING, id: 'al-10', severity: 'critical', status: 'acknowledged', acknowledgedBy: 'lead.wang', acknowledgedAt: NOW - 30_000, updatedAt: NOW - 30_000 };
    const done: Alert = { ...RINGING, id: 'al-11', status: 'resolved', resolvedBy: 'auto', resolvedAt: NOW - 10_000, updatedAt: NOW - 10_000 };
    installFakeFetch({ 'GET /api/v1/alerts': { body: [done, inHand] } });
    render(createElement(AlertList, { alerts: [RINGING, inHand], onDone: () => {} }));
    expect(document.querySelector('.desk-panel-note')?.textContent).toContain('严重 0 · 警告 1 · 提示 0');
    expect(document.querySelector('.desk-in-hand')?.textContent).toBe(' · 另有 1 条已确认、处理中（见下方）');
    cleanup();
    render(createElement(AlertHistory, { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [inHand], refreshKey: '1', onDone: () => {} }));
    await screen.findAllByRole('article');
    const groups = [...document.querySelectorAll('.desk-history-group')];
    expect(groups.map((g) => g.querySelector('h3')?.textContent)).toEqual(['处理中（已确认，尚未解决）1', '已解决 1']);
    expect(groups[0]!.querySelector('[data-alert="al-10"]')).not.toBeNull();
    // In hand, it can still be passed up or resolved.
    expect(within(groups[0] as HTMLElement).getByRole('button', { name: '上报现场主管' })).toBeTruthy();
    expect(groups[1]!.querySelector('[data-alert="al-11"]')).not.toBeNull();
  });

  it('lists in hand a live acknowledged alert the day\'s history does not hold (opened before midnight), and keeps a card with its form open when an escalation opens its alert again', async () => {
    signedInAs('lead');
    const lastNight: Alert = { ...RINGING, id: 'al-12', openedAt: NOW - 10 * 3600_000, status: 'acknowledged', acknowledgedBy: 'lead.wang', acknowledgedAt: NOW - 3600_000, updatedAt: NOW - 3600_000 };
    const fake = installFakeFetch({ 'GET /api/v1/alerts': { body: [] } });
    const props = { day: '2026-11-28', timezone: 'Asia/Shanghai', onDone: () => {} };
    const { rerender } = render(createElement(AlertHistory, { ...props, live: [lastNight], refreshKey: '1' }));
    const card = within(await screen.findByRole('article'));
    expect(document.querySelector('.desk-history-inHand [data-alert="al-12"]')).not.toBeNull();

    fireEvent.click(card.getByRole('button', { name: '解决' }));
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '正在处理' } });
    // The supervisor passes it to the manager meanwhile: open again, at the manager's.
    const reopened = { ...lastNight, status: 'open' as const, escalationLevel: 'manager' as const, acknowledgedBy: undefined, acknowledgedAt: undefined, updatedAt: NOW };
    fake.on('GET /api/v1/alerts', { body: [] });
    rerender(createElement(AlertHistory, { ...props, live: [reopened], refreshKey: '2' }));
    await vi.waitFor(() => expect(fake.calls('GET /api/v1/alerts').length).toBeGreaterThanOrEqual(2));
    const kept = document.querySelector<HTMLElement>('[data-alert="al-12"]');
    expect(kept).not.toBeNull();
    expect((within(kept!).getByLabelText('备注（可选）') as HTMLTextAreaElement).value).toBe('正在处理');
  });
});

describe('focus after a command', () => {
  it('goes to the next card once the acknowledged one has left the list, and stays on a card that stays', async () => {
    signedInAs('lead');
    const second: Alert = { ...RINGING, id: 'al-20', openedAt: NOW - 30_000 };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(
      JSON.stringify({ ok: true, value: { ...RINGING, status: 'acknowledged' } }), { status: 200, headers: { 'content-type': 'application/json' } },
    )));
    const { rerender } = render(createElement(AlertList, { alerts: [RINGING, second], onDone: () => {} }));
    const first = within(document.querySelector<HTMLElement>('[data-alert="al-9"]')!);
    fireEvent.click(first.getByRole('button', { name: '确认' }));
    fireEvent.click(first.getByRole('button', { name: '确认告警' }));
    // Acknowledged, but the floor has not said so yet: focus waits.
    await vi.waitFor(() => expect(document.querySelector('[data-alert="al-9"] form')).toBeNull());
    expect(document.activeElement?.getAttribute('data-alert')).not.toBe('al-20');
    rerender(createElement(AlertList, { alerts: [{ ...RINGING, status: 'acknowledged' }, second], onDone: () => {} }));
    expect(document.activeElement?.getAttribute('data-alert')).toBe('al-20');

    // Escalated, the card stays (still open at the supervisor's): focus comes back to it.
    vi.stubGlobal('fetch', vi.fn(async () => new Response(
      JSON.stringify({ ok: true, value: { ...second, escalationLevel: 'supervisor' } }), { status: 200, headers: { 'content-type': 'application/json' } },
    )));
    const card = within(document.querySelector<HTMLElement>('[data-alert="al-20"]')!);
    fireEvent.click(card.getByRole('button', { name: '上报现场主管' }));
    fireEvent.click(card.getByRole('button', { name: '上报现场主管' }));
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-alert')).toBe('al-20'));
  });
});
