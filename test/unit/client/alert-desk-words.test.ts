// @vitest-environment jsdom
/**
 * The alert desk in Chinese says everything in Chinese: the confirmation after an action,
 * the history's cards and their automatic resolutions (the server writes English), the
 * lead's own note on a hold approval; an info alert says it does not escalate; and the
 * subject is the call or the agent, never the engine's subject key.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { systemWords } from '../../../client/src/alerts/system-words.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import '../../../client/src/i18n/all.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');
const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+08:00`);
/** The server's English: its titles and resolutions (rule ids and call ids are codes, not words). */
const ENGLISH = /\b(answered|ringing|approved|resolved|Note|Agent|Call|Customer|by)\b/;

function alert(over: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    rule: 'answer-3-rings', article: '60', kind: 'condition', status: 'open', severity: 'warning',
    title: 'Call ringing at agent 1034 for 10 s, not answered', subject: { kind: 'call', id: 'sim-1-c-call-2:1034' },
    agentId: '1034', callId: 'sim-1-c-call-2', openedAt: at('09:00'), updatedAt: at('09:00'), escalationLevel: 'lead',
    evidence: ['e1'], occurrences: 1, history: [], ...over,
  };
}

const GREETING = alert({
  id: 'greet', rule: 'greeting', article: '60', kind: 'incident', severity: 'warning',
  title: 'Agent 1018 opened the call without stating the agent number', agentId: '1018', callId: 'sim-1-c-call-7',
  subject: { kind: 'call', id: 'sim-1-c-call-7:1018' }, escalatesAt: NOW + 60_000,
});
const APOLOGY = alert({
  id: 'apology', kind: 'incident', title: 'Agent 1018 answered late and did not apologise', agentId: '1018', callId: 'sim-1-c-call-9',
  subject: { kind: 'call', id: 'sim-1-c-call-9:apology:1018' }, escalatesAt: NOW + 60_000,
});
const INFO = alert({
  id: 'info', rule: 'wrap-up-record', article: '77', kind: 'incident', severity: 'info', title: 'Agent 1020 recorded the call without a call type',
  agentId: '1020', callId: 'sim-1-c-call-3', subject: { kind: 'call', id: 'sim-1-c-call-3' },
});

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  useSessionStore.setState({
    state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'lead', role: 'lead', teams: ['team-01'], mustChangePassword: false } },
  });
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function replyWith(body: unknown) {
  const fetchMock = vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('the open cards', () => {
  it('confirm an acknowledgement with the card\'s own Chinese headline, not the server\'s English title', async () => {
    replyWith({ ok: true, value: { ...GREETING, status: 'acknowledged' } });
    const onDone = vi.fn();
    render(createElement(AlertList, { alerts: [GREETING], onDone }));
    const card = within(screen.getByRole('article'));
    const headline = card.getByRole('heading').textContent ?? '';
    expect(headline).not.toMatch(/opened the call/);
    fireEvent.click(card.getByRole('button', { name: '确认' }));
    fireEvent.change(card.getByLabelText('备注'), { target: { value: '已提醒' } });
    fireEvent.click(card.getByRole('button', { name: '确认告警' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith(`已确认告警：${headline}`));
  });

  it('name the call, never the engine\'s subject key', () => {
    render(createElement(AlertList, { alerts: [GREETING, APOLOGY], onDone: () => {} }));
    const text = screen.getAllByRole('article').map((c) => c.textContent ?? '').join('\n');
    expect(text).toContain('通话 sim-1-c-call-7');
    expect(text).toContain('通话 sim-1-c-call-9');
    expect(text).not.toMatch(/sim-1-c-call-\d+:/);
  });

  it('say that an info alert does not escalate, not that it is at the top level', () => {
    render(createElement(AlertList, { alerts: [INFO], onDone: () => {} }));
    const card = screen.getByRole('article');
    expect(card.textContent).toContain('当前处理人：班组长 · 提示级告警不升级');
    expect(card.textContent).not.toContain('已是最高级别');
  });
});

describe('the history cards', () => {
  const RANG = alert({
    id: 'rang', status: 'resolved', resolvedAt: at('09:01'), resolvedBy: 'auto', resolution: 'answered by agent 1034 after 18 s of ringing', updatedAt: at('09:01'),
  });
  const OLD_WORDS = alert({
    id: 'old', callId: 'sim-1-c-call-5', subject: { kind: 'call', id: 'sim-1-c-call-5' }, status: 'resolved', resolvedAt: at('09:02'), resolvedBy: 'auto',
    resolution: 'answered after 18 s of ringing', updatedAt: at('09:02'),
  });
  const HOLD = alert({
    id: 'hold', rule: 'hold-consent', article: '67', title: 'Customer on hold at agent 1001 past 60 s', agentId: '1001', callId: 'sim-1-c-call-8',
    subject: { kind: 'call', id: 'sim-1-c-call-8' }, status: 'resolved', resolvedAt: at('09:03'), resolvedBy: 'auto',
    resolution: 'longer hold approved by demo-lead', updatedAt: at('09:03'),
    history: [
      { at: at('09:02'), action: 'opened' },
      { at: at('09:03'), action: 'hold-approved', by: 'demo-lead', note: '180 s', comment: '客户在等卡部核实账单' },
      { at: at('09:03'), action: 'resolved', by: 'auto', note: 'longer hold approved by demo-lead' },
    ],
  });
  const UNKNOWN = alert({
    id: 'unknown', callId: 'sim-1-c-call-6', subject: { kind: 'call', id: 'sim-1-c-call-6:1035' }, agentId: '1035', status: 'resolved',
    resolvedAt: at('09:04'), resolvedBy: 'auto', resolution: 'the feed restarted', updatedAt: at('09:04'),
  });
  const BY_HAND = { ...GREETING, id: 'hand', status: 'resolved' as const, acknowledgedAt: at('09:05'), acknowledgedBy: 'demo-lead', acknowledgeNote: '已提醒坐席', resolvedAt: at('09:06'), resolvedBy: 'demo-lead', resolution: 'resolved by demo-lead', updatedAt: at('09:06') };

  async function history(alerts: Alert[]) {
    replyWith(alerts);
    render(createElement(AlertHistory, { day: '2026-11-28', timezone: 'Asia/Shanghai', live: [], refreshKey: 'k', onDone: () => {} }));
    await vi.waitFor(() => expect(screen.getAllByRole('article').length).toBe(alerts.length), { timeout: 3000 });
    return (id: string) => screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === id)!;
  }

  it('read in Chinese: the headline as the open cards have it, the automatic resolution in words of the desk', async () => {
    const card = await history([RANG, OLD_WORDS, HOLD, UNKNOWN, BY_HAND]);
    for (const id of ['rang', 'old', 'hold', 'hand']) expect(card(id).textContent).not.toMatch(ENGLISH);
    expect(within(card('rang')).getByRole('heading').textContent).toBe('三声内接听（10 秒） · 坐席 1034，来电 sim-1-c-call-2');
    expect(card('rang').textContent).toContain('坐席 1034 响铃 18 秒后接听');
    expect(card('old').textContent).toContain('响铃 18 秒后接听');
    expect(card('hand').textContent).toContain('备注：已提醒坐席');
    // Resolved by hand without a note: nothing more to say than who and when.
    expect(card('hand').textContent).not.toContain('resolved by');
  });

  it('show the lead\'s own note on a hold approval, beside the allowance', async () => {
    const card = await history([HOLD]);
    const text = card('hold').textContent ?? '';
    expect(text).toContain('批准延长保持');
    expect(text).toContain('允许保持至 180 秒');
    expect(text).toContain('备注：客户在等卡部核实账单');
    expect(text).toContain('demo-lead 已批准延长保持');
  });

  it('mark words the desk cannot translate as the system\'s own', async () => {
    const card = await history([UNKNOWN]);
    expect(card('unknown').textContent).toContain('系统原文：the feed restarted');
    expect(card('unknown').textContent).not.toMatch(/sim-1-c-call-6:/);
  });
});

describe('systemWords', () => {
  const t = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
  it('knows every automatic resolution the engine writes', () => {
    const cases: Array<[string, string]> = [
      ['answered by agent 1001 after 12 s of ringing', '坐席 1001 响铃 12 秒后接听'],
      ['the call moved on to agent 1002 unanswered', '来电未接听，转至坐席 1002'],
      ['the call stopped ringing', '来电停止振铃'],
      ['wrap-up recorded', '已记录话后小结'],
      ['wrap-up recorded late', '话后小结已补记'],
      ['after-call work ended', '话后整理已结束'],
      ['the shift was changed or removed from the plan', '该班次已在排班中修改或删除'],
      ['callback made by 1003, late', '坐席 1003 已回电（逾期）'],
      ['lead 9001 logged in', '值班长 9001 已登录'],
      ['pre-shift meeting of team T1 started', '班组 T1 的班前会已开始'],
      ['the hold ended', '保持已结束'],
      ['longer hold approved by lead.wang', 'lead.wang 已批准延长保持'],
      ['no call waits too long any more', '已无来电等待过久'],
      ['the agent stopped resting', '坐席已结束小休'],
      ['the agent is back or changed state', '坐席已返回或已切换状态'],
      ['agent 1004 logged in', '坐席 1004 已登录'],
      ['agent 1005 is back', '坐席 1005 已返回'],
      ['relief 1006 logged in', '接替坐席 1006 已登录'],
    ];
    for (const [english, chinese] of cases) expect(systemWords(t, english)).toBe(chinese);
    expect(systemWords(t, 'something new')).toBe('系统原文：something new');
  });
});
