// @vitest-environment jsdom
/**
 * The TV's stale-data screen: figures give way to "No data since …" when the link is
 * down, or when a live link has brought nothing for more than 10 s on a staffed floor.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertSensitive, AlertSummary } from '../../../shared/alerts.js';
import type { AgentView, FloorFigures } from '../../../shared/figures.js';
import type { ScreenSnapshot } from '../../../shared/wallboard.js';
import { isStale, resetFloorFreshness } from '../../../client/src/alerts/floor-read.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { TvBoard } from '../../../client/src/tv/TvBoard.js';

/** 10:42:03 in Asia/Shanghai. */
const T0 = Date.parse('2026-11-28T10:42:03+08:00');
const CALLER = '13812345678';

const calls = {
  offered: 3, answered: 2, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0, answeredInThreshold: 2,
  serviceLevel: 1, asaSeconds: 4, abandonRate: 0, ahtSeconds: 60, handled: 1, waiting: 1, oldestWaitingSince: T0 - 5_000,
  longestWaitSeconds: 5,
};
const floorFigures: FloorFigures = {
  ...calls,
  agentsByState: { logged_out: 0, available: 1, ringing: 0, talking: 1, on_hold: 0, after_call_work: 0, not_ready: 0 },
  openAlertsBySeverity: { info: 0, warning: 1, critical: 2 },
};
const agent = (agentId: string, state: AgentView['state']): AgentView => ({
  agentId, name: `Agent ${agentId}`, teamId: 't1', role: 'agent', state, since: T0 - 60_000, handledToday: 0,
  talkMs: 0, holdMs: 0, acwMs: 0, ahtSeconds: null, openAlerts: 0, queues: [],
});

/** With `sensitive`, as a server from before alert summaries sent it: the TV must never show it. */
const greetingAlert: AlertSummary & { sensitive: AlertSensitive } = {
  id: 'a1', rule: 'greeting', article: '61, 66', severity: 'critical', kind: 'incident', status: 'open',
  title: 'Agent 1002 opened the call without the greeting', subject: { kind: 'call', id: 'c2' }, openedAt: T0,
  updatedAt: T0, escalationLevel: 'lead', occurrences: 1,
  sensitive: { text: `you are calling from ${CALLER}`, callerNumber: CALLER },
};

function snapshot(seq: number): ScreenSnapshot {
  return {
    seq, at: Date.now(), serverTime: Date.now(), demo: false, day: '2026-11-28', timezone: 'Asia/Shanghai',
    agents: [agent('1001', 'available'), agent('1002', 'talking')],
    queues: [{ ...calls, queue: 'general', agents: { available: 1, onCall: 1, afterCallWork: 0, notReady: 0 } }],
    floor: floorFigures,
    alerts: [greetingAlert],
    compliance: {},
    intervals: [],
    adherence: [],
    serviceLevel: { mode: 'abandons-against', thresholdSeconds: 20, shortAbandonSeconds: 5, formula: '' },
  };
}

/** The store may batch deltas per frame; a snapshot applies at once. */
function feed(seq: number): void {
  act(() => useFloorStore.getState().applySnapshot(snapshot(seq)));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  useLocale.setState({ locale: 'en' });
  useFloorStore.getState().reset();
  resetFloorFreshness();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  vi.useRealTimers();
});

describe('TV stale-data screen', () => {
  it('shows live figures, then "No data since" once nothing has arrived for more than 10 s', () => {
    render(createElement(TvBoard, { paceMs: 15_000, startKind: 'figures' }));
    expect(screen.getByRole('status').textContent).toContain('Connecting to the floor');

    feed(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Floor today');
    // Open alerts counted by severity, in words.
    expect(document.querySelector('[data-severity="critical"]')?.textContent).toBe('2Critical');
    expect(document.body.textContent).not.toContain(CALLER);

    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => vi.advanceTimersByTime(2_000));
    const banner = screen.getByRole('alert');
    expect(banner.textContent).toContain('No data since 10:42:03');
    expect(banner.textContent).toContain('Reconnecting');
    // The frozen figures are gone, not merely greyed.
    expect(screen.queryByText('Floor today')).toBeNull();

    // Data again: live figures are back.
    feed(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Floor today')).toBeTruthy();
  });

  it('says so at once when the link goes down, and keeps the time across the link being reset', () => {
    render(createElement(TvBoard, { paceMs: 15_000 }));
    feed(1);
    act(() => vi.advanceTimersByTime(3_000));
    act(() => useFloorStore.getState().setConnection({ kind: 'down', since: Date.now(), reason: 'transport close' }));
    expect(screen.getByRole('alert').textContent).toContain('No data since 10:42:03');
    // A reopened link forgets the floor; the sentence stays right.
    act(() => useFloorStore.getState().reset());
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByRole('alert').textContent).toContain('No data since 10:42:03');
  });

  it('does not call a quiet, empty floor stale', () => {
    expect(isStale({ connection: 'live', lastDataAt: 0, now: 60_000, active: false })).toBe(false);
    expect(isStale({ connection: 'live', lastDataAt: 0, now: 10_000, active: true })).toBe(false);
    expect(isStale({ connection: 'live', lastDataAt: 0, now: 10_001, active: true })).toBe(true);
    expect(isStale({ connection: 'down', lastDataAt: 0, now: 1, active: false })).toBe(true);
    expect(isStale({ connection: 'down', lastDataAt: null, now: 1, active: true })).toBe(false);
  });
});
