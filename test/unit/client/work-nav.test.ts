// @vitest-environment jsdom
/**
 * Who is offered which page: the header's links by role, the answer a role gets at a
 * page that is not for it, and the alert desk naming an alert's owner after a handover
 * (article 82).
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import { AlertCard } from '../../../client/src/alerts/AlertCard.js';
import { SiteNav } from '../../../client/src/components/SiteNav.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { SessionGate } from '../../../client/src/session/SessionGate.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { installFakeFetch } from './fake-fetch.js';
import { alert } from './floor-fixtures.js';

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: role === 'lead' ? ['T1'] : [], mustChangePassword: false };
}

beforeEach(() => useLocale.setState({ locale: 'en' }));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the header\'s pages by role', () => {
  const links = (role: Me['role']) => {
    render(h(SiteNav, { me: me(role) }));
    const names = within(screen.getByRole('navigation')).getAllByRole('link').map((a) => `${a.textContent} ${a.getAttribute('href')}`);
    cleanup();
    return names;
  };

  it('gives each role the pages the server lets it use', () => {
    expect(links('lead')).toEqual(['Floor /', 'Alerts /alerts', 'Schedule /schedule', 'Handover /handover', 'Points /points']);
    expect(links('supervisor')).toEqual(['Floor /', 'Alerts /alerts', 'Schedule /schedule', 'Handover /handover', 'Points /points']);
    expect(links('manager')).toEqual(['Floor /', 'Alerts /alerts', 'Schedule /schedule', 'Handover /handover', 'Points /points']);
    expect(links('admin')).toEqual(['Floor /', 'Alerts /alerts', 'Schedule /schedule', 'Handover /handover', 'Points /points', 'Admin /admin/accounts']);
  });

  it('tells a TV display at a work page that it is not for its role', () => {
    useSessionStore.setState({ state: { kind: 'signed-in', me: { ...me('display'), kind: 'device' } }, load: async () => {} });
    render(h(SessionGate, { path: '/points' }));
    expect(screen.getByText('Not for your role')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the floor' }).getAttribute('href')).toBe('/');
  });
});

describe('an alert on the desk after a handover', () => {
  it('names whose problem it now is', () => {
    useSessionStore.setState({ state: { kind: 'signed-in', me: me('lead') } });
    const owned = alert('a1', { teamId: 'T1', owner: { account: 'lead.li', teamIds: ['T1', 'T2'], since: 0, handoverId: 'h1' } });
    render(h(AlertCard, { alert: owned, onDone: () => {} }));
    expect(screen.getByText('Owner since the handover: lead.li (teams T1, T2)')).toBeTruthy();
    expect(screen.getByRole('article').id).toBe('alert-a1');
    cleanup();
    render(h(AlertCard, { alert: alert('a2'), onDone: () => {} }));
    expect(screen.queryByText(/Owner since the handover/)).toBeNull();
  });
});

describe('a no-leaving-post alert on the desk', () => {
  const leftPost = alert('a3', {
    rule: 'no-leaving-post', article: '79', agentId: '1001', teamId: 'T1', subject: { kind: 'agent', id: '1001' },
    title: 'Agent 1001 logged out at shift end before the relief arrived',
  });

  it('offers the lead the article 79 approval, and tells the desk once it is given', async () => {
    useSessionStore.setState({ state: { kind: 'signed-in', me: me('lead') } });
    const server = installFakeFetch({ 'POST /api/v1/agents/1001/leave-approval': { body: { ok: true, value: { agentId: '1001', resolvedAlertId: 'a3' } } } });
    const onDone = vi.fn();
    render(h(AlertCard, { alert: leftPost, onDone }));
    fireEvent.click(screen.getByRole('button', { name: 'Approve leaving' }));
    fireEvent.change(screen.getByLabelText('Note (optional)'), { target: { value: 'Relief called in sick' } });
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({ key: 'leave.done', vars: { agent: '1001' } }));
    expect(translate('en', 'leave.done', { agent: '1001' })).toBe('1001 may leave: the approval is recorded.');
    expect(server.calls('POST /api/v1/agents/1001/leave-approval')[0].body).toEqual({ note: 'Relief called in sick' });
  });

  it('offers it on no other rule, and not to a manager', () => {
    useSessionStore.setState({ state: { kind: 'signed-in', me: me('lead') } });
    render(h(AlertCard, { alert: alert('a4', { agentId: '1001' }), onDone: () => {} }));
    expect(screen.queryByRole('button', { name: 'Approve leaving' })).toBeNull();
    cleanup();
    useSessionStore.setState({ state: { kind: 'signed-in', me: me('manager') } });
    render(h(AlertCard, { alert: leftPost, onDone: () => {} }));
    expect(screen.queryByRole('button', { name: 'Approve leaving' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
  });
});
