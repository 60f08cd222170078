// @vitest-environment jsdom
/**
 * The floor page's address scope (`/?teams=`): a team the floor does not know is named in a
 * line above the board with the way to the floor the person may see (floor/ScopeNotice.tsx,
 * the TV's check), and a `?teams=` that names no team at all is a bad address, sent to the
 * server as an empty list (refused there), never taken for the whole floor (routes.ts).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { LinkRefusal } from '../../../client/src/connection.js';
import { agent, floorFigures, snapshot } from './floor-fixtures.js';

const link = vi.hoisted(() => ({
  refuse: undefined as undefined | ((reason: string, problem?: LinkRefusal) => void),
  teams: [] as Array<string[] | undefined>,
}));

vi.mock('../../../client/src/use-floor-link.js', () => ({
  useFloorLink: (_credentials: unknown, onRefused: (reason: string, problem?: LinkRefusal) => void, teams?: string[]) => {
    link.refuse = onRefused;
    link.teams.push(teams);
  },
}));
// The charts (recharts) are not what is under test.
vi.mock('../../../client/src/floor/FloorCharts.js', () => ({ FloorCharts: () => null }));

const { FloorPage } = await import('../../../client/src/pages/FloorPage.js');
const { parseScopeTeams } = await import('../../../client/src/routes.js');
const { useSessionStore } = await import('../../../client/src/session/session-store.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const supervisor: Me = { kind: 'user', id: 'u-sup', name: 'Sup', role: 'supervisor', teams: [], mustChangePassword: false };
const lead: Me = { kind: 'user', id: 'u-lead', name: 'Lead', role: 'lead', teams: ['t1'], mustChangePassword: false };

/** A busy floor (58 agents on), as a screen scoped to `teams` receives it: only those teams' agents. */
function feedScoped(teams: readonly string[]): void {
  const agents = [agent('1001', { teamId: 't1' }), agent('1002', { teamId: 't2' })].filter((a) => teams.includes(a.teamId!));
  act(() => useFloorStore.getState().applySnapshot(snapshot({
    agents, floor: floorFigures({ agentsByState: { logged_out: 2, available: 30, ringing: 0, talking: 28, on_hold: 0, after_call_work: 0, not_ready: 0 } }),
  })));
}

function open(me: Me, address: string) {
  history.replaceState(null, '', address);
  render(h(FloorPage, { me }));
}

const notice = () => document.querySelector('.floor-scope-notice');

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  useSessionStore.setState({ state: { kind: 'signed-in', me: supervisor }, load: async () => {} });
  useFloorStore.getState().reset();
  link.teams = [];
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  link.refuse = undefined;
  history.replaceState(null, '', '/');
});

describe('parseScopeTeams: the address\'s ?teams=', () => {
  it('is undefined (the whole view) only when the address has no teams', () => {
    expect(parseScopeTeams(null)).toBeUndefined();
    expect(parseScopeTeams(' A, ,B ,')).toEqual(['A', 'B']);
  });

  it('is an empty list, not the whole view, when it names no team', () => {
    expect(parseScopeTeams('')).toEqual([]);
    expect(parseScopeTeams(',,')).toEqual([]);
    expect(parseScopeTeams(' , ')).toEqual([]);
  });
});

describe('the floor page over a team the floor does not know', () => {
  it('says so above the board, with the way to the whole floor', () => {
    open(supervisor, '/?teams=nope');
    feedScoped(['nope']);
    expect(notice()?.textContent).toContain('No team called nope on this floor (no agent, no shift today) — no agents or alerts to show.');
    const back = screen.getByRole('link', { name: 'Show all teams' });
    expect(back.getAttribute('href')).toBe('/');

    // Followed: the address has no scope any more, and the line goes.
    fireEvent.click(back);
    expect(location.pathname + location.search).toBe('/');
    expect(link.teams.at(-1)).toBeUndefined();
    expect(notice()).toBeNull();
  });

  it('names the unknown ones among known teams, showing the others', () => {
    open(supervisor, '/?teams=t1,nope,nope');
    feedScoped(['t1']);
    expect(notice()?.textContent).toContain("Not on this floor (no agent, no shift today): nope — showing the address's other teams only.");
    expect(screen.getByRole('link', { name: 'Show all teams' })).toBeTruthy();
  });

  it('names several teams in one sentence, and offers a lead their own teams', () => {
    useSessionStore.setState({ state: { kind: 'signed-in', me: lead }, load: async () => {} });
    open(lead, '/?teams=x1,x2');
    feedScoped([]);
    expect(notice()?.textContent).toContain('None of these teams is on this floor (no agent, no shift today): x1, x2');
    expect(screen.getByRole('link', { name: 'Show my teams' }).getAttribute('href')).toBe('/');
  });

  it('says it in Chinese too', () => {
    useLocale.setState({ locale: 'zh-CN' });
    open(supervisor, '/?teams=nope');
    feedScoped(['nope']);
    expect(notice()?.textContent).toContain('现场没有名为 nope 的班组');
    expect(screen.getByRole('link', { name: '显示全部班组' })).toBeTruthy();
  });

  it('says nothing for known teams, the whole floor, or before there is a floor to judge by', () => {
    open(supervisor, '/?teams=t1');
    expect(notice()).toBeNull(); // no snapshot yet
    feedScoped(['t1']);
    expect(notice()).toBeNull();
    cleanup();

    open(supervisor, '/');
    feedScoped(['t1', 't2']);
    expect(notice()).toBeNull();
  });
});

describe('the floor page over a ?teams= that names no team', () => {
  it('asks the server for no team (not the whole floor), and shows its refusal as a bad address', async () => {
    open(supervisor, '/?teams=,,');
    expect(link.teams.at(-1)).toEqual([]);
    await act(async () => link.refuse!('teams: list at least one team, or leave teams out for the whole view', {
      code: 'invalidField', params: { field: 'teams', detail: 'list at least one team, or leave teams out for the whole view' },
    }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe("Check the address's teams");
    expect(screen.getByRole('link', { name: 'Show the whole floor' }).getAttribute('href')).toBe('/');
  });
});
