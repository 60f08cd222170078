// @vitest-environment jsdom
/**
 * The alert desk in Chinese says everything in Chinese: the confirmation after an action,
 * the history's cards and their automatic resolutions (the server writes English), the
 * lead's own note on a hold approval; an info alert says it does not escalate; and the
 * subject is the call or the agent, never the engine's subject key. The confirmation is kept
 * as a message key and follows a change of language; each kind of answer-3-rings alert has
 * its own headline; an acknowledged alert's trail is inside its card.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { alertTitle } from '../../../shared/alert-titles.js';
import { ALERT_REASONS, type Alert, type AlertReasonCode, type AlertReasonParams } from '../../../shared/alerts.js';
import { useDoneText, type DoneMessage } from '../../../client/src/alerts/AlertCard.js';
import { AlertHistory } from '../../../client/src/alerts/AlertHistory.js';
import { AlertList } from '../../../client/src/alerts/AlertList.js';
import { allowanceText, resolutionText, systemWords } from '../../../client/src/alerts/system-words.js';
import { translate, useLocale, type Locale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { deskAt } from './desk-clock.js';

const NOW = Date.parse('2026-11-28T09:10:00+08:00');
const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+08:00`);
/** The server's English: its titles and resolutions (rule ids and call ids are codes, not words). */
const ENGLISH = /\b(answered|ringing|approved|resolved|Note|Agent|Call|Customer|by)\b/;

function alert(over: Partial<Alert> & Pick<Alert, 'id'>): Alert {
  return {
    rule: 'answer-3-rings', article: '60', kind: 'condition', status: 'open', severity: 'warning',
    ...alertTitle('answer-3-rings.ringing', { agent: '1034', seconds: 10 }), subject: { kind: 'call', id: 'sim-1-c-call-2:1034' },
    agentId: '1034', callId: 'sim-1-c-call-2', openedAt: at('09:00'), updatedAt: at('09:00'), escalationLevel: 'lead',
    evidence: ['e1'], occurrences: 1, history: [], ...over,
  };
}

const GREETING = alert({
  id: 'greet', rule: 'greeting', article: '60', kind: 'incident', severity: 'warning',
  ...alertTitle('greeting.noNumber', { agent: '1018' }), agentId: '1018', callId: 'sim-1-c-call-7',
  subject: { kind: 'call', id: 'sim-1-c-call-7:1018' }, escalatesAt: NOW + 60_000,
});
const APOLOGY = alert({
  id: 'apology', kind: 'incident', ...alertTitle('answer-3-rings.lateNoApology', { agent: '1018' }), agentId: '1018', callId: 'sim-1-c-call-9',
  subject: { kind: 'call', id: 'sim-1-c-call-9:apology:1018' }, escalatesAt: NOW + 60_000,
});
const INFO = alert({
  id: 'info', rule: 'wrap-up-record', article: '77', kind: 'incident', severity: 'info', ...alertTitle('wrap-up-record.noType', { agent: '1020' }),
  agentId: '1020', callId: 'sim-1-c-call-3', subject: { kind: 'call', id: 'sim-1-c-call-3' },
});

deskAt(NOW, 'zh-CN', { leadOf: ['team-01'] });

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
    fireEvent.change(card.getByLabelText('备注（可选）'), { target: { value: '已提醒' } });
    fireEvent.click(card.getByRole('button', { name: '确认告警' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalledWith({ key: 'alerts.done.acknowledged', about: GREETING }));

    // Put in words when shown: the card's headline, in the language of the moment.
    const done = onDone.mock.calls[0][0] as DoneMessage;
    const Announce = () => createElement('p', { 'data-testid': 'done' }, useDoneText()(done));
    render(createElement(Announce));
    expect(screen.getByTestId('done').textContent).toBe(`已确认告警：${headline}`);
    act(() => useLocale.setState({ locale: 'en' }));
    expect(screen.getByTestId('done').textContent).toBe('Acknowledged: Agent 1018 opened the call without stating the agent number');
  });

  it('tell the two kinds of answer-3-rings alert apart by their headlines', () => {
    const RINGING = alert({ id: 'ringing', escalatesAt: NOW + 60_000 });
    render(createElement(AlertList, { alerts: [RINGING, APOLOGY], onDone: () => {} }));
    const headline = (id: string) => within(screen.getAllByRole('article').find((a) => a.getAttribute('data-alert') === id)!).getByRole('heading').textContent;
    expect(headline('ringing')).toBe('来电响铃超过 10 秒未接听 · 坐席 1034，来电 sim-1-c-call-2');
    expect(headline('apology')).toBe('超时接听后未致歉 · 坐席 1018，来电 sim-1-c-call-9');
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
    expect(card.textContent).toContain('当前处理人：值班长 · 提示级告警不升级');
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
    id: 'hold', rule: 'hold-consent', article: '67', ...alertTitle('hold-consent.pastLimit', { agent: '1001', seconds: 60 }), agentId: '1001', callId: 'sim-1-c-call-8',
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
    expect(within(card('rang')).getByRole('heading').textContent).toBe('来电响铃超过 10 秒未接听 · 坐席 1034，来电 sim-1-c-call-2');
    expect(card('rang').textContent).toContain('坐席 1034 响铃 18 秒后接听');
    expect(card('old').textContent).toContain('响铃 18 秒后接听');
    expect(card('hand').textContent).toContain('备注：已提醒坐席');
    // Resolved by hand without a note: nothing more to say than who and when.
    expect(card('hand').textContent).not.toContain('resolved by');
  });

  it('draw an acknowledged alert\'s trail inside its card, above what can still be done', async () => {
    const ACKED = { ...GREETING, id: 'acked', status: 'acknowledged' as const, acknowledgedAt: at('09:05'), acknowledgedBy: 'demo-lead', acknowledgeNote: '已提醒坐席', updatedAt: at('09:05') };
    const card = await history([ACKED]);
    const trail = card('acked').querySelector('.desk-trail');
    expect(trail).not.toBeNull();
    expect(trail!.textContent).toContain('demo-lead');
    expect(trail!.compareDocumentPosition(within(card('acked')).getByRole('button', { name: '解决' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('show the lead\'s own note on a hold approval, beside the allowance', async () => {
    const card = await history([HOLD]);
    const text = card('hold').textContent ?? '';
    expect(text).toContain('批准延长保持');
    expect(text).toContain('允许保持至 180 秒');
    expect(text).toContain('备注：客户在等卡部核实账单');
    expect(text).toContain('demo-lead 已批准延长保持');
  });

  it('say the system\'s words by their code, whatever the English says, and hide the stand-in for a missing note', async () => {
    // The engine reworded its English: the code still says what happened.
    const CODED = alert({
      id: 'coded', status: 'resolved', resolvedAt: at('09:07'), resolvedBy: 'auto', updatedAt: at('09:07'),
      resolution: 'picked up by 1034 after eighteen seconds', resolutionCode: 'answeredAfter', resolutionParams: { agent: '1034', seconds: 18 },
    });
    const LEAVE = alert({
      id: 'leave', rule: 'no-leaving-post', article: '79', title: 'Agent 1001 left seat S-7', agentId: '1001', callId: undefined,
      subject: { kind: 'agent', id: '1001' }, status: 'resolved', resolvedAt: at('09:08'), resolvedBy: 'lead-7', updatedAt: at('09:08'),
      resolution: 'leave approved by lead-7: child ill', resolutionCode: 'leaveApprovedWithNote', resolutionParams: { who: 'lead-7', note: 'child ill' },
    });
    const STAND_IN = { ...BY_HAND, id: 'stand-in', acknowledgeNote: undefined, resolutionCode: 'resolvedBy' as const, resolutionParams: { who: 'demo-lead' } };
    const HOLD_CODED = {
      ...HOLD, id: 'hold-coded', resolution: 'longer hold OK by demo-lead', resolutionCode: 'holdApproved' as const, resolutionParams: { who: 'demo-lead' },
      history: [{ at: at('09:03'), action: 'hold-approved' as const, by: 'demo-lead', note: '3 min', noteCode: 'holdAllowed' as const, noteParams: { seconds: 180 } }],
    };
    const card = await history([CODED, LEAVE, STAND_IN, HOLD_CODED]);
    expect(card('coded').textContent).toContain('坐席 1034 响铃 18 秒后接听');
    expect(card('leave').textContent).toContain('lead-7 批准离岗 — 备注：child ill');
    expect(card('hold-coded').textContent).toContain('允许保持至 180 秒');
    expect(card('hold-coded').textContent).toContain('demo-lead 已批准延长保持');
    for (const id of ['coded', 'hold-coded', 'stand-in']) expect(card(id).textContent).not.toMatch(ENGLISH);
    expect(card('stand-in').textContent).not.toContain('demo-lead 已解决');
  });

  it('show the English of a code the desk does not know (a newer server) as the system\'s words', async () => {
    const NEWER = alert({
      id: 'newer', status: 'resolved', resolvedAt: at('09:09'), resolvedBy: 'auto', updatedAt: at('09:09'),
      resolution: 'the caller hung up during the ring', resolutionCode: 'callerHungUp' as AlertReasonCode,
    });
    const card = await history([NEWER]);
    expect(card('newer').textContent).toContain('系统原文：the caller hung up during the ring');
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

describe('the system\'s words by code', () => {
  /** Each code with parameters as the engine sends them, and what each language says. */
  const CASES: Record<AlertReasonCode, { params?: AlertReasonParams; zh: string; en: string }> = {
    answeredAfter: { params: { agent: '1001', seconds: 12 }, zh: '坐席 1001 响铃 12 秒后接听', en: 'answered by agent 1001 after 12 s of ringing' },
    movedOn: { params: { agent: '1002' }, zh: '来电未接听，转至坐席 1002', en: 'the call moved on to agent 1002 unanswered' },
    stoppedRinging: { zh: '来电停止振铃', en: 'the call stopped ringing' },
    wrapUpRecorded: { zh: '已记录话后小结', en: 'wrap-up recorded' },
    wrapUpRecordedLate: { zh: '话后小结已补记', en: 'wrap-up recorded late' },
    acwEnded: { zh: '话后整理已结束', en: 'after-call work ended' },
    shiftChanged: { zh: '该班次已在排班中修改或删除', en: 'the shift was changed or removed from the plan' },
    callbackLate: { params: { agent: '1003' }, zh: '坐席 1003 已回电（逾期）', en: 'callback made by agent 1003, late' },
    leadIn: { params: { agent: '9001' }, zh: '值班长 9001 已登录', en: 'lead 9001 logged in' },
    meetingStarted: { params: { team: 'T1' }, zh: '班组 T1 的班前会已开始', en: 'pre-shift meeting of team T1 started' },
    holdEnded: { zh: '保持已结束', en: 'the hold ended' },
    holdApproved: { params: { who: 'lead.wang' }, zh: 'lead.wang 已批准延长保持', en: 'longer hold approved by lead.wang' },
    noLongWait: { zh: '已无来电等待过久', en: 'no call waits too long any more' },
    stoppedResting: { zh: '坐席已结束小休', en: 'the agent stopped resting' },
    agentBack: { zh: '坐席已返回或已切换状态', en: 'the agent is back or changed state' },
    agentIn: { params: { agent: '1004' }, zh: '坐席 1004 已登录', en: 'agent 1004 logged in' },
    agentIsBack: { params: { agent: '1005' }, zh: '坐席 1005 已返回', en: 'agent 1005 is back' },
    reliefIn: { params: { agent: '1006' }, zh: '接替坐席 1006 已登录', en: 'relief 1006 logged in' },
    leaveApproved: { params: { who: 'lead-7' }, zh: 'lead-7 批准离岗', en: 'leave approved by lead-7' },
    leaveApprovedWithNote: { params: { who: 'lead-7', note: '孩子生病' }, zh: 'lead-7 批准离岗 — 备注：孩子生病', en: 'leave approved by lead-7 — Note: 孩子生病' },
    resolvedBy: { params: { who: 'demo-lead' }, zh: 'demo-lead 已解决', en: 'resolved by demo-lead' },
    falseAlarm: { params: { who: 'lead-7' }, zh: 'lead-7 判定为误报', en: 'a false alarm, said lead-7' },
    falseAlarmWithNote: { params: { who: 'lead-7', note: '录音已核' }, zh: 'lead-7 判定为误报 — 备注：录音已核', en: 'a false alarm, said lead-7 — Note: 录音已核' },
    holdAllowed: { params: { seconds: 180 }, zh: '允许保持至 180 秒', en: 'hold allowed up to 180 s' },
    handedOver: { params: { account: 'lead-b' }, zh: '交接给 lead-b', en: 'handed over to lead-b' },
    passedOn: { params: { who: 'lead.wang' }, zh: 'lead.wang 已上报现场主管', en: 'passed on to the supervisor by lead.wang' },
    passedOnToManager: { params: { who: 'sup.zhao' }, zh: 'sup.zhao 已上报部门经理', en: 'passed on to the manager by sup.zhao' },
  };
  const tOf = (locale: Locale) => (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);

  it('says every code in both languages, from the code and its parameters, not from the English', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ALERT_REASONS).sort());
    for (const [code, { params, zh, en }] of Object.entries(CASES)) {
      expect(systemWords(tOf('zh-CN'), 'words the desk never saw', code, params), code).toBe(zh);
      expect(systemWords(tOf('en'), 'words the desk never saw', code, params), code).toBe(en);
    }
  });

  it('a resolution and an allowance by code; the English only without one', () => {
    const t = tOf('zh-CN');
    expect(resolutionText(t, { resolvedBy: 'auto', resolution: 'x', resolutionCode: 'holdEnded' })).toBe('保持已结束');
    expect(resolutionText(t, { resolvedBy: 'lead-7', resolution: 'leave approved by lead-7', resolutionCode: 'leaveApproved', resolutionParams: { who: 'lead-7' } }))
      .toBe('lead-7 批准离岗');
    expect(resolutionText(t, { resolvedBy: 'lead-7', resolution: 'resolved by lead-7', resolutionCode: 'resolvedBy', resolutionParams: { who: 'lead-7' } }))
      .toBeUndefined();
    // A person's own note has no code: it is shown as they wrote it.
    expect(resolutionText(t, { resolvedBy: 'lead-7', resolution: 'passed to IT' })).toBe('备注：passed to IT');
    // Older alerts, without codes, still read: by the shape of the engine's words then.
    expect(resolutionText(t, { resolvedBy: 'lead-7', resolution: 'leave approved by lead-7: child ill' })).toBe('lead-7 批准离岗 — 备注：child ill');
    expect(resolutionText(t, { resolvedBy: 'lead-7', resolution: 'resolved by lead-7' })).toBeUndefined();
    expect(allowanceText(t, { note: '2 min', noteCode: 'holdAllowed', noteParams: { seconds: 120 } })).toBe('允许保持至 120 秒');
    expect(allowanceText(t, { note: '120 s' })).toBe('允许保持至 120 秒');
    expect(allowanceText(t, { note: 'until the bank calls back' })).toBe('系统原文：until the bank calls back');
    // A code from a newer server: its English, marked, and never guessed from its shape.
    expect(systemWords(t, 'the hold ended', 'holdEndedByCaller')).toBe('系统原文：the hold ended');
  });
});
