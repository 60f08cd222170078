// @vitest-environment jsdom
/**
 * The TV's queue page: a grid shaped for the number of tiles (4 as 2 x 2, 5-6 as 3 x 2),
 * more queues paged evenly, every figure in each tile; and a TV whose `?teams=` names no
 * team says its address is wrong instead of showing the whole floor.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkRefusal } from '../../../client/src/connection.js';
import { floorFigures, queue, snapshot } from './floor-fixtures.js';

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

const { queueGrid, QUEUES_PER_PAGE, TvQueues } = await import('../../../client/src/tv/TvPages.js');
const { chunk, evenChunk } = await import('../../../client/src/tv/pager.js');
const { TvBoard } = await import('../../../client/src/tv/TvBoard.js');
const { TvPage } = await import('../../../client/src/pages/TvPage.js');
const { saveDeviceToken, forgetDeviceToken } = await import('../../../client/src/tv/device-token.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  useFloorStore.getState().reset();
  link.teams = [];
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
  forgetDeviceToken();
  history.replaceState(null, '', '/');
});

describe('queueGrid', () => {
  it('lays 1-3 tiles in a row, 4 as 2 x 2 and 5-6 as 3 x 2', () => {
    const shapes = [1, 2, 3, 4, 5, 6].map((n) => queueGrid(n));
    expect(shapes).toEqual([
      { columns: 1, rows: 1 }, { columns: 2, rows: 1 }, { columns: 3, rows: 1 },
      { columns: 2, rows: 2 }, { columns: 3, rows: 2 }, { columns: 3, rows: 2 },
    ]);
    for (let n = 1; n <= QUEUES_PER_PAGE; n++) expect(queueGrid(n).columns * queueGrid(n).rows).toBeGreaterThanOrEqual(n);
  });
});

describe('evenChunk', () => {
  const items = (n: number) => Array.from({ length: n }, (_, i) => i);
  it('is one page up to the most per page, then as few pages as chunk, evenly filled', () => {
    expect(evenChunk(items(0), 6)).toEqual([]);
    expect(evenChunk(items(6), 6).map((p) => p.length)).toEqual([6]);
    expect(evenChunk(items(7), 6).map((p) => p.length)).toEqual([4, 3]);
    expect(evenChunk(items(12), 6).map((p) => p.length)).toEqual([6, 6]);
    expect(evenChunk(items(13), 6).map((p) => p.length)).toEqual([5, 5, 3]);
    for (let n = 1; n <= 40; n++) {
      const pages = evenChunk(items(n), 6);
      expect(pages.length).toBe(chunk(items(n), 6).length);
      expect(pages.flat()).toEqual(items(n));
      expect(Math.max(...pages.map((p) => p.length))).toBeLessThanOrEqual(6);
    }
  });
});

describe('TvQueues', () => {
  it('shapes the grid for its tiles and keeps every figure in each', () => {
    const since = [null, Date.now() - 5_000, Date.now() - 3_723_000, null];
    const queues = ['general', 'cards', 'loans', 'vip'].map((name, i) => queue(name, {
      waiting: since[i] === null ? 0 : 1, oldestWaitingSince: since[i], serviceLevel: 0.9, asaSeconds: 12, abandonRate: 0.05,
    }));
    const { container } = render(h(TvQueues, { queues, thresholdSeconds: 20 }));
    const grid = container.querySelector<HTMLElement>('.tv-queues')!;
    expect(grid.dataset.grid).toBe('2x2');
    expect(grid.style.gridTemplateColumns).toBe('repeat(2, minmax(0, 1fr))');
    expect(grid.style.gridTemplateRows).toBe('repeat(2, minmax(0, 1fr))');
    for (const tile of container.querySelectorAll('.tv-queue')) {
      expect([...tile.querySelectorAll('.tv-queue-figures dt')].map((dt) => dt.textContent)).toEqual(['Service level (20 s)', 'ASA', 'Abandoned']);
    }
    expect(container.querySelector('[data-queue="cards"] .tv-queue-headline')?.textContent).toMatch(/^1waiting0:0\dlongest wait$/);
    // Past an hour: marked over the threshold, and set smaller to stay on the line.
    const long = container.querySelectorAll('[data-queue="loans"] .tv-huge')[1]!;
    expect(long.textContent).toMatch(/^▲1:02:0\d$/);
    expect(long.className).toBe('tv-figure-value tv-huge is-over is-long');
  });

  it('pages more than six queues evenly, numbering the pages', () => {
    act(() => useFloorStore.getState().applySnapshot(snapshot({
      queues: Array.from({ length: 7 }, (_, i) => queue(`q${i}`)),
      floor: floorFigures({ agentsByState: { logged_out: 0, available: 2, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0 } }),
    })));
    const { container } = render(h(TvBoard, { paceMs: 60_000 }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Queues 1/2');
    expect(container.querySelectorAll('.tv-queue')).toHaveLength(4);
    expect(container.querySelector<HTMLElement>('.tv-queues')!.dataset.grid).toBe('2x2');
  });
});

describe('a TV whose ?teams= names no team', () => {
  it('asks the server for no team, and on its refusal says to check the address (keeping its pairing)', async () => {
    saveDeviceToken('device-token-1');
    history.replaceState(null, '', '/tv?teams=,,&lang=en');
    render(h(TvPage));
    expect(link.teams.at(-1)).toEqual([]);
    await act(async () => link.refuse!('teams: list at least one team, or leave teams out for the whole view', {
      code: 'invalidField', params: { field: 'teams', detail: 'list at least one team, or leave teams out for the whole view' },
    }));
    expect(screen.getByText("Check this display's address")).toBeTruthy();
    expect(localStorage.getItem('floorwatch.deviceToken')).toBe('device-token-1');
  });
});
