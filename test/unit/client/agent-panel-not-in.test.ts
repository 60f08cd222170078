// @vitest-environment jsdom
/**
 * The agent panel (floor/AgentPanel.tsx) for whoever a tile is: "准许离岗（第七十九条）" sat at
 * the top of every panel, mid-call and mid-shift, the easiest button to press by mistake;
 * it is now below the agent's state, figures and day, and offered only to an agent at a
 * seat, never to one the plan has on shift who never came in. Such an agent's panel says
 * who they are (the plan's name) and that they are not in, and asks the floor for no day
 * it does not have. Average handle time is m:ss like every other duration.
 */
import { cleanup, render, screen, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamAdherenceView } from '../../../shared/wallboard.js';
import { AgentPanel } from '../../../client/src/floor/AgentPanel.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';
import { agent, snapshot, T0 } from './floor-fixtures.js';

const TEAM: TeamAdherenceView = {
  teamId: 'team-03', scheduledNow: 11, outOfAdherence: 2, percent: 81,
  notIn: [
    { agentId: '1027', name: '赵敏', scheduled: 'working', since: T0 - 11 * 60_000 },
    { agentId: '1040', name: '计划里的名字', scheduled: 'working', since: T0 - 60_000 },
  ],
};

let server: FakeFetch;
beforeEach(() => {
  useLocale.getState().setLocale('zh-CN');
  // A supervisor may approve leaving for anyone: whatever is not offered is not offered to them either.
  useSessionStore.setState({ state: { kind: 'signed-in', me: { kind: 'user', id: 'u-sup', name: 'sup', role: 'supervisor', teams: [], mustChangePassword: false } } });
  useFloorView.setState({ selectedAgentId: null });
  useFloorStore.getState().reset();
  vi.stubGlobal('CSS', { escape: (s: string) => s });
  server = installFakeFetch({
    'GET /api/v1/agents/1021/day': { body: { agentId: '1021', day: '2026-11-28', timeline: [], compliance: { greeting: { passed: 3, failed: 0 } } } },
    'GET /api/v1/agents/1040/day': { body: { agentId: '1040', day: '2026-11-28', timeline: [], compliance: {} } },
    'GET /api/v1/alerts': { body: [] },
  });
  useFloorStore.getState().applySnapshot(snapshot({
    agents: [
      agent('1021', { name: '王芳', teamId: 'team-03', state: 'talking', callSince: T0, handledToday: 4, ahtSeconds: 122.4 }),
      // Logged in this morning, gone since: the floor knows them, the plan has them on shift.
      agent('1040', { name: '孙丽', teamId: 'team-03', state: 'logged_out', handledToday: 2, ahtSeconds: 95 }),
    ],
    adherence: [TEAM],
  }));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(agentId: string) {
  useFloorView.setState({ selectedAgentId: agentId });
  render(h(AgentPanel));
  return screen.getByRole('dialog');
}

describe('the agent panel', () => {
  it('puts the leave approval last, below the agent\'s state, figures and day, and writes AHT as m:ss', async () => {
    const dialog = open('1021');
    await within(dialog).findByText('各规则合规');
    const approve = within(dialog).getByRole('button', { name: '准许离岗' });
    const sections = [...dialog.children];
    const at = (el: Element) => sections.findIndex((s) => s === el || s.contains(el));
    const facts = dialog.querySelector('.agent-day-facts')!;
    const compliance = within(dialog).getByText('各规则合规');
    expect(at(facts)).toBeLessThan(at(approve));
    expect(at(compliance)).toBeLessThan(at(approve));
    expect(at(approve)).toBe(sections.length - 1);
    expect(within(dialog).getByText('平均处理时长').nextElementSibling?.textContent).toBe('2:02');
  });

  it('says who an agent who never logged in is and that they are not in, offers no leave, asks for no day', async () => {
    const dialog = open('1027');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('坐席 1027 赵敏');
    expect(within(dialog).getByText('当前状态').nextElementSibling?.textContent).toBe('◌ 未到岗');
    expect(within(dialog).getByText('班组').nextElementSibling?.textContent).toBe('team-03');
    expect(within(dialog).getByText('排班：在岗').nextElementSibling?.textContent).toBe('◷ 自 08:49:00 起未到岗');
    await within(dialog).findByText('今天还没有状态记录。');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(server.calls('GET /api/v1/agents/1027/day')).toHaveLength(0);
    expect(server.calls('GET /api/v1/alerts')[0].query.get('agentId')).toBe('1027');
    expect(within(dialog).queryByRole('button', { name: '准许离岗' })).toBeNull();
    expect(dialog.textContent).not.toContain('第七十九条');
  });

  it('offers no leave to an agent who has logged out, and names them as the floor does', async () => {
    const dialog = open('1040');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('坐席 1040 孙丽');
    await within(dialog).findByText('今天还没有状态记录。');
    expect(within(dialog).getByText('平均处理时长').nextElementSibling?.textContent).toBe('1:35');
    expect(within(dialog).queryByRole('button', { name: '准许离岗' })).toBeNull();
  });
});
