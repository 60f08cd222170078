// @vitest-environment jsdom
/**
 * /admin/accounts and the admin tables, after a UI review:
 * - creating a second account replaced the first one's one-time password ("shown once")
 *   without a word: each new password now stays, in a list, until it is dismissed;
 * - the tables could first write times in the browser's zone (UTC) and later in the
 *   floor's (Asia/Shanghai): they are written in the floor's only, and the page says which
 *   zone when it is not the browser's;
 * - an error already shown follows a switch of language.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AccountView, Me } from '../../../shared/access.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { AdminAccountsPage } from '../../../client/src/pages/AdminAccountsPage.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch, type SentRequest } from './fake-fetch.js';

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
const switchTo = (locale: 'en' | 'zh-CN') => act(() => useLocale.getState().setLocale(locale));
const ADMIN: Me = { kind: 'user', id: 'u-admin', name: 'Administrator', role: 'admin', teams: [], mustChangePassword: false };
/** 08:00 on 30 November in Shanghai: 00:00 in UTC, the browser's zone here. */
const SIGNED_IN = Date.parse('2026-11-30T00:00:00Z');
const ADMIN_ACCOUNT: AccountView = {
  id: 'u-admin', username: 'admin', name: 'Administrator', role: 'admin', teams: [], disabled: false, mustChangePassword: false,
  passwordChangedAt: SIGNED_IN - 86_400_000, createdAt: SIGNED_IN - 86_400_000, lastSignInAt: SIGNED_IN,
};

function created(req: SentRequest, n: number): { status: number; body: unknown } {
  const body = req.body as { username: string; name: string; role: AccountView['role']; teams: string[] };
  return {
    status: 201,
    body: {
      account: { ...ADMIN_ACCOUNT, id: `u-${n}`, username: body.username, name: body.name, role: body.role, teams: body.teams, mustChangePassword: true, lastSignInAt: undefined },
      oneTimePassword: `otp-${body.username}`,
    },
  };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  localStorage.clear();
  forgetCentreZone();
  let n = 0;
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/accounts': { body: [ADMIN_ACCOUNT] },
    'POST /api/v1/accounts': (req) => created(req, ++n),
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function createAccount(username: string, name: string) {
  const form = screen.getByRole('form', { name: useLocale.getState().locale === 'en' ? 'Create an account' : zh('admin.accounts.create') });
  fireEvent.change(within(form).getByLabelText(useLocale.getState().locale === 'en' ? 'Username' : zh('admin.accounts.username')), { target: { value: username } });
  fireEvent.change(within(form).getByLabelText(useLocale.getState().locale === 'en' ? 'Name' : zh('admin.accounts.name')), { target: { value: name } });
  fireEvent.click(within(form).getByRole('button', { name: useLocale.getState().locale === 'en' ? 'Create account' : zh('admin.accounts.createButton') }));
  await screen.findByText(`otp-${username}`);
}

describe('one-time passwords on /admin/accounts', () => {
  it('keeps the first account\'s password on the page when a second account is created, each until dismissed', async () => {
    render(createElement(AdminAccountsPage, { me: ADMIN }));
    await screen.findByRole('row', { name: /admin/ });
    await createAccount('lin.wu', 'Lin Wu');
    await createAccount('zhou.min', 'Zhou Min');

    const panels = () => screen.queryAllByTestId('one-time-secret');
    expect(panels()).toHaveLength(2);
    expect(screen.getByText('otp-lin.wu')).toBeTruthy();
    expect(screen.getByText('otp-zhou.min')).toBeTruthy();
    // Newest first, each named, each with its own "shown once" warning.
    expect(panels().map((p) => within(p).getByRole('heading').textContent)).toEqual(['One-time password for zhou.min', 'One-time password for lin.wu']);
    for (const p of panels()) expect(within(p).getByRole('alert').textContent).toMatch(/Shown once/);

    // Dismissing one leaves the other.
    fireEvent.click(within(panels()[1]).getByRole('button', { name: /I have passed it on/ }));
    expect(panels()).toHaveLength(1);
    expect(screen.queryByText('otp-lin.wu')).toBeNull();
    expect(screen.getByText('otp-zhou.min')).toBeTruthy();

    // What it is follows a switch of language.
    switchTo('zh-CN');
    expect(within(panels()[0]).getByRole('heading').textContent).toBe(zh('admin.accounts.secretLabel', { username: 'zhou.min' }));
  });
});

describe('times on the admin tables', () => {
  it('are never first written in the browser\'s zone: the page waits for the floor\'s, and says which it is', async () => {
    // The server takes its time to say the floor's zone.
    let answerZone = () => {};
    const zoneAsked = new Promise<void>((resolve) => { answerZone = resolve; });
    const inner = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      if (String(input).startsWith('/api/v1/rules')) await zoneAsked;
      return inner(input, init);
    });
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(document.body.textContent ?? ''));
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });

    render(createElement(AdminAccountsPage, { me: ADMIN }));
    await new Promise((r) => setTimeout(r, 50));
    answerZone();
    const row = await screen.findByRole('row', { name: /admin/ });
    observer.disconnect();
    seen.push(document.body.textContent ?? '');

    expect(row.textContent).toContain('Nov 30, 2026, 08:00');
    // Never the browser's (UTC) 00:00 in between.
    expect(seen.some((text) => text.includes('Nov 30, 2026, 00:00'))).toBe(false);
    expect(screen.getByText('Times are centre time (Asia/Shanghai), not this browser\'s time zone.')).toBeTruthy();

    // A floor in the browser's own zone (UTC here): its times, and nothing said about the zone.
    cleanup();
    vi.unstubAllGlobals();
    forgetCentreZone();
    installFakeFetch({ 'GET /api/v1/rules': { body: { timezone: 'UTC' } }, 'GET /api/v1/accounts': { body: [ADMIN_ACCOUNT] } });
    render(createElement(AdminAccountsPage, { me: ADMIN }));
    expect((await screen.findByRole('row', { name: /admin/ })).textContent).toContain('Nov 30, 2026, 00:00');
    expect(screen.queryByText(/centre time/)).toBeNull();
  });
});

describe('errors on /admin/accounts', () => {
  it('follow a switch of language: the form\'s own check and the server\'s refusal', async () => {
    server.on('POST /api/v1/accounts', { status: 409, body: { error: 'not found', code: 'notFound' } });
    useLocale.setState({ locale: 'zh-CN' });
    render(createElement(AdminAccountsPage, { me: ADMIN }));
    const form = await screen.findByRole('form', { name: zh('admin.accounts.create') });
    fireEvent.click(within(form).getByRole('button', { name: zh('admin.accounts.createButton') }));
    expect(within(form).getByText(zh('admin.accounts.error.username'))).toBeTruthy();
    switchTo('en');
    expect(within(form).getByText('Enter a username of 3–64 letters, digits, dots, dashes or underscores.')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('Username'), { target: { value: 'lin.wu' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Lin Wu' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Create account' }));
    await waitFor(() => expect(within(form).getByRole('alert').textContent).toBe('Not found.'));
    switchTo('zh-CN');
    expect(within(form).getByRole('alert').textContent).toBe(zh('problem.notFound'));
  });
});
