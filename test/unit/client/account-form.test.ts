// @vitest-environment jsdom
/**
 * The account form: a shift lead must have at least one team (checked before the server
 * is asked), the field only appears for a lead, and what is sent is what was typed.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountForm } from '../../../client/src/admin/AccountForm.js';
import { checkAccount, parseTeams, type AccountValues } from '../../../client/src/admin/account-input.js';
import { ApiError } from '../../../client/src/api.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

const t = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);

describe('account input rules', () => {
  it('splits teams on commas (also Chinese ones), trims, drops repeats', () => {
    expect(parseTeams(' t1, t2，t3、t1 ,, ')).toEqual(['t1', 't2', 't3']);
  });

  it('requires a team for a shift lead only', () => {
    const lead: AccountValues = { username: 'lin.wu', name: 'Lin Wu', role: 'lead', teams: ' , ' };
    expect(checkAccount(lead, t, { creating: true }).teams).toMatch(/shift lead needs at least one team/);
    expect(checkAccount({ ...lead, teams: 't1' }, t, { creating: true })).toEqual({});
    expect(checkAccount({ ...lead, role: 'supervisor' }, t, { creating: true })).toEqual({});
    expect(checkAccount({ ...lead, username: 'x' }, t, { creating: true }).username).toBeDefined();
    // Editing: the username is not asked for.
    expect(checkAccount({ ...lead, username: '', teams: 't1' }, t, { creating: false })).toEqual({});
  });
});

describe('AccountForm', () => {
  beforeEach(() => useLocale.setState({ locale: 'en' }));
  afterEach(cleanup);

  function fill(label: string, value: string) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }

  it('refuses a shift lead without teams, naming the field, and does not call the server', async () => {
    const submit = vi.fn(async () => {});
    render(createElement(AccountForm, { submit }));
    expect(screen.queryByLabelText('Teams')).toBeNull();

    fill('Username', 'lin.wu');
    fill('Name', 'Lin Wu');
    fill('Role', 'lead');
    const teams = screen.getByLabelText('Teams');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));

    const error = await screen.findByText(/A shift lead needs at least one team/);
    expect(submit).not.toHaveBeenCalled();
    expect(teams.getAttribute('aria-invalid')).toBe('true');
    expect(teams.getAttribute('aria-describedby')).toContain(error.id);
    expect(document.activeElement).toBe(teams);

    fill('Teams', 't1, t2');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await vi.waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    expect(submit).toHaveBeenCalledWith({ username: 'lin.wu', name: 'Lin Wu', role: 'lead', teams: 't1, t2' });
  });

  it('shows the server\'s refusal under the field it names', async () => {
    const submit = vi.fn(async () => {
      throw new ApiError(409, 'That username is taken.', 'username');
    });
    render(createElement(AccountForm, { submit }));
    fill('Username', 'admin');
    fill('Name', 'Someone');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('That username is taken.');
    expect(screen.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Chinese by default', () => {
    useLocale.setState({ locale: 'zh-CN' });
    render(createElement(AccountForm, { submit: async () => {} }));
    expect(screen.getByRole('button', { name: '创建账号' })).toBeTruthy();
    expect(screen.getByLabelText('用户名')).toBeTruthy();
  });
});
