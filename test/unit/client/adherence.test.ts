// @vitest-environment jsdom
/**
 * Schedule adherence on the wallboard: the floor keeps the teams' adherence from the
 * snapshot and each delta that carries it; a tile marks an agent not doing what the plan
 * says (in words, with how long); the team strip shows each team's share and who is off
 * schedule, and filters the grid; the agent panel says it too, and offers the lead of the
 * agent's team (or a supervisor) the article 79 leave approval.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { TeamAdherence } from '../../../shared/schedule.js';
import { AgentTile } from '../../../client/src/components/AgentTile.js';
import { AdherenceStrip } from '../../../client/src/floor/AdherenceStrip.js';
import { AgentPanel } from '../../../client/src/floor/AgentPanel.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { applyDelta, fromSnapshot } from '../../../client/src/store/apply.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';
import { agent, delta, snapshot, T0 } from './floor-fixtures.js';

const TEAMS: TeamAdherence[] = [
  { teamId: 'T2', scheduledNow: 5, outOfAdherence: 0, percent: 98.4 },
  { teamId: 'T1', scheduledNow: 8, outOfAdherence: 2, percent: 87.2 },
];

function signIn(role: Me['role'], teams: string[] = []) {
  useSessionStore.setState({ state: { kind: 'signed-in', me: { kind: 'user', id: `u-${role}`, name: role, role, teams, mustChangePassword: false } } });
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.getState().setLocale('en');
  useFloorView.setState({ selectedAgentId: null, team: '' });
  useFloorStore.getState().reset();
  // jsdom has no CSS.escape; the panel uses it to hand focus back to the tile on closing.
  vi.stubGlobal('CSS', { escape: (s: string) => s });
  server = installFakeFetch({
    'GET /api/v1/agents/1001/day': { body: { agentId: '1001', day: '2026-11-28', timeline: [], compliance: {} } },
    'GET /api/v1/alerts': { body: [] },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the floor data', () => {
  it('keeps the snapshot\'s team adherence, replaces it from a delta that carries it, and keeps it otherwise', () => {
    const data = fromSnapshot(snapshot({ adherence: TEAMS }));
    expect(data.adherence).toEqual(TEAMS);
    const quiet = applyDelta(data, delta(6, { agents: [agent('1001', { state: 'talking' })] })).data!;
    expect(quiet.adherence).toBe(data.adherence);
    const moved = applyDelta(quiet, delta(7, { adherence: [{ teamId: 'T1', scheduledNow: 8, outOfAdherence: 0, percent: 88 }] })).data!;
    expect(moved.adherence).toEqual([{ teamId: 'T1', scheduledNow: 8, outOfAdherence: 0, percent: 88 }]);
    // A server from before schedules sends no adherence at all.
    const { adherence: _none, ...old } = snapshot();
    expect(fromSnapshot(old as ReturnType<typeof snapshot>).adherence).toEqual([]);
  });
});

describe('an agent tile', () => {
  it('marks an agent off schedule with what the plan says and for how long, and nothing otherwise', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      serverTime: T0 + 130_000,
      agents: [
        agent('1001', { state: 'available', adherence: { scheduled: 'meal', inAdherence: false, since: T0 + 10_000, percent: 80 } }),
        agent('1002', { state: 'not_ready', reason: 'meal', adherence: { scheduled: 'meal', inAdherence: true, since: T0, percent: 100 } }),
        agent('1003'),
      ],
    }));
    render(h('ul', null, h(AgentTile, { agentId: '1001' }), h(AgentTile, { agentId: '1002' }), h(AgentTile, { agentId: '1003' })));
    const [off, on, unplanned] = screen.getAllByRole('button');
    expect(off.className).toContain('is-off-schedule');
    expect(off.getAttribute('aria-label')).toBe('Agent 1001 : Available, Off schedule: should be at a meal, open details');
    const marker = off.querySelector('.agent-adherence')!;
    expect(marker.textContent).toMatch(/^◷ plan: meal2:0\d$/);
    expect(marker.getAttribute('title')).toBe('Off schedule: should be at a meal');
    expect(on.className).not.toContain('is-off-schedule');
    expect(on.querySelector('.agent-adherence')).toBeNull();
    expect(unplanned.querySelector('.agent-adherence')).toBeNull();

    // Back in adherence with the next delta: the marker goes.
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { agents: [agent('1001', { state: 'not_ready', reason: 'meal', adherence: { scheduled: 'meal', inAdherence: true, since: T0 + 131_000, percent: 80 } })] }));
      useFloorStore.getState().flush();
    });
    expect(screen.getAllByRole('button')[0].querySelector('.agent-adherence')).toBeNull();
  });
});

describe('the team adherence strip', () => {
  it('shows each team\'s share today and who is off schedule now, and filters the grid by team', () => {
    useFloorStore.getState().applySnapshot(snapshot({ adherence: TEAMS }));
    render(h(AdherenceStrip, { interactive: true }));
    const strip = screen.getByRole('article', { name: 'Schedule adherence' });
    const teams = within(strip).getAllByRole('listitem');
    expect(teams.map((t) => t.textContent)).toEqual(['T187%◷ 2 of 8 off schedule', 'T298%0 of 5 off schedule']);
    expect(teams[0].className).toContain('has-off');
    expect(teams[1].className).not.toContain('has-off');

    fireEvent.click(within(teams[0]).getByRole('button'));
    expect(useFloorView.getState().team).toBe('T1');
    expect(within(teams[0]).getByRole('button').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(within(teams[0]).getByRole('button'));
    expect(useFloorView.getState().team).toBe('');

    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { adherence: [{ teamId: 'T1', scheduledNow: 8, outOfAdherence: 0, percent: 90 }] }));
      useFloorStore.getState().flush();
    });
    expect(within(strip).getAllByRole('listitem').map((t) => t.textContent)).toEqual(['T190%0 of 8 off schedule']);
  });

  it('is left out when no team has a shift today', () => {
    useFloorStore.getState().applySnapshot(snapshot({ adherence: [] }));
    const { container } = render(h(AdherenceStrip));
    expect(container.innerHTML).toBe('');
  });
});

describe('the agent panel', () => {
  function openPanel(teamId = 'T1') {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { name: 'Li Na', teamId, adherence: { scheduled: 'off', inAdherence: false, since: T0, percent: 93.6 } })],
    }));
    useFloorView.setState({ selectedAgentId: '1001' });
    return render(h(AgentPanel));
  }

  it('states the agent\'s adherence', async () => {
    signIn('manager');
    openPanel();
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText('Schedule: off').nextElementSibling?.textContent).toBe('◷ Off schedule · 93% today');
    await within(dialog).findByText('No alerts today.');
    // A manager does not approve leaving (article 79 is the lead's).
    expect(within(dialog).queryByRole('button', { name: 'Approve leaving' })).toBeNull();
  });

  it('lets the lead of the agent\'s team approve leaving, with a note, and says when it is refused', async () => {
    signIn('lead', ['T1']);
    server.on('POST /api/v1/agents/1001/leave-approval', { body: { ok: true, value: { agentId: '1001' } } });
    openPanel();
    const dialog = screen.getByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve leaving' }));
    fireEvent.change(within(dialog).getByLabelText('Note (optional)'), { target: { value: 'Relief stuck in traffic, covered by 1004' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect((await within(dialog).findByText('1001 may leave: the approval is recorded.')).getAttribute('role')).toBe('status');
    expect(server.calls('POST /api/v1/agents/1001/leave-approval')[0].body).toEqual({ note: 'Relief stuck in traffic, covered by 1004' });

    server.on('POST /api/v1/agents/1001/leave-approval', { status: 409, body: { ok: false, error: 'agent 1001 has no shift ending now' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve leaving' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(within(dialog).getByRole('alert').textContent).toBe('Agent 1001 has no shift ending now.'));
    expect(server.calls('POST /api/v1/agents/1001/leave-approval')[1].body).toEqual({});
  });

  it('offers a lead nothing for an agent of another team, and a supervisor the approval for anyone', () => {
    signIn('lead', ['T2']);
    openPanel('T1');
    expect(screen.queryByRole('button', { name: 'Approve leaving' })).toBeNull();
    cleanup();
    signIn('supervisor');
    openPanel('T1');
    expect(screen.getByRole('button', { name: 'Approve leaving' })).toBeTruthy();
  });
});
