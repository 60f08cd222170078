// @vitest-environment jsdom
/** The TV rotates its pages at its pace, forever, and the pace comes from the URL. */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { chunk, DEFAULT_PACE_SECONDS, parsePace } from '../../../client/src/tv/pager.js';
import { TvPager, type TvPageSpec } from '../../../client/src/tv/TvPager.js';

const page = (key: string): TvPageSpec => ({ key, title: `Title ${key}`, render: () => createElement('p', null, `Body ${key}`) });
const PAGES = [page('queues'), page('agents'), page('figures')];

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const shown = () => screen.getByRole('main').getAttribute('data-tv-page');

describe('TvPager', () => {
  it('shows one page at a time and moves on every pace, wrapping around', () => {
    render(createElement(TvPager, { pages: PAGES, paceMs: 15_000 }));
    expect(shown()).toBe('queues');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Title queues');
    expect(screen.getByText('Body queues')).toBeTruthy();
    expect(screen.getByLabelText('Page 1 of 3')).toBeTruthy();

    act(() => vi.advanceTimersByTime(14_999));
    expect(shown()).toBe('queues');
    act(() => vi.advanceTimersByTime(1));
    expect(shown()).toBe('agents');
    expect(screen.queryByText('Body queues')).toBeNull();
    expect(screen.getByLabelText('Page 2 of 3')).toBeTruthy();
    act(() => vi.advanceTimersByTime(15_000));
    expect(shown()).toBe('figures');
    act(() => vi.advanceTimersByTime(15_000));
    expect(shown()).toBe('queues');
  });

  it('keeps its pace when the number of pages changes, and can start on any page', () => {
    const { rerender } = render(createElement(TvPager, { pages: PAGES, paceMs: 5_000, start: 1 }));
    expect(shown()).toBe('agents');
    act(() => vi.advanceTimersByTime(3_000));
    rerender(createElement(TvPager, { pages: [...PAGES, page('more')], paceMs: 5_000, start: 1 }));
    act(() => vi.advanceTimersByTime(2_000));
    expect(shown()).toBe('figures');
  });

  it('has no controls: nothing to click or tab to', () => {
    const { container } = render(createElement(TvPager, { pages: PAGES, paceMs: 15_000 }));
    expect(container.querySelectorAll('button, a, input, select, textarea, [tabindex]').length).toBe(0);
  });

  it('reads the pace from ?pace=, in seconds, with a default of 15', () => {
    expect(DEFAULT_PACE_SECONDS).toBe(15);
    expect(parsePace(null)).toBe(15);
    expect(parsePace('30')).toBe(30);
    expect(parsePace('abc')).toBe(15);
    expect(parsePace('-4')).toBe(15);
    expect(parsePace('1')).toBe(3);
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
