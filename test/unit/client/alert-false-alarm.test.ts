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
import { problem } from '../../../shared/problems.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { lastActionAt } from '../../../client/src/alerts/order.js';
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

describe('marking a resolved alert a false alarm afterwards, from the history', () => {
  const AWAY: Alert = {
    id: 'al-9', rule: 'away-without-reason', article: '105.11', kind: 'condition', status: 'resolved', severity: 'warning',
    ...alertTitle('away-without-reason.noReason', { agent: '1035', seconds: 120 }), subject: { kind: 'agent', id: '1035' },
    agentId: '1035', teamId: 'team-01', openedAt: NOW - 600_000, updatedAt: NOW - 500_000, escalationLevel: 'lead',
    resolvedAt: NOW - 500_000, resolvedBy: 'auto', resolution: 'back at the seat', evidence: [], occurrences: 1,
    history: [{ at: NOW - 600_000, action: 'opened' }, { at: NOW - 500_000, action: 'resolved', by: 'auto', note: 'back at the seat' }],
    pointsTaken: [{ entryId: 'auto:leaving-seat:1035', agentId: '1035', points: -2, at: NOW - 600_000, article: '105.11' }],
  };
  const MARKED: Alert = {
    ...AWAY, id: 'al-10', updatedAt: NOW - 100_000,
    history: [...AWAY.history, { at: NOW - 100_000, action: 'false-alarm', by: 'lead.wang', note: '在主管席位核对排班' }],
  };
  const NO_POINTS: Alert = { ...AWAY, id: 'al-11', pointsTaken: undefined, evidence: ['pbx-77'] };

  /** The history of today, as the server answers it; the bodies the resolve endpoint received. */
  function serve(alerts: Alert[]): Array<{ url: string; body: unknown }> {
    const posted: Array<{ url: string; body: unknown }> = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes('/resolve')) posted.push({ url, body: JSON.parse(String(init?.body)) });
      const body = url.includes('/people') ? { people: [{ username: 'lead.wang', name: '王班长' }] }
        : url.includes('/resolve') ? { ok: true, value: MARKED } : alerts;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    return posted;
  }

  it('offered on a closed alert that took points, nowhere else; sent as a false alarm with the note', async () => {
    const posted = serve([AWAY, MARKED, NO_POINTS]);
    const onDone = vi.fn();
    render(createElement(AlertHistory, { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [], refreshKey: 'k', onDone }));
    await vi.waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(3), { timeout: 3000 });
    const card = (id: string) => screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === id)!;
    expect(within(card('al-10')).queryByRole('button', { name: '判定为误报' })).toBeNull();
    expect(within(card('al-11')).queryByRole('button', { name: '判定为误报' })).toBeNull();
    // A closed card without actions still shows the events behind it.
    expect(card('al-11').querySelector('.desk-evidence summary')?.textContent).toMatch(/1/);
    // The one already marked says who said so, and why.
    const said = card('al-10').querySelector('[data-trail="false-alarm"]');
    expect(said?.textContent).toContain('判定为误报');
    expect(said?.textContent).toContain('在主管席位核对排班');

    const away = within(card('al-9'));
    // Closed: no age counting on (the trail says when it closed).
    expect(card('al-9').querySelector('.desk-age')).toBeNull();
    fireEvent.click(away.getByRole('button', { name: '判定为误报' }));
    // The form says what comes back, and to whom.
    expect(card('al-9').textContent).toContain('坐席 1035 将获冲销 +2 分');
    fireEvent.change(away.getByLabelText('备注（可选）'), { target: { value: '在主管席位核对排班' } });
    fireEvent.click(away.getByRole('button', { name: '判定为误报并冲销积分' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ key: 'alerts.done.falseAlarm' })));
    expect(posted).toEqual([{ url: expect.stringContaining('/api/v1/alerts/al-9/resolve'), body: { note: '在主管席位核对排班', falseAlarm: true } }]);
  });
});

/** An away-without-reason alert that cleared by itself and took 2 points: one a lead may call a false alarm. */
function closedAway(id: string): Alert {
  return {
    id, rule: 'away-without-reason', article: '105.11', kind: 'condition', status: 'resolved', severity: 'warning',
    ...alertTitle('away-without-reason.noReason', { agent: '1035', seconds: 120 }), subject: { kind: 'agent', id: '1035' },
    agentId: '1035', teamId: 'team-01', openedAt: NOW - 600_000, updatedAt: NOW - 500_000, escalationLevel: 'lead',
    resolvedAt: NOW - 500_000, resolvedBy: 'auto', evidence: [], occurrences: 1, history: [],
    pointsTaken: [{ entryId: 'auto:leaving-seat:1035', agentId: '1035', points: -2, at: NOW - 600_000, article: '105.11' }],
  };
}

describe('someone else marked it first', () => {
  it('the refusal keeps the form with what was typed, saying who did; closed, the desk says so and fetches its history again', async () => {
    const AWAY = closedAway('al-12');
    let history: Alert[] = [AWAY];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      const [status, body] = url.includes('/resolve')
        ? [409, { ok: false, ...problem('alertAlreadyFalseAlarm', { alertId: 'al-12', by: 'lead.wang' }), field: 'alertId' }]
        : [200, url.includes('/people') ? { people: [] } : history];
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }));
    const onDone = vi.fn();
    const props = { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [], onDone };
    const { rerender } = render(createElement(AlertHistory, { ...props, refreshKey: 'k' }));
    const card = within(await screen.findByRole('article', {}, { timeout: 3000 }));
    fireEvent.click(card.getByRole('button', { name: '判定为误报' }));
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '排班表有误' } });
    fireEvent.click(card.getByRole('button', { name: '判定为误报并冲销积分' }));
    const notice = await vi.waitFor(() => card.getByRole('status').textContent);
    expect(notice).toMatch(/^在您填写期间，\S+ 已将此告警判定为误报，积分已冲销。您填写的内容没有提交。$/);
    expect((card.getByLabelText('备注（可选）') as HTMLTextAreaElement).value).toBe('排班表有误');
    expect(card.queryByRole('alert')).toBeNull();
    // No more 'will get +2 back': the notice says they are back.
    expect(card.queryByText(/将获冲销/)).toBeNull();
    expect(onDone).not.toHaveBeenCalled();
    // The mark reaches the history before the lead closes the form: closing still says it on the desk.
    history = [{ ...AWAY, updatedAt: NOW - 1_000, history: [{ at: NOW - 1_000, action: 'false-alarm', by: 'lead.wang' }] }];
    rerender(createElement(AlertHistory, { ...props, refreshKey: 'k2' }));
    await vi.waitFor(() => expect(screen.getByRole('article').querySelector('[data-trail="false-alarm"]')).not.toBeNull(), { timeout: 3000 });
    fireEvent.click(within(screen.getByRole('article')).getByRole('button', { name: '关闭' }));
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ key: 'alerts.done.falseAlarmAlready', vars: { who: expect.any(String) } }));
  });
});

describe('someone else\'s mark reaches the history while the form is open', () => {
  it('the card stays with the typed note, says who marked it and that nothing was sent, and goes quiet once closed', async () => {
    const AWAY = closedAway('al-13');
    let history: Alert[] = [AWAY];
    const posted: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (url: string) => {
      if (url.includes('/resolve')) posted.push(url);
      // A name nobody maps: the page asks for names once a minute, so whichever test asked first
      // decides them for the file (run alone or filtered, this one may be first).
      const body = url.includes('/people') ? { people: [] } : history;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }));
    const props = { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [], onDone: () => {} };
    const { rerender } = render(createElement(AlertHistory, { ...props, refreshKey: 'k1' }));
    const card = () => screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === 'al-13')!;
    await vi.waitFor(() => expect(card()).toBeDefined(), { timeout: 3000 });
    fireEvent.click(within(card()).getByRole('button', { name: '判定为误报' }));
    fireEvent.change(within(card()).getByLabelText('备注（可选）'), { target: { value: '排班表有误' } });

    // The lead was about to send it (focus on the button) when another lead marked it; the desk fetches its history again.
    within(card()).getByRole('button', { name: '判定为误报并冲销积分' }).focus();
    history = [{ ...AWAY, updatedAt: NOW - 1_000, history: [{ at: NOW - 1_000, action: 'false-alarm', by: 'lead.zhao' }] }];
    rerender(createElement(AlertHistory, { ...props, refreshKey: 'k2' }));
    const notice = await vi.waitFor(() => within(card()).getByRole('status').textContent, { timeout: 3000 });
    expect(notice).toBe('在您填写期间，lead.zhao 已将此告警判定为误报，积分已冲销。您填写的内容没有提交。');
    expect((within(card()).getByLabelText('备注（可选）') as HTMLTextAreaElement).value).toBe('排班表有误');
    expect(within(card()).queryByRole('button', { name: '判定为误报并冲销积分' })).toBeNull();
    // The button went: focus is on the one that closes the card, not lost to the page.
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('关闭'));

    fireEvent.click(within(card()).getByRole('button', { name: '关闭' }));
    expect(within(card()).queryByRole('button')).toBeNull();
    // Focus goes to the card that took its place, not to the page (the button it came from is gone).
    await vi.waitFor(() => expect(document.activeElement?.getAttribute('data-alert')).toBe('al-13'));
    expect(card().querySelector('[data-trail="false-alarm"]')?.textContent).toContain('lead.zhao');
    expect(posted).toEqual([]);
  });
});

describe('the history\'s order', () => {
  it('keeps a closed alert at its closing when a false alarm is marked on it later', () => {
    const closed = { resolvedAt: NOW - 500_000, updatedAt: NOW, acknowledgedAt: NOW - 550_000 };
    expect(lastActionAt(closed)).toBe(NOW - 500_000);
    expect(lastActionAt({ acknowledgedAt: NOW - 100_000, updatedAt: NOW - 200_000 })).toBe(NOW - 100_000);
  });
});
