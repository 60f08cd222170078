// @vitest-environment jsdom
/**
 * The "Floor today" box (components/FloorTotals.tsx) counts the whole floor for everyone:
 * the server cuts a team-scoped viewer's agents and alerts, never the floor's figures. So a
 * shift lead (whose grid is their teams only) or an address with `?teams=` reads it labelled
 * as the whole floor's; a supervisor on the whole floor sees it as before.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../shared/access.js';
import '../../../client/src/i18n/all.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { FloorTotals, isTeamScoped } from '../../../client/src/components/FloorTotals.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { snapshot } from './floor-fixtures.js';

const supervisor: Me = { kind: 'user', id: 'u-sup', name: 'Sup', role: 'supervisor', teams: [], mustChangePassword: false };
const lead: Me = { kind: 'user', id: 'u-lead', name: 'Lead', role: 'lead', teams: ['t1'], mustChangePassword: false };

function show(me: Me, address = '/') {
  history.replaceState(null, '', address);
  useSessionStore.setState({ state: { kind: 'signed-in', me } });
  useFloorStore.getState().applySnapshot(snapshot());
  render(h(FloorTotals));
  return screen.getByRole('heading', { level: 2 });
}

beforeEach(() => {
  useLocale.getState().setLocale('en');
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

describe('the floor totals for a team-scoped viewer', () => {
  it('are labelled as the whole floor\'s for a shift lead, whose grid shows only their teams', () => {
    expect(show(lead).textContent).toBe('Floor today (whole floor)');
    expect(screen.getByText('Every team on the floor, not only the teams on this page.')).toBeTruthy();
    expect(screen.getByRole('article', { name: 'Floor today (whole floor)' })).toBeTruthy();
  });

  it('say so in Chinese too', () => {
    useLocale.getState().setLocale('zh-CN');
    expect(show(lead).textContent).toBe('今日现场（全现场）');
    expect(screen.getByText('全部班组的数字，不只是本页显示的班组。')).toBeTruthy();
  });

  it('are labelled as the whole floor\'s on an address scoped with ?teams=, whoever looks', () => {
    expect(show(supervisor, '/?teams=t2').textContent).toBe('Floor today (whole floor)');
  });

  it('keep the plain title for a viewer of the whole floor', () => {
    expect(show(supervisor).textContent).toBe('Floor today');
    expect(screen.queryByText(/not only the teams/)).toBeNull();
  });

  it('follow the address when its ?teams= is dropped', () => {
    show(supervisor, '/?teams=t2');
    act(() => {
      history.pushState(null, '', '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Floor today');
  });

  it('isTeamScoped: a lead always, anyone with ?teams=, nobody else', () => {
    expect(isTeamScoped(lead, null)).toBe(true);
    expect(isTeamScoped(supervisor, 't1,t2')).toBe(true);
    expect(isTeamScoped(supervisor, null)).toBe(false);
    expect(isTeamScoped(undefined, null)).toBe(false);
  });
});
