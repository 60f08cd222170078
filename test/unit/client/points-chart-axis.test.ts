// @vitest-environment jsdom
/**
 * The points leaderboard chart's agent numbers must be readable on a 1280x800 screen. With
 * upright bars, 20 agent numbers stood side by side under the chart (half of the screen
 * wide) and overlapped. The bars now lie across: the numbers are one under the other, each
 * in a row of its own at least a line of type high, whatever the chart's width.
 *
 * jsdom has no layout: recharts' ResponsiveContainer is given the size the page would
 * have (about 560 px wide at 1280 px, the box's own height), so the chart is drawn.
 */
import { cleanup, render } from '@testing-library/react';
import { cloneElement, createElement, useLayoutEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeaderboardRow } from '../../../shared/points.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

vi.mock('recharts', async (importOriginal) => {
  const recharts = await importOriginal<typeof import('recharts')>();
  /** 560 px wide, and as high as the chart's box says (its CSS height, 16rem, when it says nothing). */
  function ResponsiveContainer({ children }: { children: ReactNode }) {
    const holder = useRef<HTMLDivElement>(null);
    const [height, setHeight] = useState<number | null>(null);
    useLayoutEffect(() => setHeight(Number.parseFloat(holder.current?.parentElement?.style.height ?? '') || 256), []);
    return createElement('div', { ref: holder }, height === null ? null : cloneElement(children as ReactElement<{ width: number; height: number }>, { width: 560, height }));
  }
  return { ...recharts, ResponsiveContainer };
});

const { default: LeaderboardChart, CHART_ROWS } = await import('../../../client/src/points/LeaderboardChart.js');

/** 20 agents with the long numbers a big centre has. */
const ROWS: LeaderboardRow[] = Array.from({ length: CHART_ROWS }, (_, i) => ({
  rank: i + 1, agentId: `A-${String(100_001 + i)}`, teamId: 'T1', points: 20 - i, rewards: 22 - i, deductions: -2,
}));

/** The agent numbers drawn as axis labels, with where each is. */
function agentTicks(container: HTMLElement): { text: string; x: number; y: number }[] {
  return [...container.querySelectorAll('svg text')]
    .filter((node) => /^A-\d+$/.test(node.textContent ?? ''))
    .map((node) => ({ text: node.textContent ?? '', x: Number(node.getAttribute('x')), y: Number(node.getAttribute('y')) }));
}

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the points chart at 1280x800', () => {
  it('puts every agent number on a line of its own, one under the other, never side by side', () => {
    const { container } = render(createElement(LeaderboardChart, { rows: ROWS }));
    const ticks = agentTicks(container);
    expect(ticks.map((t) => t.text)).toEqual(ROWS.map((r) => r.agentId));
    // One column of labels...
    expect(new Set(ticks.map((t) => t.x)).size).toBe(1);
    // ...each at least a line of 12 px type (and some air) below the one before.
    const ys = ticks.map((t) => t.y).sort((a, b) => a - b);
    const gaps = ys.slice(1).map((y, i) => y - ys[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(18);
  });
});
