// @vitest-environment jsdom
/**
 * The agent panel's errors follow a change of language, as the other forms' do
 * (i18n/error-text.ts): the leave approval (floor/LeaveApproval.tsx) and the panel's own
 * load (floor/AgentPanel.tsx) kept the sentence of the moment of the failure
 * (`messageOf(err)`), so after a switch the error stayed in the old language.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentPanel } from '../../../client/src/floor/AgentPanel.js';
import { LeaveApproval } from '../../../client/src/floor/LeaveApproval.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';
import { agent, snapshot } from './floor-fixtures.js';

let server: FakeFetch;
beforeEach(() => {
  useLocale.getState().setLocale('en');
  useSessionStore.setState({ state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'lead', role: 'lead', teams: ['T1'], mustChangePassword: false } } });
  useFloorView.setState({ selectedAgentId: null });
  useFloorStore.getState().reset();
  vi.stubGlobal('CSS', { escape: (s: string) => s });
  server = installFakeFetch();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function refuseApproval(): Promise<HTMLElement> {
  render(h(LeaveApproval, { agentId: '1001', teamId: 'T1' }));
  fireEvent.click(screen.getByRole('button', { name: 'Approve leaving' }));
  fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
  return screen.findByRole('alert');
}

describe('the leave approval\'s refusal', () => {
  it('is said again in Chinese after a switch, by the refusal\'s code', async () => {
    server.on('POST /api/v1/agents/1001/leave-approval', { status: 409, body: { ok: false, error: 'that is not one of your teams', code: 'notYourTeam' } });
    const error = await refuseApproval();
    expect(error.textContent).toBe(translate('en', 'problem.notYourTeam'));
    act(() => useLocale.getState().setLocale('zh-CN'));
    expect(screen.getByRole('alert').textContent).toBe('这不是您负责的班组。');
    act(() => useLocale.getState().setLocale('en'));
    expect(screen.getByRole('alert').textContent).toBe(translate('en', 'problem.notYourTeam'));
  });

  it('follows the language when the server could not be reached at all', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const error = await refuseApproval();
    expect(error.textContent).toBe(translate('en', 'problem.client.unreachable'));
    act(() => useLocale.getState().setLocale('zh-CN'));
    expect(screen.getByRole('alert').textContent).toBe('无法连接 Floorwatch 服务器。请检查网络，然后重试。');
  });
});

describe('the agent panel\'s failed load', () => {
  it('is said again in the new language', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    useFloorStore.getState().applySnapshot(snapshot({ agents: [agent('1001', { teamId: 'T2' })] }));
    useFloorView.setState({ selectedAgentId: '1001' });
    render(h(AgentPanel));
    const dialog = within(screen.getByRole('dialog'));
    expect((await dialog.findByRole('alert')).textContent).toBe(`Could not load: ${translate('en', 'problem.client.unreachable')}`);
    act(() => useLocale.getState().setLocale('zh-CN'));
    expect(dialog.getByRole('alert').textContent).toBe('无法加载：无法连接 Floorwatch 服务器。请检查网络，然后重试。');
  });
});
