// @vitest-environment jsdom
/**
 * 1,000 agents on the grid: a delta that changes one agent re-renders that agent's tile
 * and no other. Renders are counted through `agentStateLabel`, which each AgentTile
 * render calls exactly once with its agent.
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentView } from '../../../shared/figures.js';
import { agent, delta, snapshot, T0 } from './floor-fixtures.js';

const renders = vi.hoisted(() => new Map<string, number>());

vi.mock('../../../client/src/labels.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../client/src/labels.js')>();
  return {
    ...original,
    agentStateLabel: (t: Parameters<typeof original.agentStateLabel>[0], a: AgentView) => {
      renders.set(a.agentId, (renders.get(a.agentId) ?? 0) + 1);
      return original.agentStateLabel(t, a);
    },
  };
});

const { AgentGrid } = await import('../../../client/src/components/AgentGrid.js');
const { useFloorStore } = await import('../../../client/src/store/floor-store.js');
await import('../../../client/src/i18n/all.js');

afterEach(cleanup);

describe('a grid of 1,000 agents', () => {
  it('re-renders only the tile of the agent a delta changed', () => {
    const agents = Array.from({ length: 1000 }, (_, i) => agent(String(1000 + i), { name: `Agent ${i}`, teamId: `t${i % 10}` }));
    useFloorStore.getState().applySnapshot(snapshot({ agents }));
    const { container } = render(h(AgentGrid));
    expect(container.querySelectorAll('.agent-tile')).toHaveLength(1000);
    expect(renders.size).toBe(1000);

    renders.clear();
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { agents: [agent('1500', { name: 'Agent 500', teamId: 't0', state: 'talking', callSince: T0 })] }));
      useFloorStore.getState().flush();
    });
    expect(Object.fromEntries(renders)).toEqual({ 1500: 1 });
    expect(container.querySelector('[data-agent="1500"]')?.textContent).toContain('通话中'); // zh-CN, the default

    // Several deltas in one frame: still one render per changed tile.
    renders.clear();
    act(() => {
      const store = useFloorStore.getState();
      store.applyDelta(delta(7, { agents: [agent('1001', { state: 'ringing' })] }));
      store.applyDelta(delta(8, { agents: [agent('1001', { state: 'talking' })] }));
      store.applyDelta(delta(9, { agents: [agent('1999', { openAlerts: 1 })] }));
      store.flush();
    });
    expect(Object.fromEntries(renders)).toEqual({ 1001: 1, 1999: 1 });
  });
});
