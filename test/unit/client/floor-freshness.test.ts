// @vitest-environment jsdom
/**
 * The supervisors' floor tells live figures from frozen ones by the TV's rule
 * (store/freshness.ts): a link that is up but brings nothing for more than 10 s on a
 * staffed floor is stale. The pill stops saying "Live", the banner names the time of the
 * last data actually received, the board is greyed and its timers stop at that time; the
 * link dropping later does not move that time. The clock is driven, never slept on.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FloorShell } from '../../../client/src/components/FloorShell.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { freshnessOf, resetFloorFreshness } from '../../../client/src/store/freshness.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { agent, delta, floorFigures, queue, snapshot, T0 } from './floor-fixtures.js';

/** 09:00:00 in Asia/Shanghai; the agents went available a minute before. */
const staffed = () => snapshot({
  seq: 1, serverTime: Date.now(),
  agents: [agent('1001', { since: T0 - 60_000 }), agent('1002', { since: T0 - 60_000 })],
  queues: [queue('general', { waiting: 1, oldestWaitingSince: T0 - 5_000 })],
  floor: floorFigures({ agentsByState: { logged_out: 0, available: 2, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0 } }),
});

const tick = (ms: number) => act(() => vi.advanceTimersByTime(ms));
const pill = () => document.querySelector('.connection-state')!;
const banner = () => document.querySelector('.connection-banner');
const agentTime = () => document.querySelector('[data-agent="1001"] .agent-state-time')!.textContent;
const longestWait = () => document.querySelector('[data-queue="general"] .figure-value[data-since]')!.textContent;
const frame = () => document.querySelector('.app')!;

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

describe('the floor page when data stops', () => {
  it('says "no data since" the last data once a live link has been silent 10 s, and stops its timers there', () => {
    render(h(FloorShell));
    act(() => useFloorStore.getState().applySnapshot(staffed()));
    expect(pill().textContent).toBe('Live');
    expect(agentTime()).toBe('1:00');

    // A heartbeat at 09:00:05, then nothing: the server hangs with its socket open.
    tick(5_000);
    act(() => {
      useFloorStore.getState().applyDelta(delta(2, { serverTime: Date.now() }));
      useFloorStore.getState().flush();
    });
    // The page's timers tick on the server's whole seconds (plus 5 ms): the last one at 09:00:14.005.
    tick(9_500);
    expect(pill().textContent).toBe('Live');
    expect(banner()).toBeNull();
    expect(agentTime()).toBe('1:14');

    // 09:00:15.005: more than 10 s since the last data.
    tick(1_000);
    expect(pill().textContent).toBe('No data');
    expect(pill().className).toContain('connection-stale');
    expect(banner()?.textContent).toContain('No data since 09:00:05');
    expect(banner()?.textContent).toContain('0:10');
    expect(frame().className).toContain('is-stale');
    // Stopped at the last data (09:00:05), not ticking on into warnings.
    expect(agentTime()).toBe('1:05');
    expect(longestWait()).toMatch(/^0:10/);
    tick(20_000);
    expect(agentTime()).toBe('1:05');
    expect(longestWait()).toMatch(/^0:10/);
    expect(banner()?.textContent).toContain('0:30');

    // The socket finally drops, 30 s after the last data: the time stays the last data's.
    act(() => useFloorStore.getState().setConnection({ kind: 'down', since: Date.now(), reason: 'ping timeout' }));
    expect(pill().textContent).toBe('Offline');
    expect(banner()?.textContent).toContain('Connection to the floor lost');
    expect(banner()?.textContent).toContain('frozen since 09:00:05');
    expect(banner()?.textContent).not.toContain('09:00:35');
    expect(agentTime()).toBe('1:05');

    // Data again: live, and the timers move with the clock at once.
    tick(4_000);
    act(() => useFloorStore.getState().applySnapshot({ ...staffed(), seq: 9, serverTime: Date.now() }));
    expect(pill().textContent).toBe('Live');
    expect(banner()).toBeNull();
    expect(frame().className).not.toContain('is-stale');
    expect(agentTime()).toBe('1:39');
    tick(1_000);
    expect(agentTime()).toBe('1:40');
  });

  it('keeps a quiet floor with nobody logged in live, as the TV does', () => {
    render(h(FloorShell));
    act(() => useFloorStore.getState().applySnapshot({ ...staffed(), agents: [], floor: floorFigures() }));
    tick(60_000);
    expect(pill().textContent).toBe('Live');
    expect(banner()).toBeNull();
  });

  it('shares one rule with the TV: stale, down and live', () => {
    expect(freshnessOf({ connection: 'live', lastDataAt: 0, now: 10_000, active: true })).toEqual({ kind: 'live', stale: false, lastDataAt: 0 });
    expect(freshnessOf({ connection: 'live', lastDataAt: 0, now: 10_001, active: true })).toEqual({ kind: 'stale', stale: true, lastDataAt: 0 });
    expect(freshnessOf({ connection: 'down', lastDataAt: 0, now: 1, active: true })).toEqual({ kind: 'down', stale: true, lastDataAt: 0 });
    expect(freshnessOf({ connection: 'connecting', lastDataAt: null, now: 1, active: true })).toEqual({ kind: 'connecting', stale: false, lastDataAt: null });
    // A reopened link (reset to connecting) with old data on record is stale, not "connecting".
    expect(freshnessOf({ connection: 'connecting', lastDataAt: 0, now: 1, active: true })).toMatchObject({ kind: 'stale', stale: true });
  });
});
