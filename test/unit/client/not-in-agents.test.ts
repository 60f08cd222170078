// @vitest-environment jsdom
/**
 * Agents the plan has on shift now who are not logged in, on the grid: the adherence strip
 * said "team-03 ◷ 2/11 人未按排班" while filtering team-03 or searching "1027" (scheduled,
 * never logged in) said "没有符合筛选条件的坐席". They are muted "未到岗" tiles after the
 * logged-in agents, found by the team filter and search, named by the plan; a TV's cut and
 * an older server send no list, which is nobody missing.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamAdherenceView } from '../../../shared/wallboard.js';
import { AgentGrid } from '../../../client/src/components/AgentGrid.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { agent, delta, snapshot, T0 } from './floor-fixtures.js';

const SHIFT_START = T0 - 4 * 60_000;

const TEAMS: TeamAdherenceView[] = [
  {
    teamId: 'team-03', scheduledNow: 11, outOfAdherence: 2, percent: 81,
    notIn: [
      { agentId: '1027', name: '赵敏', scheduled: 'working', since: SHIFT_START },
      { agentId: '1031', scheduled: 'working', since: SHIFT_START },
    ],
  },
  // A team none of whose agents has logged in yet.
  { teamId: 'team-09', scheduledNow: 1, outOfAdherence: 1, percent: 0, notIn: [{ agentId: '1090', name: '钱进', scheduled: 'working', since: SHIFT_START }] },
];

function floor(adherence: TeamAdherenceView[] = TEAMS) {
  useFloorStore.getState().applySnapshot(snapshot({
    serverTime: T0,
    agents: [
      agent('1021', { name: '王芳', teamId: 'team-03' }),
      agent('1035', { name: '李强', teamId: 'team-03', state: 'talking', callSince: T0, queues: ['cards'] }),
      agent('1002', { name: '陈静', teamId: 'team-01' }),
    ],
    adherence,
  }));
}

const tileIds = () => [...document.querySelectorAll<HTMLElement>('.agent-tile')].map((t) => t.dataset.agent);
const notInIds = () => [...document.querySelectorAll<HTMLElement>('.agent-tile.is-not-in')].map((t) => t.dataset.agent);

beforeEach(() => {
  useLocale.getState().setLocale('zh-CN');
  useFloorView.setState({ selectedAgentId: null, team: '', queue: '', search: '', sort: 'number' });
  useFloorStore.getState().reset();
});
afterEach(cleanup);

describe('agents scheduled now and not logged in', () => {
  it('are muted "未到岗" tiles after the logged-in agents, named by the plan, with how long', () => {
    floor();
    render(h(AgentGrid));
    expect(tileIds()).toEqual(['1002', '1021', '1035', '1027', '1031', '1090']);
    expect(notInIds()).toEqual(['1027', '1031', '1090']);
    const tile = document.querySelector<HTMLElement>('[data-agent="1027"]')!;
    expect(tile.textContent).toMatch(/^1027team-03赵敏◌\u00a0未到岗4:0\d排班：在岗$/);
    expect(tile.getAttribute('aria-label')).toBe('坐席 1027 赵敏：未到岗, 未按排班：应在岗，打开详情');
    expect(tile.className).not.toMatch(/state-/);
    // The heading says how many of the tiles are people missing.
    expect(screen.getByRole('heading', { name: /坐席/ }).textContent).toBe('坐席 3另有 3 人未到岗');

    fireEvent.click(tile);
    expect(useFloorView.getState().selectedAgentId).toBe('1027');
  });

  it('are found by their team and by search, by number or by name', () => {
    floor();
    render(h(AgentGrid));
    act(() => useFloorView.getState().set({ team: 'team-03' }));
    expect(tileIds()).toEqual(['1021', '1035', '1027', '1031']);
    act(() => useFloorView.getState().set({ team: '', search: '1027' }));
    expect(tileIds()).toEqual(['1027']);
    expect(screen.queryByText('没有符合筛选条件的坐席。')).toBeNull();
    act(() => useFloorView.getState().set({ search: '钱' }));
    expect(tileIds()).toEqual(['1090']);
    // Whatever the sort, after the logged-in ones: they have no state, time or alert to sort by.
    act(() => useFloorView.getState().set({ search: '', sort: 'time' }));
    expect(tileIds().slice(-3)).toEqual(['1027', '1031', '1090']);
    // They serve no queue now.
    act(() => useFloorView.getState().set({ queue: 'cards' }));
    expect(tileIds()).toEqual(['1035']);
  });

  it('list in the team filter a team none of whose agents has come in', () => {
    floor();
    render(h(AgentGrid));
    const teams = within(screen.getByRole('search')).getByLabelText('班组');
    expect([...teams.querySelectorAll('option')].map((o) => o.getAttribute('value'))).toEqual(['', 'team-01', 'team-03', 'team-09']);
    fireEvent.change(teams, { target: { value: 'team-09' } });
    expect(tileIds()).toEqual(['1090']);
  });

  it('leave the grid as they log in, and with a list the floor no longer sends', () => {
    floor();
    render(h(AgentGrid));
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, {
        agents: [agent('1027', { name: '赵敏', teamId: 'team-03' })],
        adherence: [{ ...TEAMS[0], outOfAdherence: 1, notIn: [TEAMS[0].notIn![1]] }, TEAMS[1]],
      }));
      useFloorStore.getState().flush();
    });
    expect(tileIds()).toEqual(['1002', '1021', '1027', '1035', '1031', '1090']);
    expect(notInIds()).toEqual(['1031', '1090']);

    // Teams' figures without the list (an older server, or a TV's cut): nobody is shown as missing.
    act(() => {
      useFloorStore.getState().applyDelta(delta(7, { adherence: TEAMS.map(({ notIn: _notIn, ...figures }) => figures) }));
      useFloorStore.getState().flush();
    });
    expect(notInIds()).toEqual([]);
    expect(screen.getByRole('heading', { name: /坐席/ }).textContent).toBe('坐席 4');
  });

  it('are shown even when nobody is logged in yet, rather than "no agents logged in"', () => {
    useFloorStore.getState().applySnapshot(snapshot({ agents: [], adherence: TEAMS }));
    render(h(AgentGrid));
    expect(tileIds()).toEqual(['1027', '1031', '1090']);
    expect(screen.queryByText('没有已登录的坐席。')).toBeNull();
  });
});
