// @vitest-environment jsdom
/**
 * An agent tile's alert badge (components/AgentTile.tsx) counts the agent's open alerts as
 * the alert desk does (not acknowledged) and takes the colour and mark of the most severe of
 * them: critical red ■, warning amber ▲, info neutral ℹ; the same red "⚠ 1" for an info
 * alert as for a critical one told the floor nothing. The severity is in the badge's
 * accessible label and tooltip, and in the tile button's name. Acknowledged alerts are a
 * quiet "in hand" mark, never counted as open. (The TV's badge still counts both.)
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { AgentTile } from '../../../client/src/components/AgentTile.js';
import { alertCountsByAgent } from '../../../client/src/floor/alert-counts.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { TvAgents } from '../../../client/src/tv/TvPages.js';
import { agent, alert, delta, snapshot } from './floor-fixtures.js';

function tiles(...ids: string[]) {
  return render(h('ul', null, ...ids.map((agentId) => h(AgentTile, { key: agentId, agentId }))));
}
const badge = (agentId: string) => document.querySelector<HTMLElement>(`[data-agent="${agentId}"] .agent-alerts`)!;

beforeEach(() => {
  useLocale.getState().setLocale('en');
  useFloorStore.getState().reset();
});
afterEach(cleanup);

describe('the alert badge on an agent tile', () => {
  it('is coloured and marked by the most severe open alert of the agent, with the severity in its label', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 1 }), agent('1002', { openAlerts: 2 }), agent('1003', { openAlerts: 3 })],
      alerts: [
        alert('i1', { agentId: '1001', severity: 'info' }),
        alert('w1', { agentId: '1002', severity: 'info' }),
        alert('w2', { agentId: '1002', severity: 'warning', status: 'acknowledged' }),
        alert('c1', { agentId: '1003', severity: 'info' }),
        alert('c2', { agentId: '1003', severity: 'critical' }),
        alert('c3', { agentId: '1003', severity: 'warning' }),
      ],
    }));
    tiles('1001', '1002', '1003');
    const info = badge('1001');
    expect(info.className).toContain('alert-badge-info');
    expect(info.getAttribute('data-severity')).toBe('info');
    expect(info.textContent).toBe('ℹ 1');
    expect(info.getAttribute('role')).toBe('img');
    expect(info.getAttribute('aria-label')).toBe('1 open alert (Info)');
    expect(info.getAttribute('title')).toBe('1 open alert (Info)');

    // One open (info) and one acknowledged (warning): the badge is the open one's alone.
    expect(badge('1002').className).toContain('alert-badge-info');
    expect(badge('1002').textContent).toBe('ℹ 1');
    expect(badge('1002').getAttribute('aria-label')).toBe('1 open alert (Info)');
    expect(document.querySelector('[data-agent="1002"] .agent-in-hand')!.textContent).toBe('1 in hand');

    expect(badge('1003').className).toContain('alert-badge-critical');
    expect(badge('1003').textContent).toBe('■ 3');
    expect(screen.getByRole('img', { name: '3 open alerts (most severe: Critical)' })).toBe(badge('1003'));

    // The tile's edge follows the badge, and its button's name says it (it is all a screen reader hears of the tile).
    const tile = (agentId: string) => document.querySelector(`[data-agent="${agentId}"]`)!;
    expect(tile('1001').className).toContain('alerts-info');
    expect(tile('1003').className).toContain('alerts-critical');
    expect(tile('1001').getAttribute('aria-label')).toBe('Agent 1001 : Available, 1 open alert (Info), open details');
  });

  it('says the severity in Chinese too', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 1 })], alerts: [alert('c', { agentId: '1001', severity: 'critical' })],
    }));
    tiles('1001');
    expect(badge('1001').getAttribute('aria-label')).toBe('1 条待处理告警（最高级别：严重）');
  });

  it('does not count an acknowledged alert as open: "in hand", in the alert desk\'s words', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 1 })],
      alerts: [alert('a', { agentId: '1001', severity: 'critical', status: 'acknowledged', acknowledgedBy: 'lead-7' })],
    }));
    tiles('1001');
    const tile = document.querySelector<HTMLElement>('[data-agent="1001"]')!;
    expect(tile.querySelector('.agent-alerts')).toBeNull();
    expect(tile.className).not.toContain('has-alerts');
    expect(tile.textContent).not.toContain('未处理');
    const inHand = tile.querySelector('.agent-in-hand')!;
    expect(inHand.textContent).toBe('处理中 1');
    expect(inHand.getAttribute('title')).toBe('1 条已确认、处理中');
    expect(tile.getAttribute('aria-label')).toBe('坐席 1001 ：空闲, 1 条已确认、处理中，打开详情');

    // A new open one: the badge counts it alone, the acknowledged one stays in hand.
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { agents: [agent('1001', { openAlerts: 2 })], alerts: [alert('b', { agentId: '1001', severity: 'info' })] }));
      useFloorStore.getState().flush();
    });
    expect(badge('1001').textContent).toBe('ℹ 1');
    expect(badge('1001').getAttribute('aria-label')).toBe('1 条待处理告警（最高级别：提示）');
    expect(tile.querySelector('.agent-in-hand')!.textContent).toBe('处理中 1');
  });

  it('follows the alerts: a critical one resolved leaves the badge at the next severity', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 2 })],
      alerts: [alert('c', { agentId: '1001', severity: 'critical' }), alert('i', { agentId: '1001', severity: 'info' })],
    }));
    tiles('1001');
    expect(badge('1001').className).toContain('alert-badge-critical');
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { agents: [agent('1001', { openAlerts: 1 })], alerts: [alert('c', { agentId: '1001', severity: 'critical', status: 'resolved' })] }));
      useFloorStore.getState().flush();
    });
    expect(badge('1001').className).toContain('alert-badge-info');
    expect(badge('1001').textContent).toBe('ℹ 1');
  });

  it('keeps the count without a severity when the store holds none of the agent\'s alerts', () => {
    useFloorStore.getState().applySnapshot(snapshot({ agents: [agent('1001', { openAlerts: 2 })] }));
    tiles('1001');
    expect(badge('1001').className).toContain('alert-badge-unknown');
    expect(badge('1001').getAttribute('aria-label')).toBe('2 open alerts');
  });

  it('works the severities out once per alerts object, not once per tile', () => {
    const alerts = { a: alert('a', { agentId: '1', severity: 'warning' }), b: alert('b', { agentId: '1', severity: 'critical' }), c: alert('c', { severity: 'info' }) };
    const first = alertCountsByAgent(alerts);
    expect(first.get('1')?.worstOpen).toBe('critical');
    expect(first.size).toBe(1);
    expect(alertCountsByAgent(alerts)).toBe(first);
  });

  it('on the TV too: an info alert\'s badge is not a critical one\'s', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 1 }), agent('1003', { openAlerts: 1 })],
      alerts: [alert('i1', { agentId: '1001', severity: 'info' }), alert('c1', { agentId: '1003', severity: 'critical' })],
    }));
    const floor = useFloorStore.getState().floor!;
    render(h(TvAgents, { agents: [floor.agents['1001']!, floor.agents['1003']!] }));
    const tv = (agentId: string) => document.querySelector<HTMLElement>(`[data-agent="${agentId}"] .tv-agent-alerts`)!;
    expect(tv('1001').getAttribute('data-severity')).toBe('info');
    expect(tv('1001').textContent).toBe('ℹ 1');
    expect(tv('1003').getAttribute('data-severity')).toBe('critical');
    expect(tv('1003').getAttribute('aria-label')).toBe('1 open alert (Critical)');
  });

  it('on the TV, an alert a lead has in hand (acknowledged) is not counted as open, as on the floor', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      agents: [agent('1001', { openAlerts: 2 }), agent('1002', { openAlerts: 1 })],
      alerts: [
        alert('w1', { agentId: '1001', severity: 'warning' }), alert('c1', { agentId: '1001', severity: 'critical', status: 'acknowledged' }),
        alert('c2', { agentId: '1002', severity: 'critical', status: 'acknowledged' }),
      ],
    }));
    const floor = useFloorStore.getState().floor!;
    render(h(TvAgents, { agents: [floor.agents['1001']!, floor.agents['1002']!] }));
    const tv = (agentId: string) => document.querySelector<HTMLElement>(`[data-agent="${agentId}"] .tv-agent-alerts`);
    expect(tv('1001')?.textContent).toBe('▲ 1');
    expect(tv('1001')?.getAttribute('data-severity')).toBe('warning');
    expect(tv('1002')).toBeNull();
  });
});
