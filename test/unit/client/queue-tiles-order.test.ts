// @vitest-environment jsdom
/**
 * The floor's queue tiles keep their places (by queue name, as on the TV): they re-sorted
 * by calls waiting, ten times a minute on a busy floor. Calls waiting show on the tile
 * itself. The tile's "available" counts only the agents this queue's calls reached today,
 * and says so (the floor showed 42 available while every queue said 0).
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { QueueTiles } from '../../../client/src/components/QueueTiles.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { delta, queue, snapshot } from './floor-fixtures.js';

beforeEach(() => {
  useLocale.getState().setLocale('zh-CN');
  useFloorView.setState({ queue: '' });
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
});

const order = (root: HTMLElement) => [...root.querySelectorAll('.queue-tile')].map((e) => e.getAttribute('data-queue'));

describe('the floor\'s queue tiles', () => {
  it('stay in their places when calls waiting change, the busy ones marked on the tile', () => {
    const { container } = render(h(QueueTiles));
    act(() => useFloorStore.getState().applySnapshot(snapshot({
      queues: [queue('loans', { waiting: 3 }), queue('cards', { waiting: 0 }), queue('general'), queue('vip')],
    })));
    expect(order(container)).toEqual(['cards', 'general', 'loans', 'vip']);
    act(() => useFloorStore.getState().applyDelta(delta(6, { queues: [queue('cards', { waiting: 5 }), queue('loans', { waiting: 0 })] })));
    act(() => useFloorStore.getState().flush());
    expect(order(container)).toEqual(['cards', 'general', 'loans', 'vip']);
    expect(container.querySelector('[data-queue="cards"]')!.className).toContain('has-waiting');
    expect(container.querySelector('[data-queue="loans"]')!.className).not.toContain('has-waiting');
  });

  it('label their available agents as this queue\'s, with what that counts', () => {
    const { container } = render(h(QueueTiles));
    act(() => useFloorStore.getState().applySnapshot(snapshot({ queues: [queue('cards', { agents: { available: 2, onCall: 0, afterCallWork: 0, notReady: 0 } })] })));
    const agents = container.querySelector('.queue-agents')!;
    // The caption says whose they are (so each label can stay short: see queue-tile-labels.test.ts).
    expect(agents.querySelector('.queue-agents-caption')!.textContent).toBe('今日接过本队列来电的坐席');
    expect(agents.textContent).toContain('空闲2');
    expect(agents.getAttribute('title')).toContain('全现场的空闲坐席见“今日现场”');
  });
});
