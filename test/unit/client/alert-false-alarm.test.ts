// @vitest-environment jsdom
/**
 * A lead resolves an alert as a false alarm from its card (art. 105): the resolve form has
 * a box saying the points taken for it are given back, and ticked, the request says so;
 * left alone, an ordinary resolution sends no such flag. Names come for people's usernames.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alertTitle } from '../../../shared/alert-titles.js';
import type { Alert } from '../../../shared/alerts.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';
import { deskAt } from './desk-clock.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');

const UNGREETED: Alert = {
  id: 'al-4', rule: 'greeting', article: '61, 66', kind: 'incident', status: 'open', severity: 'info',
  ...alertTitle('greeting.noNumber', { agent: '1035' }), subject: { kind: 'call', id: 'c-7:1035' },
  agentId: '1035', callId: 'c-7', teamId: 'team-01', openedAt: NOW - 60_000, updatedAt: NOW - 60_000, escalationLevel: 'lead',
  evidence: ['e1'], occurrences: 1, history: [],
};

deskAt(NOW, 'zh-CN');
useSessionStore.setState({
  state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'Lead', role: 'lead', teams: ['team-01'], mustChangePassword: false } },
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Resolves the card with `tick` ticked or not; the body the resolve endpoint received. */
async function resolveWith(tick: boolean): Promise<unknown> {
  const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => new Response(
    JSON.stringify(url.includes('/people') ? { people: [] } : { ok: true, value: { ...UNGREETED, status: 'resolved' } }),
    { status: 200, headers: { 'content-type': 'application/json' } },
  ));
  vi.stubGlobal('fetch', fetchMock);
  const onDone = vi.fn();
  render(createElement(AlertList, { alerts: [UNGREETED], onDone }));
  const card = within(screen.getByRole('article'));
  fireEvent.click(card.getByRole('button', { name: '解决' }));
  const box = card.getByRole('checkbox', { name: /误报：该违规并未发生（系统为此扣除的积分将予冲销）/ });
  expect((box as HTMLInputElement).checked).toBe(false);
  if (tick) fireEvent.click(box);
  fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '录音已核' } });
  fireEvent.click(card.getByRole('button', { name: '解决告警' }));
  await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
  const [, init] = fetchMock.mock.calls.find(([u]) => u.includes('/resolve'))!;
  return JSON.parse(String(init?.body));
}

describe('resolving as a false alarm', () => {
  it('ticked: the request says so, with the note', async () => {
    expect(await resolveWith(true)).toEqual({ note: '录音已核', falseAlarm: true });
  });

  it('left alone: an ordinary resolution', async () => {
    expect(await resolveWith(false)).toEqual({ note: '录音已核' });
  });
});
