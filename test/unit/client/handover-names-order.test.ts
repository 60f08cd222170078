// @vitest-environment jsdom
/**
 * The incoming lead's handover page, as a shift lead's review found it: their own next
 * draft (due at the end of the duty just begun) above "待我确认 1", the handover they must
 * act on now; and, in the Chinese page, alert lines saying "no-hangup-first · 第 74 (65) 条",
 * "absence", "survey-transfer", and usernames where people are meant. Those waiting for
 * confirmation now come first; rules are named as the alert desk names them, in the
 * reader's language, and people by their names.
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { Handover, HandoverAlertRef } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { RULE_IDS } from '../../../shared/rules.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { HandoverPage } from '../../../client/src/pages/HandoverPage.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch } from './fake-fetch.js';

const ms = (iso: string) => Date.parse(iso);
const CHANGE = ms('2026-11-28T19:14:00+08:00');
const LI: Me = { kind: 'user', id: 'u-li', name: '李强', role: 'lead', teams: ['T1'], mustChangePassword: false };

const ref = (id: string, rule: HandoverAlertRef['rule'], article: string, severity: HandoverAlertRef['severity']): HandoverAlertRef => ({
  id, rule, article, severity, title: `${rule} alert`, status: 'open', teamId: 'T1', openedAt: CHANGE - 600_000,
});
const OPEN = [
  ref('a1', 'no-hangup-first', '74 (65)', 'warning'), ref('a2', 'answer-3-rings', '60', 'warning'),
  ref('a3', 'absence', '105.1', 'warning'), ref('a4', 'survey-transfer', '76', 'info'),
];

function handover(over: Partial<Handover>): Handover {
  return {
    id: 'h1', shiftChangeAt: CHANGE, teamIds: ['T1'],
    // The roster carries accounts only: the names are the accounts' people's.
    outgoing: { leadId: '9001', account: 'lead.wang' }, incoming: { leadId: '9002', account: 'lead.li' },
    fields: Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, ''])) as Handover['fields'],
    prefill: {
      from: ms('2026-11-28T18:49:00+08:00'), to: CHANGE, alertsOpened: 4, alertsResolved: 0,
      byRule: { 'no-hangup-first': 1, 'answer-3-rings': 1, absence: 1, 'survey-transfer': 1 }, open: OPEN,
      calls: { offered: 119, answered: 110, abandoned: 4, serviceLevel: 0.9 }, adherencePercent: null, absences: ['1003'],
    },
    status: 'submitted', submittedAt: CHANGE - 60_000, submittedBy: 'lead.wang', transferredAlerts: [], ...over,
  };
}
/** Li's own next handover, at the end of the duty that has just begun. */
const OWN_NEXT = handover({
  id: 'h2', shiftChangeAt: CHANGE + 86_400_000, outgoing: { leadId: '9002', account: 'lead.li' }, incoming: {},
  status: 'draft', submittedAt: undefined, submittedBy: undefined,
});

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  localStorage.clear();
  forgetCentreZone();
  history.replaceState(null, '', '/handover');
  useSessionStore.setState({ state: { kind: 'signed-in', me: LI } });
  installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/handovers': { body: [] },
    'GET /api/v1/handovers/current': { body: { toSubmit: OWN_NEXT, toConfirm: [handover({})] } },
    'GET /api/v1/people': { body: { people: [{ username: 'lead.li', name: '李强' }, { username: 'lead.wang', name: '王芳' }] } },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panelTitles = () => [...document.querySelectorAll('.handover-current > section > h3')].map((h) => h.textContent);

describe('the incoming lead\'s handover page', () => {
  it('puts the handover waiting for their confirmation above their own next draft, and theirs first once none waits', async () => {
    render(createElement(HandoverPage, { me: LI }));
    await screen.findByRole('article', { name: /19:14 的交接班/ });
    expect(panelTitles()).toEqual(['待我确认 1', '我要交班']);
    cleanup();

    installFakeFetch({
      'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
      'GET /api/v1/handovers': { body: [] },
      'GET /api/v1/handovers/current': { body: { toSubmit: OWN_NEXT, toConfirm: [] } },
    });
    render(createElement(HandoverPage, { me: LI }));
    await screen.findByRole('form', { name: '填写交接班记录' });
    expect(panelTitles()).toEqual(['我要交班', '待我确认 0']);
  });

  it('names each alert\'s rule as the desk does, in the reader\'s language, and people by name', async () => {
    render(createElement(HandoverPage, { me: LI }));
    const article = await screen.findByRole('article', { name: /19:14 的交接班/ });
    const lines = within(article).getAllByRole('listitem').filter((li) => li.classList.contains('handover-alert'));
    expect(lines.map((li) => li.querySelector('.handover-alert-meta')?.textContent?.split(' · ').slice(0, 2).join(' · '))).toEqual([
      '不先于客户挂机 · 第 74 (65) 条', `${translate('zh-CN', 'rule.answer-3-rings')} · 第 60 条`,
      `${translate('zh-CN', 'rule.absence')} · 第 105.1 条`, `${translate('zh-CN', 'rule.survey-transfer')} · 第 76 条`,
    ]);
    const rules = article.querySelector('.handover-rules')?.textContent ?? '';
    expect(rules).toContain(translate('zh-CN', 'rule.survey-transfer'));
    // No rule's id is read anywhere on the page (it stays as data, and in the tooltip).
    const read = [...document.querySelectorAll('.handover-current .handover-alerts, .handover-current .handover-rules, .handover-current .handover-meta')]
      .map((el) => el.textContent).join('\n');
    for (const id of RULE_IDS) expect(read).not.toContain(id);

    // The leads and who submitted, by name once the names are read, not by username.
    const meta = article.querySelector('.handover-meta') as HTMLElement;
    await waitFor(() => expect(within(meta).getByText('交班值班长').nextElementSibling?.textContent).toBe('王芳'));
    expect(within(meta).getByText('接班值班长').nextElementSibling?.textContent).toBe('李强');
    expect(within(meta).getByText('提交').nextElementSibling?.textContent).toMatch(/^王芳，/);
    expect(meta.textContent).not.toMatch(/lead\./);

    // In English, the English names.
    act(() => useLocale.setState({ locale: 'en' }));
    expect(lines[0].querySelector('.handover-alert-meta')?.textContent).toMatch(/^Never hang up before the customer · Art\. 74 \(65\)/);
  });
});
