// @vitest-environment jsdom
/**
 * The handover page against a fake server speaking the REST contract, from both leads'
 * sides: the outgoing lead's nine labelled fields prefilled (what they type kept in the
 * browser until submitted) and the POST they make; the incoming lead's confirmation
 * refused with the blocking critical alerts named and linked to the desk, then accepted;
 * the history's search in the centre's days; one handover opened and printed; a Chinese
 * reader's draft in Chinese; a floor supervisor preparing one for chosen teams.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { Handover, HandoverAlertRef } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { draftKey } from '../../../client/src/handover/draft-store.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { HandoverPage } from '../../../client/src/pages/HandoverPage.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const ms = (iso: string) => Date.parse(iso);
const CHANGE = ms('2026-11-28T16:00:00+08:00');

const CRITICAL: HandoverAlertRef = {
  id: 'a-crit', rule: 'forbidden-phrases', article: '68', severity: 'critical', title: 'Forbidden phrase by agent 1002 on call c9',
  status: 'open', teamId: 'T1', openedAt: ms('2026-11-28T15:40:00+08:00'),
};
const WARNING: HandoverAlertRef = {
  id: 'a-warn', rule: 'away-without-reason', article: '105.11, 105.12', severity: 'warning', title: 'Agent 1003 not ready without a reason for 5 min',
  status: 'acknowledged', teamId: 'T1', openedAt: ms('2026-11-28T15:50:00+08:00'),
};

function handover(fields: Partial<Handover> = {}): Handover {
  return {
    id: 'h1', shiftChangeAt: CHANGE, teamIds: ['T1', 'T2'],
    outgoing: { leadId: '9001', account: 'lead.wang', name: 'Wang Fang' },
    incoming: { leadId: '9002', account: 'lead.li', name: 'Li Qiang' },
    fields: { ...Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, ''])), shiftStatus: '212 calls offered, 94% answered within 10 s.' } as Handover['fields'],
    prefill: {
      from: ms('2026-11-28T08:00:00+08:00'), to: CHANGE, alertsOpened: 7, alertsResolved: 5, byRule: { 'forbidden-phrases': 1, 'answer-3-rings': 4 },
      open: [CRITICAL, WARNING], calls: { offered: 212, answered: 205, abandoned: 7, serviceLevel: 0.94 }, adherencePercent: 91.6, absences: ['1007'],
    },
    status: 'draft', transferredAlerts: [], ...fields,
  };
}

/** The two steps of submitting: the form's button, then the confirmation's. */
async function submitTwice(form: HTMLElement, first = 'Submit handover', second = 'Submit'): Promise<void> {
  fireEvent.click(within(form).getByRole('button', { name: first }));
  fireEvent.click(await within(form).findByRole('button', { name: second }));
}

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['T1', 'T2'] : [], mustChangePassword: false };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  localStorage.clear();
  forgetCentreZone();
  history.replaceState(null, '', '/handover');
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/handovers': { body: [] },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the outgoing lead', () => {
  it('gets the nine fields of article 80, prefilled, beside what the server gathered from the shift', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover(), toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('lead') }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    const labels = [...form.querySelectorAll('.handover-field .field-label')].map((l) => l.textContent);
    expect(labels).toEqual([
      '1. Shift status', '2. Important events during the shift', '3. Problems found', '4. Open issues', '5. Replies pending',
      '6. Important notices', '7. Swallowed-card records', '8. Erroneous-account records', '9. Tasks and requirements from management',
    ]);
    expect((within(form).getByLabelText('1. Shift status') as HTMLTextAreaElement).value).toBe('212 calls offered, 94% answered within 10 s.');

    const summary = within(form).getByRole('region', { name: 'From the shift' });
    const figure = (label: string) => within(summary).getByText(label).nextElementSibling?.textContent;
    expect(figure('Alerts opened')).toBe('7');
    expect(figure('Still open')).toBe('2');
    expect(figure('Service level')).toBe('94%');
    // As the drafted text says it: one decimal.
    expect(figure('Adherence')).toBe('91.6%');
    expect(figure('Absent')).toBe('1007');
    expect(within(summary).getByRole('link', { name: CRITICAL.title }).getAttribute('href')).toBe('/alerts#alert-a-crit');
    expect(within(form).getByText(/Critical alerts still open: 1\. The incoming lead cannot confirm/)).toBeTruthy();

    // The labels follow the language.
    act(() => useLocale.setState({ locale: 'zh-CN' }));
    expect(within(form).getByLabelText('7. 吞卡记录')).toBeTruthy();
  });

  it('submits what was typed, keeping it in the browser until the server has it', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover(), toConfirm: [] } });
    server.on('POST /api/v1/handovers', (req) => ({ status: 201, body: { ...handover(), ...(req.body as object), status: 'submitted', submittedAt: CHANGE, submittedBy: 'lead.wang' } }));
    render(createElement(HandoverPage, { me: me('lead') }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    fireEvent.change(within(form).getByLabelText('7. Swallowed-card records'), { target: { value: 'ATM 3 swallowed card ****4411 at 14:20' } });
    const key = draftKey({ shiftChangeAt: CHANGE, teamIds: ['T1', 'T2'] });
    expect(JSON.parse(localStorage.getItem(key) ?? '{}').swallowedCards).toBe('ATM 3 swallowed card ****4411 at 14:20');

    await submitTwice(form);
    await screen.findByText('Handover submitted; waiting for Li Qiang to confirm.');
    const sent = server.calls('POST /api/v1/handovers')[0].body as { shiftChangeAt: number; teamIds: string[]; fields: Record<string, string> };
    expect(sent.shiftChangeAt).toBe(CHANGE);
    expect(sent.teamIds).toEqual(['T1', 'T2']);
    expect(sent.fields.swallowedCards).toBe('ATM 3 swallowed card ****4411 at 14:20');
    expect(sent.fields.shiftStatus).toBe('212 calls offered, 94% answered within 10 s.');
    expect(Object.keys(sent.fields).sort()).toEqual([...HANDOVER_FIELDS].sort());
    expect(localStorage.getItem(key)).toBeNull();
    expect(screen.queryByRole('form', { name: 'Fill in the handover log' })).toBeNull();
    expect(screen.getByText(/Submitted, waiting for the incoming lead to confirm/)).toBeTruthy();
  });

  it('starts a Chinese reader from a draft in Chinese, composed from the same prefill', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover(), toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('lead') }));
    const form = await screen.findByRole('form', { name: '填写交接班记录' });
    const status = (within(form).getByLabelText('1. 本班工作状况') as HTMLTextAreaElement).value;
    expect(status.split('\n')).toEqual([
      '本班 11-28 08:00 至 11-28 16:00（Asia/Shanghai），班组 T1, T2。',
      '话务（全场）：呼入 212，接听 205，放弃 7；服务水平 94%。',
      '排班遵从率：91.6%。',
      '告警：新增 7 条，其中已解决 5 条；仍有 2 条未处理。',
      '缺勤（第 105.1 条）：1007。',
    ]);
    const open = (within(form).getByLabelText('4. 遗留问题') as HTMLTextAreaElement).value;
    // The status in the catalogue's word for it (the alert desk's, which it owns).
    expect(open).toContain(`- [严重] 不使用服务禁语（第 68 条；发生于 11-28 15:40，${translate('zh-CN', 'alert.status.open')}）`);
    expect(open).not.toMatch(/Forbidden phrase/);
    expect((within(form).getByLabelText('2. 当班期间遇到的重要状况') as HTMLTextAreaElement).value).toBe('仍未处理的严重告警：\n- 不使用服务禁语（第 68 条）');
  });

  it('shows, keeps and submits the very figures its drafted lines say: the data block equals the summary', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    const ASOF = ms('2026-11-28T15:42:00+08:00');
    const first = handover({ prefill: { ...handover().prefill, asOf: ASOF }, prefillToken: 'sealed-1' });
    const fresher = handover({
      prefill: { ...handover().prefill, asOf: ASOF + 600_000, calls: { offered: 230, answered: 219, abandoned: 8, serviceLevel: 0.93 }, open: [CRITICAL] },
      prefillToken: 'sealed-2',
    });
    server.on('GET /api/v1/handovers/current', (req) => ({ body: { toSubmit: req.query.has('shiftChangeAt') ? fresher : first, toConfirm: [] } }));
    server.on('POST /api/v1/handovers', (req) => ({ status: 201, body: { ...fresher, ...(req.body as object), prefillToken: undefined, status: 'submitted' } }));
    render(createElement(HandoverPage, { me: me('lead') }));
    const form = await screen.findByRole('form', { name: '填写交接班记录' });
    const summary = within(form).getByRole('region', { name: '本班数据' });
    const figure = (label: string) => within(summary).getByText(label, { exact: true }).nextElementSibling?.textContent;
    const status = () => (within(form).getByLabelText('1. 本班工作状况') as HTMLTextAreaElement).value;
    expect(within(summary).getByText('数据截至 2026-11-28 15:42')).toBeTruthy();
    const callsLine = () => status().split('\n')[1];
    expect(callsLine()).toBe(`话务（全场）：呼入 ${figure('呼入')}，接听 ${figure('接听')}，放弃 ${figure('放弃')}；服务水平 ${figure('服务水平')}。`);
    expect(status()).toContain(`排班遵从率：${figure('排班遵从率')}。`);

    // The lead adds a line of their own, then asks for fresher figures: the drafted lines
    // follow them (one alert fewer open), the lead's line stays.
    fireEvent.change(within(form).getByLabelText('1. 本班工作状况'), { target: { value: `${status()}\n系统 14:00 至 14:10 短暂中断。` } });
    fireEvent.click(within(form).getByRole('button', { name: '更新数据' }));
    await within(form).findByText('数据截至 2026-11-28 15:52');
    expect(figure('呼入')).toBe('230');
    expect(callsLine()).toBe('话务（全场）：呼入 230，接听 219，放弃 8；服务水平 93%。');
    expect(callsLine()).toBe(`话务（全场）：呼入 ${figure('呼入')}，接听 ${figure('接听')}，放弃 ${figure('放弃')}；服务水平 ${figure('服务水平')}。`);
    expect(status()).toContain('仍有 1 条未处理');
    expect(status().split('\n').at(-1)).toBe('系统 14:00 至 14:10 短暂中断。');
    expect((within(form).getByLabelText('4. 遗留问题') as HTMLTextAreaElement).value.split('\n')).toHaveLength(1);

    // Submitted with the seal of the figures shown, so the server keeps them.
    await submitTwice(form, '提交交接班', '提交');
    await screen.findByText(/交接班已提交/);
    const sent = server.calls('POST /api/v1/handovers')[0].body as { prefillToken?: string; fields: Record<string, string> };
    expect(sent.prefillToken).toBe('sealed-2');
    expect(sent.fields.shiftStatus).toContain('呼入 230，接听 219，放弃 8');
  });

  it('reads the figures again before submitting when they are more than 5 minutes old, and lets the lead check first', async () => {
    const now = Date.now();
    const old = handover({ prefill: { ...handover().prefill, asOf: now - 60_000 }, prefillToken: 'sealed-old' });
    const fresher = handover({ prefill: { ...handover().prefill, asOf: now + 6 * 60_000 }, prefillToken: 'sealed-new' });
    server.on('GET /api/v1/handovers/current', (req) => ({ body: { toSubmit: req.query.has('shiftChangeAt') ? fresher : old, toConfirm: [] } }));
    server.on('POST /api/v1/handovers', (req) => ({ status: 201, body: { ...fresher, ...(req.body as object), status: 'submitted' } }));
    render(createElement(HandoverPage, { me: me('lead') }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    vi.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
    fireEvent.click(within(form).getByRole('button', { name: 'Submit handover' }));
    expect((await within(form).findByText(/The figures were more than 5 minutes old/)).textContent).toMatch(/Check, then submit/);
    expect(server.calls('POST /api/v1/handovers')).toHaveLength(0);
    expect(within(form).queryByRole('button', { name: 'Back to editing' })).toBeNull();
    await submitTwice(form);
    await screen.findByText('Handover submitted; waiting for Li Qiang to confirm.');
    expect((server.calls('POST /api/v1/handovers')[0].body as { prefillToken?: string }).prefillToken).toBe('sealed-new');
  });

  it('brings a reloaded draft\'s drafted lines up to the figures it now shows, keeping what was typed', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    const before = { ...handover().prefill, asOf: ms('2026-11-28T15:00:00+08:00'), calls: { offered: 100, answered: 90, abandoned: 5, serviceLevel: 0.9 } };
    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover({ prefill: before }), toConfirm: [] } });
    const { unmount } = render(createElement(HandoverPage, { me: me('lead') }));
    let form = await screen.findByRole('form', { name: '填写交接班记录' });
    fireEvent.change(within(form).getByLabelText('6. 重要通知'), { target: { value: '12 月 1 日起调整卡费' } });
    expect((within(form).getByLabelText('1. 本班工作状况') as HTMLTextAreaElement).value).toContain('呼入 100，接听 90，放弃 5');
    unmount();

    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover({ prefill: { ...handover().prefill, asOf: before.asOf + 3_600_000 } }), toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('lead') }));
    form = await screen.findByRole('form', { name: '填写交接班记录' });
    expect((within(form).getByLabelText('1. 本班工作状况') as HTMLTextAreaElement).value).toContain('呼入 212，接听 205，放弃 7');
    expect((within(form).getByLabelText('6. 重要通知') as HTMLTextAreaElement).value).toBe('12 月 1 日起调整卡费');
  });

  it('brings back what was typed before a reload', async () => {
    localStorage.setItem(draftKey({ shiftChangeAt: CHANGE, teamIds: ['T2', 'T1'] }), JSON.stringify({ notices: 'New card fee from 1 Dec' }));
    server.on('GET /api/v1/handovers/current', { body: { toSubmit: handover(), toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('lead') }));
    expect(((await screen.findByLabelText('6. Important notices')) as HTMLTextAreaElement).value).toBe('New card fee from 1 Dec');
  });
});

describe('the incoming lead', () => {
  it('is refused while a critical alert is open, sees it named and linked to the desk, and confirms once it is resolved', async () => {
    const submitted = handover({ status: 'submitted', submittedAt: CHANGE - 60_000, submittedBy: 'lead.wang' });
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [submitted] } });
    server.on('POST /api/v1/handovers/h1/confirm', {
      status: 409, body: { error: 'critical alerts are open on T1: resolve them before the handover', field: 'alerts', blocking: [CRITICAL] },
    });
    render(createElement(HandoverPage, { me: me('lead') }));
    const article = await screen.findByRole('article', { name: 'Handover of 2026-11-28 16:00' });
    expect(screen.getByText('You have no handover to submit now.')).toBeTruthy();
    // And why: handovers come from the lead duties on the schedule.
    expect(screen.getByText(/^Handovers come from the schedule's lead duties/)).toBeTruthy();
    expect(within(article).getByText('Wang Fang')).toBeTruthy();
    expect(within(article).getByText('212 calls offered, 94% answered within 10 s.')).toBeTruthy();

    fireEvent.change(within(article).getByLabelText('Note (optional)'), { target: { value: 'Read and agreed' } });
    fireEvent.click(within(article).getByRole('button', { name: 'Confirm handover' }));
    const refusal = await within(article).findByRole('alert');
    expect(refusal.textContent).toContain('The handover cannot be confirmed while critical alerts are open (article 81). Still open: 1');
    expect(refusal.textContent).toContain('Critical alerts are open on T1: resolve them before the handover.');
    const blocking = within(refusal).getAllByRole('listitem');
    expect(blocking).toHaveLength(1);
    expect(within(blocking[0]).getByRole('link', { name: CRITICAL.title }).getAttribute('href')).toBe('/alerts#alert-a-crit');
    expect(blocking[0].textContent).toMatch(/Critical.*No forbidden service phrases · Art\. 68 · team T1 · Open · opened 2026-11-28 15:40/);
    expect(within(refusal).getByRole('link', { name: 'Go to the alert desk' }).getAttribute('href')).toBe('/alerts');
    expect(server.calls('POST /api/v1/handovers/h1/confirm')[0].body).toEqual({ note: 'Read and agreed' });

    server.on('POST /api/v1/handovers/h1/confirm', { body: { ...submitted, status: 'confirmed', confirmedAt: CHANGE, confirmedBy: 'lead.li', transferredAlerts: ['a-warn'] } });
    fireEvent.click(within(article).getByRole('button', { name: 'Confirm handover' }));
    await screen.findByText(/Handover confirmed\. Open alerts passed to your team: 1\./);
    expect(screen.queryByRole('article', { name: 'Handover of 2026-11-28 16:00' })).toBeNull();
    expect(screen.getByText('No handover is waiting for your confirmation.')).toBeTruthy();
  });

  it('is told plainly when the server refuses for another reason', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [handover({ status: 'submitted' })] } });
    server.on('POST /api/v1/handovers/h1/confirm', { status: 403, body: { error: 'only the incoming lead or a supervisor confirms' } });
    render(createElement(HandoverPage, { me: me('lead') }));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm handover' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Only the incoming lead or a supervisor confirms.');
  });
});

describe('a floor supervisor', () => {
  it('prepares the handover of chosen teams at a chosen shift change in the centre\'s time, and submits it', async () => {
    server.on('GET /api/v1/handovers/current', (req) => (req.query.has('shiftChangeAt')
      ? { body: { toSubmit: handover({ teamIds: ['T3', 'T4'], outgoing: { leadId: undefined, account: undefined, name: undefined } as never }), toConfirm: [] } }
      : { body: { toConfirm: [] } }));
    server.on('POST /api/v1/handovers', (req) => ({ status: 201, body: { ...handover(), ...(req.body as object), status: 'submitted', submittedAt: CHANGE, submittedBy: 'sup' } }));
    render(createElement(HandoverPage, { me: me('supervisor') }));
    const prepare = await screen.findByRole('form', { name: 'Prepare a handover for teams' });
    await screen.findByText('You have no handover to submit now.');

    // Nothing is asked of the server until the time and the teams are given.
    fireEvent.change(within(prepare).getByLabelText('Shift change date'), { target: { value: '2026-11-28' } });
    fireEvent.click(within(prepare).getByRole('button', { name: 'Prefill the handover' }));
    expect(await within(prepare).findByText('Enter the shift change\'s date and time.')).toBeTruthy();
    fireEvent.change(within(prepare).getByLabelText('Shift change time'), { target: { value: '16:00' } });
    fireEvent.click(within(prepare).getByRole('button', { name: 'Prefill the handover' }));
    expect(await within(prepare).findByText('Name one team at least.')).toBeTruthy();
    expect(server.calls('GET /api/v1/handovers/current')).toHaveLength(1);

    fireEvent.change(within(prepare).getByLabelText('Teams'), { target: { value: 'T3, T4 T3' } });
    fireEvent.click(within(prepare).getByRole('button', { name: 'Prefill the handover' }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    // 16:00 in Shanghai, whatever the browser's own zone; the teams as typed, once each.
    const asked = server.calls('GET /api/v1/handovers/current')[1]!.query;
    expect(Number(asked.get('shiftChangeAt'))).toBe(CHANGE);
    expect(asked.get('teamIds')).toBe('T3,T4');

    await submitTwice(form);
    await screen.findByText('Handover submitted; waiting for Li Qiang to confirm.');
    expect(server.calls('POST /api/v1/handovers')[0]!.body).toMatchObject({ shiftChangeAt: CHANGE, teamIds: ['T3', 'T4'] });
  });

  it('is told when the server refuses the teams, in the reader\'s language', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    server.on('GET /api/v1/handovers/current', (req) => (req.query.has('shiftChangeAt')
      ? { status: 400, body: { error: 'invalid teamIds: too long', code: 'invalidField', params: { field: 'teamIds', detail: 'too long' }, field: 'teamIds' } }
      : { body: { toConfirm: [] } }));
    render(createElement(HandoverPage, { me: me('supervisor') }));
    const prepare = await screen.findByRole('form', { name: '为班组准备交接' });
    fireEvent.change(within(prepare).getByLabelText('交接时间'), { target: { value: '16:00' } });
    fireEvent.change(within(prepare).getByLabelText('班组'), { target: { value: 'T1' } });
    fireEvent.click(within(prepare).getByRole('button', { name: '预填交接记录' }));
    expect(await within(prepare).findByText('“teamIds”填写有误：too long')).toBeTruthy();
  });

  it('is not offered to a lead, whose handovers follow the roster', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('lead') }));
    await screen.findByText('You have no handover to submit now.');
    expect(screen.queryByRole('form', { name: 'Prepare a handover for teams' })).toBeNull();
  });
});

describe('the readers', () => {
  it('shows a manager the pending handovers to read, with nothing to confirm', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [handover({ status: 'submitted' })] } });
    render(createElement(HandoverPage, { me: me('manager') }));
    await screen.findByRole('article', { name: 'Handover of 2026-11-28 16:00' });
    expect(screen.queryByRole('button', { name: 'Confirm handover' })).toBeNull();
  });

  it('shows an administrator the history only', async () => {
    render(createElement(HandoverPage, { me: me('admin') }));
    await screen.findByText('No handovers match.');
    expect(server.calls('GET /api/v1/handovers/current')).toHaveLength(0);
    expect(screen.queryByText('Waiting for my confirmation')).toBeNull();
  });
});

describe('the history', () => {
  it('searches by text, team, status and the centre\'s days, and lists what it found', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [] } });
    const past = handover({ id: 'h0', status: 'confirmed', confirmedBy: 'lead.li', fields: { ...handover().fields, importantEvents: 'Complaint from a VIP customer' } });
    server.on('GET /api/v1/handovers', (req) => ({ body: req.query.get('q') === 'VIP' ? [past] : [] }));
    render(createElement(HandoverPage, { me: me('supervisor') }));
    await screen.findByText('No handovers match.');
    const search = screen.getByRole('search', { name: 'Search the handovers' });
    fireEvent.change(within(search).getByLabelText('Text'), { target: { value: 'VIP' } });
    fireEvent.change(within(search).getByLabelText('Team'), { target: { value: 'T1' } });
    fireEvent.change(within(search).getByLabelText('From'), { target: { value: '2026-11-27' } });
    fireEvent.change(within(search).getByLabelText('To'), { target: { value: '2026-11-28' } });
    fireEvent.change(within(search).getByLabelText('Status'), { target: { value: 'confirmed' } });
    fireEvent.click(within(search).getByRole('button', { name: 'Search' }));

    const row = await screen.findByRole('row', { name: /2026-11-28 16:00/ });
    expect(row.textContent).toMatch(/T1, T2.*Wang Fang.*Li Qiang.*Confirmed.*Complaint from a VIP customer/);
    expect(row.textContent).not.toContain('lead.');
    expect(within(row).getByRole('link', { name: '2026-11-28 16:00' }).getAttribute('href')).toBe('/handover?id=h0');
    const query = server.calls('GET /api/v1/handovers').at(-1)!.query;
    expect(Object.fromEntries(query)).toEqual({
      q: 'VIP', teamId: 'T1', status: 'confirmed',
      from: String(ms('2026-11-27T00:00:00+08:00')), to: String(ms('2026-11-29T00:00:00+08:00')),
    });
  });

  it('opens one handover on its own page and prints it, naming the part to print', async () => {
    history.replaceState(null, '', '/handover?id=h0');
    server.on('GET /api/v1/handovers/h0', { body: handover({ id: 'h0', status: 'confirmed', confirmedAt: CHANGE + 60_000, confirmedBy: 'lead.li', transferredAlerts: ['a-warn'] }) });
    let printing: string | undefined;
    const print = vi.spyOn(window, 'print').mockImplementation(() => { printing = document.documentElement.dataset.print; });
    render(createElement(HandoverPage, { me: me('manager') }));
    const article = await screen.findByRole('article');
    expect(within(article).getByText('lead.li, 2026-11-28 16:01')).toBeTruthy();
    expect(within(article).getByText('Alerts passed to the incoming team').nextElementSibling?.textContent).toBe('1');
    expect(server.calls('GET /api/v1/handovers/current')).toHaveLength(0);
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(printing).toBe('handover');
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.dataset.print).toBeUndefined();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Back to the handovers' }).getAttribute('href')).toBe('/handover'));
  });
});
