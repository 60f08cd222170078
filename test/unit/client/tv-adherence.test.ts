// @vitest-environment jsdom
/**
 * The TV's adherence page: one card per team with a shift today, off-schedule teams first
 * with a sign and the count (not the colour alone); no page at all without a plan, and
 * more pages, not a scrollbar, for a big floor.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamAdherence } from '../../../shared/schedule.js';
import type { ScreenSnapshot } from '../../../shared/wallboard.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { TvBoard } from '../../../client/src/tv/TvBoard.js';
import { adherenceOrder, TEAMS_PER_PAGE } from '../../../client/src/tv/TvAdherence.js';

const T0 = Date.parse('2026-11-28T10:42:03+08:00');
const team = (teamId: string, outOfAdherence: number, percent: number | null = 95): TeamAdherence => ({ teamId, scheduledNow: 12, outOfAdherence, percent });

function show(adherence: TeamAdherence[]): void {
  const snapshot: ScreenSnapshot = {
    seq: 1, at: T0, serverTime: T0, demo: false, day: '2026-11-28', timezone: 'Asia/Shanghai', agents: [], queues: [],
    floor: {
      offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0, answeredInThreshold: 0, serviceLevel: null,
      asaSeconds: null, abandonRate: null, ahtSeconds: null, handled: 0, waiting: 0, oldestWaitingSince: null, longestWaitSeconds: 0,
      agentsByState: { logged_out: 0, available: 0, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0 },
      openAlertsBySeverity: { info: 0, warning: 0, critical: 0 },
    } as never,
    alerts: [],
    compliance: {},
    intervals: [],
    serviceLevel: { mode: 'abandons-against', thresholdSeconds: 20, shortAbandonSeconds: 5, formula: '' },
    adherence,
  };
  act(() => useFloorStore.getState().applySnapshot(snapshot));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  useLocale.setState({ locale: 'en' });
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  vi.useRealTimers();
});

describe('the TV adherence page', () => {
  it('puts off-schedule teams first, most off first, then by team number', () => {
    const order = adherenceOrder([team('team-10', 0), team('team-2', 0), team('team-7', 1), team('team-3', 4)]);
    expect(order.map((t) => t.teamId)).toEqual(['team-3', 'team-7', 'team-2', 'team-10']);
  });

  it('shows each team\'s share and who is off schedule, in words and a sign', () => {
    render(createElement(TvBoard, { paceMs: 600_000, startKind: 'adherence' }));
    show([team('team-01', 0, 98.4), team('team-02', 2, 81.6), team('team-03', 0, null)]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Schedule adherence');
    const cards = [...document.querySelectorAll('.tv-adherence-team')];
    expect(cards.map((c) => c.getAttribute('data-team'))).toEqual(['team-02', 'team-01', 'team-03']);
    expect(cards[0]!.className).toContain('has-off');
    expect(cards[0]!.textContent).toBe('team-0281%◷ 2 of 12 off schedule');
    expect(cards[1]!.textContent).toBe('team-0198%0 of 12 off schedule');
    expect(cards[2]!.textContent).toContain('—');
  });

  it('has no adherence page without a plan today, and more pages for many teams', () => {
    render(createElement(TvBoard, { paceMs: 600_000, startKind: 'adherence' }));
    show([]);
    expect(document.querySelector('[data-tv-page^="adherence"]')).toBeNull();
    show(Array.from({ length: TEAMS_PER_PAGE + 1 }, (_, i) => team(`team-${i + 1}`, 0)));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Schedule adherence 1/2');
    expect(document.querySelectorAll('.tv-adherence-team')).toHaveLength(TEAMS_PER_PAGE);
  });
});
