// @vitest-environment jsdom
/**
 * The floor page starts with a "skip to alerts" link (pages/FloorPage.tsx): keyboard users
 * had to tab past every agent tile to reach the open alerts. It is the page's first focus
 * stop and moves focus to the alert strip, in the reader's language.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import { agent, alert, snapshot } from './floor-fixtures.js';

vi.mock('../../../client/src/use-floor-link.js', () => ({ useFloorLink: () => {} }));
// The charts (recharts) are not what is under test.
vi.mock('../../../client/src/floor/FloorCharts.js', () => ({ FloorCharts: () => null }));

const { FloorPage } = await import('../../../client/src/pages/FloorPage.js');
const { useSessionStore } = await import('../../../client/src/session/session-store.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const supervisor: Me = { kind: 'user', id: 'u-sup', name: 'Sup', role: 'supervisor', teams: [], mustChangePassword: false };

/** What Tab visits, in document order (no positive tabindex on this page). */
const focusable = () => [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input, select, textarea, [tabindex]')]
  .filter((el) => el.tabIndex >= 0);

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  useSessionStore.setState({ state: { kind: 'signed-in', me: supervisor }, load: async () => {} });
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
});

function openBusyFloor() {
  render(h(FloorPage, { me: supervisor }));
  act(() => useFloorStore.getState().applySnapshot(snapshot({
    agents: Array.from({ length: 12 }, (_, i) => agent(String(1001 + i))),
    alerts: [alert('a1', { agentId: '1001', severity: 'critical' })],
  })));
}

describe('the floor page\'s skip link', () => {
  it('is the first focus stop, before the header and every agent tile', () => {
    openBusyFloor();
    const link = screen.getByRole('link', { name: 'Skip to alerts' });
    const stops = focusable();
    expect(stops[0]).toBe(link);
    expect(stops.filter((el) => el.classList.contains('agent-tile'))).toHaveLength(12);
  });

  it('moves focus to the open alerts, without changing the address', () => {
    openBusyFloor();
    fireEvent.click(screen.getByRole('link', { name: 'Skip to alerts' }));
    const strip = document.activeElement as HTMLElement;
    expect(strip.id).toBe('floor-alerts');
    expect(strip.getAttribute('aria-labelledby')).toBe('alerts-title');
    expect(strip.querySelector('[data-alert="a1"]')).not.toBeNull();
    // Taken out of the Tab order itself: the next Tab goes on from the strip.
    expect(strip.tabIndex).toBe(-1);
    expect(location.hash).toBe('');
  });

  it('speaks the reader\'s language', () => {
    useLocale.setState({ locale: 'zh-CN' });
    openBusyFloor();
    expect(screen.getByRole('link', { name: '跳到告警' }).getAttribute('href')).toBe('#floor-alerts');
  });

  it('is not there while the floor is still connecting: nothing to skip', () => {
    render(h(FloorPage, { me: supervisor }));
    expect(screen.queryByRole('link', { name: 'Skip to alerts' })).toBeNull();
  });
});
