// @vitest-environment jsdom
/**
 * The floor view's components in jsdom: agent tiles (state in words and icon, timers,
 * alert badge, opening the panel), queue tiles with their levels, and the language switch.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { AgentTile } from '../../../client/src/components/AgentTile.js';
import { QueueTile } from '../../../client/src/components/QueueTile.js';
import { LanguageSwitch } from '../../../client/src/components/Header.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { agent, delta, queue, snapshot, T0 } from './floor-fixtures.js';

function tile(agentId: string) {
  return render(h('ul', null, h(AgentTile, { agentId })));
}

beforeEach(() => {
  useLocale.getState().setLocale('en');
  useFloorView.setState({ selectedAgentId: null });
  useFloorStore.getState().reset();
});
afterEach(cleanup);

describe('AgentTile', () => {
  it('shows number, name, state in words with an icon, and time in state', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      serverTime: T0 + 65_000,
      agents: [agent('1003', { name: 'Zhang Min', state: 'not_ready', reason: 'break', role: 'lead' })],
    }));
    tile('1003');
    const button = screen.getByRole('button', { name: /Agent 1003 Zhang Min: Not ready · break/ });
    expect(button.textContent).toContain('Zhang Min');
    // The reason alone beside the timer (the mark and colour say not ready); the whole in the tooltip.
    const label = button.querySelector('.agent-state-label')!;
    expect(label.textContent).toBe('✕\u00a0Break');
    expect(label.getAttribute('title')).toBe('Not ready · break');
    expect(button.textContent).toContain('Lead');
    expect(button.className).toContain('state-not_ready');
    expect(button.querySelector('.agent-state-time')?.textContent).toMatch(/^1:0[5-6]$/);
    expect(button.querySelector('.agent-alerts')).toBeNull();
  });

  it('shows the call timer, a hold timer while on hold, and the open-alert badge', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      serverTime: T0 + 120_000,
      agents: [agent('1002', { state: 'on_hold', since: T0 + 90_000, callSince: T0, holdSince: T0 + 90_000, openAlerts: 2 })],
    }));
    tile('1002');
    const button = screen.getByRole('button');
    expect(button.className).toContain('has-alerts');
    expect(button.querySelector('.agent-alerts')?.textContent).toContain('2');
    expect(button.querySelector('.agent-alerts')?.getAttribute('title')).toBe('2 open alerts');
    const timers = [...button.querySelectorAll('.agent-timer')].map((e) => e.textContent);
    expect(timers[0]).toMatch(/^Call 2:0\d$/);
    expect(timers[1]).toMatch(/^Hold 0:3\d$/);
  });

  it('has no hold timer when talking, and no timers at all when available', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1'), agent('2', { state: 'talking', callSince: T0 })],
    }));
    tile('1');
    tile('2');
    const [available, talking] = screen.getAllByRole('button');
    expect(available.querySelector('.agent-timers')).toBeNull();
    expect(talking.querySelectorAll('.agent-timer')).toHaveLength(1);
  });

  it('follows its agent through deltas (applied on the next frame) and opens the agent panel', async () => {
    useFloorStore.getState().applySnapshot(snapshot());
    tile('1001');
    expect(screen.getByRole('button').textContent).toContain('Available');
    expect(useFloorStore.getState().applyDelta(delta(6, { agents: [agent('1001', { state: 'ringing' })] }))).toBe('applied');
    // Queued, not yet applied: the frame has not run.
    expect(screen.getByRole('button').textContent).toContain('Available');
    act(() => useFloorStore.getState().flush());
    expect(screen.getByRole('button').textContent).toContain('Ringing');
    fireEvent.click(screen.getByRole('button'));
    expect(useFloorView.getState().selectedAgentId).toBe('1001');
  });

  it('reports a gap at once, against the newest queued delta', () => {
    useFloorStore.getState().applySnapshot(snapshot());
    const store = useFloorStore.getState();
    expect(store.applyDelta(delta(6))).toBe('applied');
    expect(store.applyDelta(delta(7))).toBe('applied');
    expect(store.applyDelta(delta(7))).toBe('duplicate');
    expect(store.applyDelta(delta(9))).toBe('gap');
    act(() => store.flush());
    expect(useFloorStore.getState().floor?.seq).toBe(7);
  });

  it('speaks Simplified Chinese by default, switchable', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({ agents: [agent('1001', { state: 'talking', callSince: T0 })] }));
    render(h('div', null, h('ul', null, h(AgentTile, { agentId: '1001' })), h(LanguageSwitch)));
    expect(screen.getByRole('button', { name: /1001/ }).textContent).toContain('通话中');
    fireEvent.click(screen.getByRole('button', { name: /界面语言/ }));
    expect(useLocale.getState().locale).toBe('en');
    expect(screen.getByRole('button', { name: /1001/ }).textContent).toContain('Talking');
  });
});

describe('QueueTile', () => {
  it('shows waiting, longest wait, SL, ASA and abandon rate, with levels in colour, mark and word', () => {
    useFloorStore.getState().applySnapshot(snapshot({ serverTime: T0 + 70_000 }));
    const q = queue('billing', {
      waiting: 6, oldestWaitingSince: T0, serviceLevel: 0.55, asaSeconds: 12, abandonRate: 0.02, offered: 20, answered: 18,
    });
    const { container } = render(h(QueueTile, { queue: q, thresholdSeconds: 10 }));
    const article = container.querySelector('[data-queue="billing"]')!;
    expect(article.getAttribute('data-level')).toBe('critical');
    expect(article.querySelector('.figure-big.level-warning')?.textContent).toContain('6');
    // Longest wait 1:10 is past the critical 60 s.
    expect(article.querySelector('.figure-value[data-since]')?.className).toContain('level-critical');
    // The figure and its unit are joined by a no-break space (never "SL (10" above "s)").
    expect(article.textContent).toContain('SL (10\u00a0s)');
    expect(article.textContent).toContain('55%');
    expect(article.textContent).toContain('Critical');
    expect(article.textContent).toContain('12 s');
    expect(article.textContent).toContain('2%');
  });

  it('keeps its warning while the figure hovers just back under the threshold (hysteresis)', () => {
    useFloorStore.getState().applySnapshot(snapshot());
    const { container, rerender } = render(h(QueueTile, { queue: queue('general', { waiting: 5 }), thresholdSeconds: 10 }));
    const level = () => container.querySelector('[data-queue]')!.getAttribute('data-level');
    expect(level()).toBe('warning');
    rerender(h(QueueTile, { queue: queue('general', { waiting: 4 }), thresholdSeconds: 10 }));
    expect(level()).toBe('warning');
    rerender(h(QueueTile, { queue: queue('general', { waiting: 3 }), thresholdSeconds: 10 }));
    expect(level()).toBe('normal');
  });
});
