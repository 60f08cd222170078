// @vitest-environment jsdom
/**
 * An error already on the page follows a switch of language, as the confirmations do. A
 * UI review found them stuck in the language of the moment they were shown: a wrong
 * password still "用户名或密码错误。" after switching to English on /sign-in; on /schedule
 * "请先选择要上传的文件。" and the shift form's "请输入坐席工号。" (the other way, its
 * "Cannot read “25:00-26:00 meal”…" stayed English in Chinese); on /points the manual
 * entry's "请说明原因。"; and the server's words, or the page's own when the server could
 * not be reached. Each is kept as what to say (a message key, or the server's refusal with
 * its code) and said at each render (client/src/i18n/error-text.ts).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { ScheduleView } from '../../../shared/schedule.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { PointsPage } from '../../../client/src/pages/PointsPage.js';
import { SchedulePage } from '../../../client/src/pages/SchedulePage.js';
import { SignInPage } from '../../../client/src/pages/SignInPage.js';
import { ManualEntryForm } from '../../../client/src/points/ManualEntryForm.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const zh = (key: string) => translate('zh-CN', key);
const switchTo = (locale: 'en' | 'zh-CN') => act(() => useLocale.getState().setLocale(locale));

const TZ = 'Asia/Shanghai';
const DAY = Date.parse('2026-11-28T00:00:00+08:00');
const PLAN: ScheduleView = { from: DAY, to: DAY + 86_400_000, timezone: TZ, shifts: [], leads: [] };

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: [], mustChangePassword: false };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  localStorage.clear();
  forgetCentreZone();
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: TZ } },
    'GET /api/v1/schedule': { body: PLAN },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('on /sign-in', () => {
  it('says a wrong password in English once the reader switches to English', async () => {
    server.on('POST /api/v1/session', { status: 401, body: { error: 'wrong username or password', code: 'wrongCredentials' } });
    render(createElement(SignInPage, {}));
    fireEvent.change(screen.getByLabelText(zh('signIn.username')), { target: { value: 'lead.wang' } });
    fireEvent.change(screen.getByLabelText(zh('signIn.password')), { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByRole('button', { name: zh('signIn.submit') }));
    expect((await screen.findByRole('alert')).textContent).toBe('用户名或密码错误。');
    switchTo('en');
    expect(screen.getByRole('alert').textContent).toBe('Wrong username or password.');
  });

  it('says the page\'s own words (nothing typed) and an unreachable server in the language of the moment', async () => {
    render(createElement(SignInPage, {}));
    fireEvent.click(screen.getByRole('button', { name: zh('signIn.submit') }));
    expect(screen.getByRole('alert').textContent).toBe('请输入用户名和密码。');
    switchTo('en');
    expect(screen.getByRole('alert').textContent).toBe('Enter your username and your password.');

    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'lead.wang' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'a-password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByText(/Cannot reach the Floorwatch server/)).textContent).toBe('Cannot reach the Floorwatch server. Check the network; trying again may help.');
    switchTo('zh-CN');
    expect(screen.getByRole('alert').textContent).toBe('无法连接 Floorwatch 服务器。请检查网络，然后重试。');
  });
});

describe('on /schedule', () => {
  const form = () => screen.getByRole('form', { name: useLocale.getState().locale === 'en' ? 'Add a shift' : zh('schedule.addShift') });

  it('says "choose the file first" in English after a switch', async () => {
    render(createElement(SchedulePage, { me: me('supervisor') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('schedule.import.submit') }));
    expect(screen.getByText('请先选择要上传的文件。')).toBeTruthy();
    switchTo('en');
    expect(screen.getByText('Choose the file to upload first.')).toBeTruthy();
    expect(screen.queryByText('请先选择要上传的文件。')).toBeNull();
  });

  it('says the shift form\'s own checks in the language of the moment, both ways', async () => {
    render(createElement(SchedulePage, { me: me('supervisor') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('schedule.addShift') }));
    fireEvent.click(within(form()).getByRole('button', { name: zh('schedule.saveShift') }));
    expect(within(form()).getByText('请输入坐席工号。')).toBeTruthy();
    switchTo('en');
    expect(within(form()).getByText('Enter the agent number.')).toBeTruthy();

    fireEvent.change(within(form()).getByLabelText('Agent'), { target: { value: '1004' } });
    fireEvent.change(within(form()).getByLabelText('Breaks and meals'), { target: { value: '25:00-26:00 meal' } });
    fireEvent.click(within(form()).getByRole('button', { name: 'Save shift' }));
    expect(within(form()).getByText('Cannot read “25:00-26:00 meal”: write it as 10:00-10:15 break.')).toBeTruthy();
    switchTo('zh-CN');
    expect(within(form()).getByText('无法识别“25:00-26:00 meal”：请写成 10:00-10:15 break。')).toBeTruthy();
    expect(server.sent.filter((r) => r.method === 'PUT')).toHaveLength(0);
  });

  it('says the server\'s refusal of a field by its code, its schema\'s words in Chinese too, and follows a switch', async () => {
    server.on(`PUT /api/v1/schedule/shifts/1004@${Date.parse('2026-11-28T08:00:00+08:00')}`, {
      status: 400, body: { error: 'invalid stationId: at most 200 characters', code: 'invalidField', params: { field: 'stationId', detail: 'at most 200 characters' }, field: 'stationId' },
    });
    render(createElement(SchedulePage, { me: me('supervisor') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('schedule.addShift') }));
    fireEvent.change(within(form()).getByLabelText(zh('schedule.col.agent')), { target: { value: '1004' } });
    fireEvent.click(within(form()).getByRole('button', { name: zh('schedule.saveShift') }));
    // In Chinese: the field by the form's label, the problem in Chinese (no English left).
    expect(await within(form()).findByText('“座席”填写有误：最多 200 个字符。')).toBeTruthy();
    switchTo('en');
    expect(within(form()).getByText('Invalid stationId: at most 200 characters.')).toBeTruthy();
    expect(within(form()).getByLabelText('Station').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('on /points', () => {
  it('says the manual entry\'s "say why" in English after a switch', () => {
    render(createElement(ManualEntryForm, { agentId: '1001', tz: TZ, agents: ['1001'], onAdded: () => {} }));
    fireEvent.click(screen.getByRole('button', { name: zh('points.entry.submit') }));
    expect(screen.getByText('请说明原因。')).toBeTruthy();
    switchTo('en');
    expect(screen.getByText('Say why.')).toBeTruthy();
    expect(screen.queryByText('请说明原因。')).toBeNull();
  });

  it('says a server that cannot be reached in the language of the moment', async () => {
    const inner = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (String(input).startsWith('/api/v1/points/leaderboard')) throw new TypeError('Failed to fetch');
      return inner(input, init);
    });
    render(createElement(PointsPage, { me: me('manager') }));
    expect(await screen.findByText('无法连接 Floorwatch 服务器。请检查网络，然后重试。')).toBeTruthy();
    switchTo('en');
    expect(screen.getByText('Cannot reach the Floorwatch server. Check the network; trying again may help.')).toBeTruthy();
  });

  it('says a refusal by its code in the language of the moment', async () => {
    server.on('GET /api/v1/points/leaderboard', { status: 403, body: { error: 'not allowed for the lead role', code: 'roleNotAllowed', params: { role: 'lead' } } });
    render(createElement(PointsPage, { me: me('manager') }));
    expect(await screen.findByText('您的角色无权执行此操作。')).toBeTruthy();
    switchTo('en');
    expect(screen.getByText('Not allowed for the lead role.')).toBeTruthy();
  });
});
