// @vitest-environment jsdom
/**
 * The strip of live alerts: the open ones (not acknowledged), then those in hand, counted and
 * worded as the alert desk does; most severe first, then newest first; severity in words,
 * the rule by its name and article, no customer data.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import { AlertStrip, ALERT_STRIP_LIMIT } from '../../../client/src/components/AlertStrip.js';
import { useFloorView } from '../../../client/src/floor/view-store.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { alert, delta, snapshot, T0 } from './floor-fixtures.js';

beforeEach(() => {
  useLocale.getState().setLocale('en');
  useFloorView.setState({ selectedAgentId: null });
  useFloorStore.getState().reset();
});
afterEach(cleanup);

describe('AlertStrip', () => {
  it('says so when nothing is open', () => {
    useFloorStore.getState().applySnapshot(snapshot());
    render(h(AlertStrip));
    expect(screen.getByText('No open alerts.')).toBeTruthy();
  });

  it('lists the open alerts, then the acknowledged ones in hand, with severity, rule, article and who must act', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      alerts: [
        alert('a1', { openedAt: T0, rule: 'greeting', article: '61, 66', severity: 'info', title: 'Agent 1002 opened the call without the greeting', agentId: '1002' }),
        alert('a2', { openedAt: T0 + 5000, severity: 'critical', escalationLevel: 'supervisor', occurrences: 3 }),
        alert('a3', { openedAt: T0 + 2000, status: 'acknowledged', acknowledgedBy: 'lead-7' }),
      ],
    }));
    render(h(AlertStrip));
    const items = screen.getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-alert'))).toEqual(['a2', 'a1', 'a3']);
    expect(items[0].textContent).toContain('Critical');
    expect(items[0].textContent).toContain('Answer within 3 rings (10 s) · Art. 60');
    expect(items[0].textContent).toContain('For the supervisor · 3×');
    expect(items[1].textContent).toContain('Opening greeting with the agent number · Art. 61, 66');
    expect(items[2].className).toContain('is-acknowledged');
    expect(items[2].textContent).toContain('Acknowledged by lead-7');
    const [open, inHand] = screen.getAllByRole('list');
    expect(within(open).getAllByRole('listitem').map((i) => i.getAttribute('data-alert'))).toEqual(['a2', 'a1']);
    expect(within(inHand).getAllByRole('listitem').map((i) => i.getAttribute('data-alert'))).toEqual(['a3']);
    expect(screen.getByRole('heading', { name: /Open alerts\s*2/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'In hand (acknowledged, not resolved) 1' })).toBeTruthy();
  });

  it('counts open alerts as the alert desk does: an acknowledged one is in hand, not open', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({
      alerts: [alert('open', { agentId: '1001' }), alert('acked', { agentId: '1002', status: 'acknowledged', acknowledgedBy: 'lead-7', openedAt: T0 + 1000 })],
    }));
    const { container } = render(h(AlertStrip));
    // The desk's words: "待处理告警 1 … 另有 1 条已确认、处理中（见下方）", not "未处理告警 2".
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('待处理告警 1');
    expect(container.querySelector('.alert-strip-note')!.textContent).toBe('另有 1 条已确认、处理中（见下方）');
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('处理中（已确认，尚未解决）1');
    expect(container.textContent).not.toContain('未处理');

    // Acknowledged alone: nothing open, and the one in hand still below.
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { alerts: [alert('open', { agentId: '1001', status: 'acknowledged' })] }));
      useFloorStore.getState().flush();
    });
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('待处理告警 0');
    expect(screen.getByText('没有待处理的告警。')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((i) => i.getAttribute('data-alert'))).toEqual(['acked', 'open']);
  });

  it('puts the most severe first (critical, warning, info), then the newest first within a severity', () => {
    useFloorStore.getState().applySnapshot(snapshot({
      alerts: [
        alert('info-new', { severity: 'info', openedAt: T0 + 9000 }),
        alert('crit-old', { severity: 'critical', openedAt: T0 }),
        alert('warn-old', { severity: 'warning', openedAt: T0 + 1000 }),
        alert('crit-new', { severity: 'critical', openedAt: T0 + 5000 }),
        alert('info-old', { severity: 'info', openedAt: T0 + 2000 }),
        alert('warn-new', { severity: 'warning', openedAt: T0 + 8000, status: 'acknowledged' }),
      ],
    }));
    render(h(AlertStrip));
    const [open, inHand] = screen.getAllByRole('list');
    expect(within(open).getAllByRole('listitem').map((i) => i.getAttribute('data-alert')))
      .toEqual(['crit-new', 'crit-old', 'warn-old', 'info-new', 'info-old']);
    // The acknowledged one is in hand, below the open ones, whatever its severity.
    expect(within(inHand).getAllByRole('listitem').map((i) => i.getAttribute('data-alert'))).toEqual(['warn-new']);
  });

  it('keeps the most severe when the strip is full: an old critical alert is not cut for newer info ones', () => {
    const infos = Array.from({ length: ALERT_STRIP_LIMIT }, (_, i) => alert(`i${i}`, { severity: 'info', openedAt: T0 + (i + 1) * 1000 }));
    useFloorStore.getState().applySnapshot(snapshot({ alerts: [alert('crit', { severity: 'critical', openedAt: T0 }), ...infos] }));
    render(h(AlertStrip));
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(ALERT_STRIP_LIMIT);
    expect(items[0].getAttribute('data-alert')).toBe('crit');
  });

  it('names the rule in the reader\'s language, never by its English id (the id stays in the tooltip)', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({
      alerts: [
        alert('g', { rule: 'greeting', article: '61, 66', severity: 'info', openedAt: T0 + 2000 }),
        alert('h', { rule: 'hold-consent', article: '67', openedAt: T0 + 1000 }),
      ],
    }));
    render(h(AlertStrip));
    const [hold, greeting] = screen.getAllByRole('listitem');
    const rule = (item: HTMLElement) => item.querySelector('.alert-rule')!;
    expect(rule(greeting).textContent).toBe('开头问候并报工号 · 第 61, 66 条');
    expect(rule(hold).textContent).toBe('征得同意才保持，且不超时 · 第 67 条');
    expect(rule(greeting).getAttribute('title')).toBe('greeting');
    const strip = screen.getByRole('list').textContent ?? '';
    expect(strip).not.toContain('greeting');
    expect(strip).not.toContain('hold-consent');
    act(() => useLocale.getState().setLocale('en'));
    expect(rule(hold).textContent).toBe('Hold only with consent, within the approved length · Art. 67');
  });

  it('names a rule it has no words for (a newer server\'s) by its id', () => {
    useFloorStore.getState().applySnapshot(snapshot({ alerts: [alert('n', { rule: 'some-new-rule' as never, article: '99' })] }));
    render(h(AlertStrip));
    expect(screen.getByRole('listitem').querySelector('.alert-rule')!.textContent).toBe('some-new-rule · Art. 99');
  });

  it('drops resolved alerts as deltas arrive, and never shows customer data', () => {
    useFloorStore.getState().applySnapshot(snapshot({ alerts: [alert('a1', { sensitive: { callerNumber: '13812345678', text: 'from 13812345678' } })] }));
    const { container } = render(h(AlertStrip));
    expect(container.textContent).not.toContain('13812345678');
    act(() => {
      useFloorStore.getState().applyDelta(delta(6, { alerts: [alert('a1', { status: 'resolved' }), alert('a4', { openedAt: T0 + 9000 })] }));
      useFloorStore.getState().flush();
    });
    expect(screen.getAllByRole('listitem').map((i) => i.getAttribute('data-alert'))).toEqual(['a4']);
  });

  it('shows at most the newest alerts of a long list (one severity)', () => {
    const many = Array.from({ length: ALERT_STRIP_LIMIT + 5 }, (_, i) => alert(`x${i}`, { openedAt: T0 + i * 1000 }));
    useFloorStore.getState().applySnapshot(snapshot({ alerts: many }));
    render(h(AlertStrip));
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(ALERT_STRIP_LIMIT);
    expect(items[0].getAttribute('data-alert')).toBe(`x${ALERT_STRIP_LIMIT + 4}`);
    expect(screen.getByRole('heading').textContent).toContain(String(ALERT_STRIP_LIMIT + 5));
  });

  it('opens the agent panel from an alert about an agent, in Chinese by default', () => {
    useLocale.getState().setLocale('zh-CN');
    useFloorStore.getState().applySnapshot(snapshot({ alerts: [alert('a1', { agentId: '1001', severity: 'critical' })] }));
    render(h(AlertStrip));
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('严重');
    expect(item.textContent).toContain('第 60 条');
    fireEvent.click(within(item).getByRole('button', { name: '坐席 1001' }));
    expect(useFloorView.getState().selectedAgentId).toBe('1001');
  });
});
