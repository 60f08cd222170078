// @vitest-environment jsdom
/**
 * A TV over some teams (`?teams=`) checks them against the floor's teams only when either
 * changes: a delta that moves agents' states or the figures does not redo the check
 * (counted through `unknownTeams`, which the scope guard calls once per check).
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { agent, delta, floorFigures, snapshot } from './floor-fixtures.js';

const checks = vi.hoisted(() => ({ count: 0 }));

vi.mock('../../../client/src/tv/scope.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../client/src/tv/scope.js')>();
  return {
    ...original,
    unknownTeams: (...args: Parameters<typeof original.unknownTeams>) => {
      checks.count += 1;
      return original.unknownTeams(...args);
    },
  };
});

const { TvBoard } = await import('../../../client/src/tv/TvBoard.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const staffed = (available: number) => floorFigures({
  agentsByState: { logged_out: 0, available, ringing: 0, talking: 2 - available, on_hold: 0, after_call_work: 0, not_ready: 0 },
});

/** Applies a delta and its frame's flush at once. */
function feed(d: ReturnType<typeof delta>): void {
  act(() => {
    useFloorStore.getState().applyDelta(d);
    useFloorStore.getState().flush();
  });
}

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  useFloorStore.getState().reset();
  checks.count = 0;
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
});

describe("a TV's ?teams= check", () => {
  it('runs when the floor\'s teams change, not on every delta', () => {
    render(h(TvBoard, { paceMs: 15_000, teams: ['t1', 't9'] }));
    act(() => useFloorStore.getState().applySnapshot(snapshot({
      seq: 1, agents: [agent('1001', { teamId: 't1' }), agent('1002', { teamId: 't2' })], floor: staffed(2),
    })));
    expect(screen.getByText(/^Not on this floor: t9\./)).toBeTruthy();
    const afterSnapshot = checks.count;

    for (let seq = 2; seq <= 6; seq++) {
      feed(delta(seq, { agents: [{ agentId: '1001', state: seq % 2 === 0 ? 'talking' : 'available' }], floor: staffed(seq % 2) }));
    }
    expect(checks.count).toBe(afterSnapshot);

    // An agent of t9 logs in: the check runs again, and the line goes.
    feed(delta(7, { agents: [agent('1003', { teamId: 't9' })], floor: staffed(1) }));
    expect(checks.count).toBe(afterSnapshot + 1);
    expect(screen.queryByText(/Not on this floor/)).toBeNull();
  });
});
