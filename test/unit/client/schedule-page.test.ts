// @vitest-environment jsdom
/**
 * The schedule page against a fake server speaking the REST contract: the plan per team
 * in the centre's time zone, adding a shift (the PUT body), the server's refusal under
 * its field, deleting, uploading a file (the bad rows listed by row and column; nothing
 * else asked), the week grid's window, and a lead's read-only view.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { ScheduleView } from '../../../shared/schedule.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { SchedulePage } from '../../../client/src/pages/SchedulePage.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const TZ = 'Asia/Shanghai';
const ms = (iso: string) => Date.parse(iso);
const DAY = ms('2026-11-28T00:00:00+08:00');

const PLAN: ScheduleView = {
  from: DAY, to: DAY + 3 * 86_400_000, timezone: TZ,
  shifts: [
    {
      id: 's1', agentId: '1001', name: 'Li Na', start: ms('2026-11-28T08:00:00+08:00'), end: ms('2026-11-28T16:00:00+08:00'), stationId: 'S-01', teamId: 'T1',
      breaks: [{ kind: 'meal', start: ms('2026-11-28T12:00:00+08:00'), end: ms('2026-11-28T12:45:00+08:00') }],
    },
    { id: 's2', agentId: '1002', start: ms('2026-11-28T22:00:00+08:00'), end: ms('2026-11-29T06:00:00+08:00'), teamId: 'T2', breaks: [] },
    { id: 's3', agentId: '1003', start: ms('2026-11-29T08:00:00+08:00'), end: ms('2026-11-29T16:00:00+08:00'), teamId: 'T1', breaks: [] },
  ],
  leads: [{ id: 'l1', leadId: '9001', account: 'lead.wang', name: 'Wang Fang', teamIds: ['T1', 'T2'], start: ms('2026-11-28T07:45:00+08:00'), end: ms('2026-11-28T16:00:00+08:00') }],
};

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['T1'] : [], mustChangePassword: false };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  server = installFakeFetch({ 'GET /api/v1/schedule': { body: PLAN } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Fills a field of the open plan form (the toolbar has a "Team" of its own). */
const fill = (label: string, value: string) => fireEvent.change(within(screen.getByRole('form', { name: 'Add a shift' })).getByLabelText(label), { target: { value } });
const NEW_1004_AT_14 = `1004@${ms('2026-11-28T14:00:00+08:00')}`;
const NEW_1004_AT_8 = `1004@${ms('2026-11-28T08:00:00+08:00')}`;

describe('the schedule page', () => {
  it('shows the day\'s shifts per team in centre time, with breaks, and the lead duties', async () => {
    render(createElement(SchedulePage, { me: me('supervisor') }));
    const t1 = await screen.findByRole('region', { name: 'Team T1' });
    const row = within(t1).getByRole('row', { name: /1001/ });
    expect(row.textContent).toContain('Li Na');
    expect(row.textContent).toContain('08:00–16:00');
    expect(row.textContent).toContain('S-01');
    expect(row.textContent).toContain('12:00-12:45 meal');
    // The next day's shift of the same team is not on this day.
    expect(within(t1).queryByText('1003')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Team T2' })).getByRole('row', { name: /1002/ }).textContent).toContain('22:00–06:00 +1');
    const duty = screen.getByRole('row', { name: /9001/ });
    expect(duty.textContent).toMatch(/07:45–16:00.*lead\.wang.*T1, T2/);
    expect(screen.getByText('Times are centre time (Asia/Shanghai)')).toBeTruthy();
    // The first answer's window was the server's default; the page then asks for its own day.
    await waitFor(() => expect(server.calls('GET /api/v1/schedule').at(-1)?.query.get('from')).toBe(String(DAY)));
    expect(server.calls('GET /api/v1/schedule')[0].query.toString()).toBe('');
  });

  it('adds a shift with a PUT of epoch times and breaks, then shows the new plan', async () => {
    server.on(`PUT /api/v1/schedule/shifts/${NEW_1004_AT_14}`, (req) => ({ body: { ok: true, value: req.body } }));
    render(createElement(SchedulePage, { me: me('supervisor') }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add a shift' }));
    fill('Agent', '1004');
    fill('Start', '14:00');
    fill('End', '22:00');
    fill('Station', 'S-04');
    fill('Team', 'T2');
    fill('Breaks and meals', '18:00-18:30 meal');
    const before = server.calls('GET /api/v1/schedule').length;
    fireEvent.click(screen.getByRole('button', { name: 'Save shift' }));
    await waitFor(() => expect(server.calls(`PUT /api/v1/schedule/shifts/${NEW_1004_AT_14}`)).toHaveLength(1));
    expect(server.calls(`PUT /api/v1/schedule/shifts/${NEW_1004_AT_14}`)[0].body).toEqual({
      id: NEW_1004_AT_14, agentId: '1004', start: ms('2026-11-28T14:00:00+08:00'), end: ms('2026-11-28T22:00:00+08:00'),
      stationId: 'S-04', teamId: 'T2', breaks: [{ kind: 'meal', start: ms('2026-11-28T18:00:00+08:00'), end: ms('2026-11-28T18:30:00+08:00') }],
    });
    await waitFor(() => expect(server.calls('GET /api/v1/schedule').length).toBe(before + 1));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Save shift' })).toBeNull());
  });

  it('brings the editor of a row into view with its first field focused; saved, says so and goes back to the row\'s button', async () => {
    server.on('PUT /api/v1/schedule/shifts/s1', (req) => ({ body: { ok: true, value: req.body } }));
    const scrolled = vi.fn();
    Element.prototype.scrollIntoView = scrolled;
    render(createElement(SchedulePage, { me: me('supervisor') }));
    const t1 = await screen.findByRole('region', { name: 'Team T1' });
    const edit = within(within(t1).getByRole('row', { name: /1001/ })).getByRole('button', { name: /^Edit/ });
    edit.focus();
    fireEvent.click(edit);
    const form = await screen.findByRole('form', { name: /shift/i });
    await waitFor(() => expect(scrolled).toHaveBeenCalled());
    expect(form.contains(document.activeElement)).toBe(true);
    fireEvent.click(within(form).getByRole('button', { name: 'Save shift' }));
    await waitFor(() => expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('Saved.'));
    await waitFor(() => expect(document.activeElement).toBe(edit));
  });

  it('checks the form before asking, and shows the server\'s refusal under the field it names', async () => {
    render(createElement(SchedulePage, { me: me('manager') }));
    fireEvent.click(await screen.findByRole('button', { name: 'Add a shift' }));
    fill('Agent', '1004');
    fill('Breaks and meals', '17:00-17:15 break');
    fireEvent.click(screen.getByRole('button', { name: 'Save shift' }));
    expect((await screen.findByText('“17:00-17:15 break” is not inside the shift.')).id).toBe(within(screen.getByRole('form', { name: 'Add a shift' })).getByLabelText('Breaks and meals').getAttribute('aria-describedby')?.split(' ').at(-1));
    expect(server.sent.filter((r) => r.method === 'PUT')).toHaveLength(0);

    server.on(`PUT /api/v1/schedule/shifts/${NEW_1004_AT_8}`, { status: 400, body: { error: 'invalid stationId: at most 200 characters', field: 'stationId' } });
    fill('Breaks and meals', '');
    fireEvent.click(screen.getByRole('button', { name: 'Save shift' }));
    await screen.findByText('Invalid stationId: at most 200 characters.');
    expect(within(screen.getByRole('form', { name: 'Add a shift' })).getByLabelText('Station').getAttribute('aria-invalid')).toBe('true');
  });

  it('deletes a shift only after asking once more', async () => {
    server.on('DELETE /api/v1/schedule/shifts/s1', { body: { ok: true } });
    render(createElement(SchedulePage, { me: me('admin') }));
    fireEvent.click(await screen.findByRole('button', { name: /Delete shift of 1001 on 2026-11-28/ }));
    expect(server.calls('DELETE /api/v1/schedule/shifts/s1')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await waitFor(() => expect(server.calls('DELETE /api/v1/schedule/shifts/s1')).toHaveLength(1));
  });

  it('uploads a CSV as it is, and lists each bad row by row and column when nothing was imported', async () => {
    const csv = 'kind,agent,name,date,start,end,station,team,breaks,account,teams\nshift,1001,Li Na,2026-11-28,08:00,16:00,S-01,T1,,,\nshift,,X,2026-11-28,25:00,16:00,,,,,\n';
    server.on('POST /api/v1/schedule/import', {
      status: 400,
      body: {
        error: '2 problems in the file; nothing was imported', code: 'scheduleFileProblems', params: { count: 2 },
        errors: [{ row: 3, field: 'agent', message: 'must not be empty', code: 'empty' }, { row: 3, field: 'start', message: 'not a time' }],
      },
    });
    render(createElement(SchedulePage, { me: me('supervisor') }));
    const input = await screen.findByLabelText('Plan file');
    fireEvent.change(input, { target: { files: [new File([csv], 'plan.csv', { type: 'text/csv' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }));

    const refusal = await screen.findByRole('alert');
    // By its code, the page's own "nothing was imported" once; a row without a code in the server's English.
    expect(refusal.textContent).toContain('Nothing was imported: 2 problem(s) in the file.');
    const rows = within(refusal).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([['3', 'agent', 'Must not be empty.'], ['3', 'start', 'Not a time.']]);
    const sent = server.calls('POST /api/v1/schedule/import')[0];
    expect(sent.query.get('replace')).toBe('true');
    expect(sent.headers.get('content-type')).toBe('text/csv');
    expect(sent.body).toBe(csv);

    server.on('POST /api/v1/schedule/import', { body: { ok: true, shifts: 1, leads: 0, from: DAY, to: DAY + 86_400_000 } });
    fireEvent.click(screen.getByLabelText('Replace the plan for the days the file covers'));
    fireEvent.click(screen.getByRole('button', { name: 'Upload and import' }));
    // Among the page's status lines (the editor's "saved" line is another, empty here).
    await vi.waitFor(() => expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('Imported 2026-11-28 to 2026-11-28: shifts 1, lead duties 0.'));
    expect(server.calls('POST /api/v1/schedule/import')[1].query.get('replace')).toBeNull();
  });

  it('lists bad rows in Chinese by their codes, saying which end of a break, and keeps a server\'s English for a code it does not know', async () => {
    useLocale.getState().setLocale('zh-CN');
    server.on('POST /api/v1/schedule/import', {
      status: 400,
      body: {
        error: '3 problems in the file; nothing was imported', code: 'scheduleFileProblems', params: { count: 3 },
        errors: [
          { row: 3, field: 'breaks', message: 'the break 07:30-07:45 is outside the shift 08:00-16:00', code: 'breakOutsideShift', params: { kind: 'break', start: '07:30', end: '07:45', shiftStart: '08:00', shiftEnd: '16:00' } },
          { row: 4, field: 'breaks', message: 'break end: "10:00" is the same time as the start', code: 'sameAsStart', params: { text: '10:00' }, part: 'breakEnd' },
          { row: 5, field: 'start', message: 'a problem from a newer server', code: 'fromTheFuture' },
        ],
      },
    });
    render(createElement(SchedulePage, { me: me('supervisor') }));
    const input = await screen.findByLabelText('排班文件');
    fireEvent.change(input, { target: { files: [new File(['agent\n'], 'plan.csv', { type: 'text/csv' })] } });
    fireEvent.click(screen.getByRole('button', { name: '上传并导入' }));

    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain('未导入任何内容：文件中有 3 处问题。');
    const rows = within(refusal).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[2]!.textContent);
    expect(rows).toEqual([
      '休息时段 07:30-07:45 不在班次 08:00-16:00 之内。',
      '休息结束时间：“10:00”与开始时间相同。',
      'A problem from a newer server.',
    ]);

    // The reader switches to English: the list already shown follows.
    useLocale.getState().setLocale('en');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Nothing was imported: 3 problem(s) in the file.'));
    const english = within(screen.getByRole('alert')).getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[2]!.textContent);
    expect(english).toEqual([
      'The break 07:30-07:45 is outside the shift 08:00-16:00.',
      'Break end: "10:00" is the same time as the start.',
      'A problem from a newer server.',
    ]);
  });

  it('shows a week as agents by day, asking for seven days from the centre\'s midnight', async () => {
    render(createElement(SchedulePage, { me: me('supervisor') }));
    await screen.findByRole('region', { name: 'Team T1' });
    fireEvent.click(screen.getByRole('button', { name: 'Week' }));
    await waitFor(() => expect(server.calls('GET /api/v1/schedule').at(-1)?.query.get('to')).toBe(String(DAY + 7 * 86_400_000)));
    const t1 = await screen.findByRole('region', { name: 'Team T1' });
    const grid = within(t1).getByRole('table');
    expect(within(grid).getAllByRole('columnheader')).toHaveLength(8);
    const agent1003 = within(grid).getByRole('row', { name: /1003/ });
    const cells = within(agent1003).getAllByRole('cell').map((c) => c.textContent);
    expect(cells[0]).toBe('');
    expect(cells[1]).toBe('08:00–16:00');
  });

  it('gives a lead the plan to read, and nothing to change', async () => {
    render(createElement(SchedulePage, { me: me('lead') }));
    await screen.findByRole('region', { name: 'Team T1' });
    expect(screen.getByText(/You can read your teams' plan/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Add a shift|Edit|Delete/ })).toBeNull();
    expect(screen.queryByLabelText('Plan file')).toBeNull();
  });
});
