// @vitest-environment jsdom
/**
 * The points page against a fake server speaking the REST contract: the quarter's
 * leaderboard (chart and table, stepping quarters, the CSV export of the quarter), an
 * agent's ledger with a reversed entry struck through beside its reason, a supervisor's
 * manual entry (technical expert's 10/6/3) and reversal with a reason, the excellence
 * candidates, and a lead who reads but may not write.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { ExcellenceCandidates, Leaderboard, PointsEntry } from '../../../shared/points.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { PointsPage } from '../../../client/src/pages/PointsPage.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const ms = (iso: string) => Date.parse(iso);
const Q4: Leaderboard = {
  quarter: '2026-Q4', from: ms('2026-10-01T00:00:00+08:00'), to: ms('2027-01-01T00:00:00+08:00'),
  rows: [
    { rank: 1, agentId: '1001', name: 'Li Na', teamId: 'T1', points: 9, rewards: 10, deductions: -1 },
    { rank: 2, agentId: '1002', name: 'Wang Wei', teamId: 'T1', points: -4, rewards: 0, deductions: -4 },
  ],
};
/** recharts is loaded lazily with the chart; on a busy machine its first import takes seconds. */
const CHART_LOAD = { timeout: 15_000 };
const Q3: Leaderboard = { quarter: '2026-Q3', from: ms('2026-07-01T00:00:00+08:00'), to: Q4.from, rows: [] };
const EXCELLENCE: ExcellenceCandidates = {
  year: 2026, headcount: 60, cap: 9, candidates: [{ agentId: '1001', name: 'Li Na', average: 7.5, quarters: { '2026-Q3': 6, '2026-Q4': 9 } }],
};

function entry(id: string, fields: Partial<PointsEntry>): PointsEntry {
  return {
    id, agentId: '1002', at: ms('2026-11-20T10:00:00+08:00'), points: -2, item: 'mobile-phone', article: '105.3', reason: 'Phone at the desk',
    evidence: [], author: 'sup.zhao', source: 'manual', recordedAt: ms('2026-11-20T10:05:00+08:00'), ...fields,
  };
}

const LEDGER_1002: PointsEntry[] = [
  entry('p1', { reversedBy: 'p2' }),
  entry('p2', { item: 'reversal', points: 2, reverses: 'p1', reason: 'It was a work phone', author: 'mgr.chen', recordedAt: ms('2026-11-21T09:00:00+08:00'), at: ms('2026-11-21T09:00:00+08:00') }),
  entry('p3', { item: 'absence', article: '105.1', points: -2, reason: 'Scheduled 08:00, not logged in', evidence: ['alert-77'], author: 'system', source: 'auto', at: ms('2026-11-22T08:30:00+08:00') }),
  entry('p4', { item: 'leaving-seat', article: '105.11', points: -2, reason: 'Away 25 min without a reason', at: ms('2026-11-23T15:00:00+08:00') }),
];

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['T1'] : [], mustChangePassword: false };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  forgetCentreZone();
  // recharts measures its container; jsdom has no layout, so it gets a size of nothing.
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/points/leaderboard': (req) => ({ body: req.query.get('quarter') === '2026-Q3' ? Q3 : Q4 }),
    'GET /api/v1/points': (req) => ({ body: req.query.get('agentId') === '1002' ? LEDGER_1002 : [] }),
    'GET /api/v1/points/excellence': { body: EXCELLENCE },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openLedger(agent: string) {
  fireEvent.click(await screen.findByRole('button', { name: agent }));
  return screen.findByRole('region', { name: new RegExp(`Ledger of ${agent}`) });
}

describe('the points page', () => {
  it('shows the quarter\'s leaderboard with its chart and export, and steps to the previous quarter', async () => {
    render(createElement(PointsPage, { me: me('supervisor') }));
    const board = await screen.findByRole('region', { name: 'Quarter leaderboard' });
    const rows = within(board).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(rows).toEqual(['11001Li NaT1+9+10−1', '21002Wang WeiT1−40−4']);
    // The rank is the floor's (a lead, shown only their agents, reads their places on the whole floor).
    expect(within(board).getAllByRole('columnheader')[0]!.textContent).toBe('Floor rank');
    expect(await within(board).findByRole('img', { name: 'Rewards and deductions of the top 2 agents' }, CHART_LOAD)).toBeTruthy();
    expect(within(board).getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(`/api/v1/points/export.csv?from=${Q4.from}&to=${Q4.to}`);
    expect(server.calls('GET /api/v1/points/leaderboard')[0].query.get('quarter')).toBeNull();

    fireEvent.click(within(board).getByRole('button', { name: 'Previous quarter' }));
    await within(board).findByText('No points recorded this quarter yet.');
    expect(within(board).getByText('2026-Q3')).toBeTruthy();
    expect(server.calls('GET /api/v1/points/leaderboard').at(-1)?.query.get('quarter')).toBe('2026-Q3');
  });

  it('shows an agent\'s ledger of the quarter: a reversed entry struck through with why, and a running total', async () => {
    render(createElement(PointsPage, { me: me('manager') }));
    const ledger = await openLedger('1002');
    const query = server.calls('GET /api/v1/points').at(-1)!.query;
    expect(Object.fromEntries(query)).toEqual({ agentId: '1002', from: String(Q4.from), to: String(Q4.to) });

    await within(ledger).findAllByRole('row', { name: /Mobile phone at work/ });
    const row = (id: string) => ledger.querySelector<HTMLElement>(`[data-entry="${id}"]`)!;
    const reversed = row('p1');
    expect(reversed.className).toBe('is-reversed');
    expect(reversed.querySelector('s')?.textContent).toBe('Mobile phone at work');
    expect(reversed.textContent).toContain('Reversed: It was a work phone (mgr.chen, 2026-11-21 09:00)');
    expect(within(reversed).queryByRole('button', { name: /Reverse/ })).toBeNull();
    const reversal = row('p2');
    expect(reversal.className).toBe('is-reversal');
    expect(reversal.textContent).toContain('Reverses: Mobile phone at work');
    const auto = row('p3');
    expect(auto.textContent).toMatch(/Art\. 105\.1 · automatic.*−2.*Evidence: alert-77.*system/);
    const totals = within(ledger).getAllByRole('row').slice(1).map((r) => r.lastElementChild?.previousElementSibling?.textContent);
    expect(totals).toEqual(['−2', '0', '−2', '−4']);
    expect(within(ledger).getByText('This quarter: −4')).toBeTruthy();
  });

  it('reverses an entry only with a reason, and shows the server\'s refusal', async () => {
    server.on('POST /api/v1/points/p4/reverse', { status: 409, body: { error: 'p4 is already reversed' } });
    render(createElement(PointsPage, { me: me('supervisor') }));
    const ledger = await openLedger('1002');
    const row = await within(ledger).findByRole('row', { name: /Leaving the seat/ });
    fireEvent.click(within(row).getByRole('button', { name: 'Reverse Leaving the seat without reason −2' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, reverse' }));
    expect(within(row).getByRole('alert').textContent).toBe('Say why the entry is reversed.');
    expect(server.calls('POST /api/v1/points/p4/reverse')).toHaveLength(0);
    fireEvent.change(within(row).getByLabelText('Why it is reversed'), { target: { value: 'Sent to the clinic by the lead' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Yes, reverse' }));
    await waitFor(() => expect(within(row).getByRole('alert').textContent).toBe('P4 is already reversed.'));
    expect(server.calls('POST /api/v1/points/p4/reverse')[0].body).toEqual({ reason: 'Sent to the clinic by the lead' });
  });

  it('records a technical-expert award with the chosen place, and asks the ledger again', async () => {
    server.on('POST /api/v1/points', (req) => ({ status: 201, body: entry('p9', { ...(req.body as object), agentId: '1001', points: 6, item: 'technical-expert', article: '104.4' }) }));
    render(createElement(PointsPage, { me: me('supervisor') }));
    await openLedger('1001');
    const form = screen.getByRole('form', { name: 'Record points' });
    expect((within(form).getByLabelText('Agent') as HTMLInputElement).value).toBe('1001');
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    expect(within(form).getByText('Choose the item.')).toBeTruthy();
    expect(within(form).getByText('Say why.')).toBeTruthy();
    expect(server.calls('POST /api/v1/points')).toHaveLength(0);

    fireEvent.change(within(form).getByLabelText('Item (articles 104-105)'), { target: { value: 'technical-expert' } });
    const points = within(form).getByLabelText('Points') as HTMLSelectElement;
    expect([...points.options].map((o) => o.textContent)).toEqual(['Place 1 (+10)', 'Place 2 (+6)', 'Place 3 (+3)']);
    expect(within(form).getByText('Article 104.4.')).toBeTruthy();
    fireEvent.change(points, { target: { value: '6' } });
    fireEvent.change(within(form).getByLabelText('Reason'), { target: { value: 'Second in the bank\'s product exam' } });
    fireEvent.change(within(form).getByLabelText('Evidence'), { target: { value: 'exam-2026-11' } });
    const before = server.calls('GET /api/v1/points').length;
    fireEvent.click(within(form).getByRole('button', { name: 'Record' }));
    await waitFor(() => expect(server.calls('POST /api/v1/points')).toHaveLength(1));
    expect(server.calls('POST /api/v1/points')[0].body).toEqual({
      agentId: '1001', item: 'technical-expert', points: 6, reason: 'Second in the bank\'s product exam', evidence: ['exam-2026-11'],
    });
    await waitFor(() => expect(server.calls('GET /api/v1/points').length).toBeGreaterThan(before));
  });

  it('lists the year\'s excellence candidates with their quarters and the 15% cap', async () => {
    render(createElement(PointsPage, { me: me('admin') }));
    const panel = await screen.findByRole('region', { name: 'Annual excellence candidates' });
    const row = await within(panel).findByRole('row', { name: /1001/ });
    expect([...row.querySelectorAll('td')].map((c) => c.textContent)).toEqual(['7.5', '—', '—', '+6', '+9']);
    expect(within(panel).getByText('Headcount 60: at most 9 candidates.')).toBeTruthy();
    expect(server.calls('GET /api/v1/points/excellence')[0].query.get('year')).toBe('2026');

    // The year steps back and forth, asking the server for each.
    fireEvent.click(within(panel).getByRole('button', { name: 'Previous year' }));
    await within(panel).findByText('2025');
    await waitFor(() => expect(server.calls('GET /api/v1/points/excellence').at(-1)?.query.get('year')).toBe('2025'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Next year' }));
    await within(panel).findByText('2026');
    await waitFor(() => expect(server.calls('GET /api/v1/points/excellence').at(-1)?.query.get('year')).toBe('2026'));
  });

  it('says automatic reasons in the reader\'s language by their code, keeps a supervisor\'s words, and an old row\'s text', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    server.on('GET /api/v1/points', { body: [
      entry('a1', {
        item: 'polite-language', article: '105.7', points: -1, author: 'system', source: 'auto',
        reason: 'The call opened without the prescribed greeting', reasonCode: 'greetingMissing',
      }),
      entry('a2', {
        item: 'leaving-seat', article: '105.11', points: -2, author: 'system', source: 'auto',
        reason: 'On meal past its arranged end 12:30', reasonCode: 'awayPastWindow', reasonParams: { notReady: 'meal', end: '12:30' },
      }),
      entry('a3', {
        item: 'absence', article: '105.1', author: 'system', source: 'auto',
        reason: 'Not logged in 15 min after the shift start 09:30', reasonCode: 'absence', reasonParams: { graceMinutes: 15, start: '09:30' },
      }),
      // Written before reasons had codes, and one from a newer server with a code this page does not know.
      entry('a4', { item: 'private-call', article: '105.4', author: 'system', source: 'auto', reason: 'Private call through the seat system' }),
      entry('a5', { item: 'absence', article: '105.1', author: 'system', source: 'auto', reason: 'Absent on a new ground', reasonCode: 'somethingNew' as never }),
      entry('m1', { reason: '手机放在桌面上' }),
    ] });
    render(createElement(PointsPage, { me: me('supervisor') }));
    fireEvent.click(await screen.findByRole('button', { name: '1002' }));
    const ledger = await screen.findByRole('region', { name: /1002 Wang Wei 的积分明细/ });
    await within(ledger).findAllByRole('row', { name: /不按规定使用文明用语/ });
    const reason = (id: string) => ledger.querySelector<HTMLElement>(`[data-entry="${id}"] .points-reason`)!.firstChild!.textContent;
    expect(reason('a1')).toBe('通话开头未使用规定的问候语');
    expect(reason('a2')).toBe('用餐超过安排的结束时间 12:30');
    expect(reason('a3')).toBe('班次 09:30 开始后 15 分钟仍未登录');
    expect(reason('a4')).toBe('Private call through the seat system');
    expect(reason('a5')).toBe('Absent on a new ground');
    expect(reason('m1')).toBe('手机放在桌面上');
    // In English, the same codes read as the server's English.
    useLocale.setState({ locale: 'en' });
    await within(ledger).findByText('On meal past its arranged end 12:30');
    expect(reason('a3')).toBe('Not logged in 15 min after the shift start 09:30');
  });

  it('shows the server\'s refusal of an agent it does not know under the agent field, in the reader\'s language', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    server.on('POST /api/v1/points', { status: 400, body: {
      error: 'invalid agentId: agent 9999 is unknown here: never seen on the floor, not in the plan, no points in the ledger',
      field: 'agentId', code: 'pointsAgentUnknown', params: { agentId: '9999' },
    } });
    render(createElement(PointsPage, { me: me('supervisor') }));
    const form = await screen.findByRole('form', { name: '录入奖惩' });
    fireEvent.change(within(form).getByLabelText('工号'), { target: { value: '9999' } });
    fireEvent.change(within(form).getByLabelText('项目（第一百零四、一百零五条）'), { target: { value: 'suggestion' } });
    fireEvent.change(within(form).getByLabelText('原因'), { target: { value: '合理化建议' } });
    fireEvent.click(within(form).getByRole('button', { name: '录入' }));
    const agent = within(form).getByLabelText('工号');
    await waitFor(() => expect(agent.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(agent.getAttribute('aria-describedby')!)?.textContent)
      .toBe('工号有误：现场、排班和积分记录中都没有坐席 9999，请核对。');
  });

  it('charts only the agents with points, and lists those at 0 without entries in the table, ranked above a deduction', async () => {
    server.on('GET /api/v1/points/leaderboard', { body: { ...Q4, rows: [
      { rank: 1, agentId: '1001', name: 'Li Na', teamId: 'T1', points: 9, rewards: 10, deductions: -1 },
      { rank: 2, agentId: '1003', teamId: 'T2', points: 0, rewards: 0, deductions: 0 },
      { rank: 2, agentId: '1004', teamId: 'T2', points: 0, rewards: 0, deductions: 0 },
      { rank: 4, agentId: '1002', name: 'Wang Wei', teamId: 'T1', points: -4, rewards: 0, deductions: -4 },
    ] } });
    render(createElement(PointsPage, { me: me('supervisor') }));
    const board = await screen.findByRole('region', { name: 'Quarter leaderboard' });
    await within(board).findByRole('button', { name: '1003' });
    expect(within(board).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
      '11001Li NaT1+9+10−1', '21003T2000', '21004T2000', '41002Wang WeiT1−40−4',
    ]);
    expect(await within(board).findByRole('img', { name: 'Rewards and deductions of the top 2 agents' }, CHART_LOAD)).toBeTruthy();
  });

  it('lets a lead read the ledger, without the entry form or reversals', async () => {
    render(createElement(PointsPage, { me: me('lead') }));
    const ledger = await openLedger('1002');
    await within(ledger).findByRole('row', { name: /Unexcused absence/ });
    expect(screen.queryByRole('form', { name: 'Record points' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reverse/ })).toBeNull();
  });
});
