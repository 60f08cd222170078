// @vitest-environment jsdom
/**
 * A handover refused by article 81 (critical alerts still open on the teams), as the
 * incoming lead reads it. The UI review found the refusal mixing languages and showing
 * internal ids: "第 81 条：…以下紧急告警仍未关闭：al-14 Agent 9001 used a forbidden
 * phrase, al-25 Urgent matter…", and the line stayed in the old language after a switch.
 * Each blocking alert is now named by the alert desk's headline in the reader's language
 * (in Chinese the rule's words and the agent it is about, read from the desk's API), linked
 * to the desk, never by its id; the page says the refusal in its own words, which follow a
 * switch of language, as do the page's other errors.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { AlertSummary } from '../../../shared/alerts.js';
import type { Handover, HandoverAlertRef } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { translate, useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { HandoverPage } from '../../../client/src/pages/HandoverPage.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
const switchTo = (locale: 'en' | 'zh-CN') => act(() => useLocale.getState().setLocale(locale));
const ms = (iso: string) => Date.parse(iso);
const CHANGE = ms('2026-11-28T16:00:00+08:00');

const AL14: HandoverAlertRef = {
  id: 'al-14', rule: 'forbidden-phrases', article: '68', severity: 'critical', title: 'Agent 9001 used a forbidden phrase',
  status: 'open', teamId: 'T1', openedAt: ms('2026-11-28T15:40:00+08:00'),
};
const AL25: HandoverAlertRef = {
  id: 'al-25', rule: 'urgent-escalation', article: '93, 94', severity: 'critical', title: 'Urgent matter reported by agent 9002 not passed on',
  status: 'open', teamId: 'T1', openedAt: ms('2026-11-28T15:45:00+08:00'),
};
/** al-14 as the alert desk's API has it: whom it is about. (al-25 cannot be read: named by its reference.) */
const AL14_ON_DESK = {
  ...AL14, kind: 'incident', subject: { kind: 'call', id: 'c9' }, agentId: '9001', updatedAt: AL14.openedAt,
  escalationLevel: 'lead', occurrences: 1,
} as AlertSummary;

/** What the server sends (server/engine/handover.ts): its English lists the alerts by id and title. */
const BLOCKED = {
  error: 'Article 81: no handover while an exception is unresolved; critical alerts are open: al-14 Agent 9001 used a forbidden phrase, al-25 Urgent matter reported by agent 9002 not passed on',
  code: 'handoverBlocked',
  params: { alerts: 'al-14 Agent 9001 used a forbidden phrase, al-25 Urgent matter reported by agent 9002 not passed on' },
  field: 'alerts',
  blocking: [AL14, AL25],
};

function submitted(): Handover {
  return {
    id: 'h1', shiftChangeAt: CHANGE, teamIds: ['T1'],
    outgoing: { leadId: '9001', account: 'lead.wang', name: 'Wang Fang' },
    incoming: { leadId: '9002', account: 'lead.li', name: 'Li Qiang' },
    fields: Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, ''])) as Handover['fields'],
    prefill: {
      from: ms('2026-11-28T08:00:00+08:00'), to: CHANGE, alertsOpened: 2, alertsResolved: 0, byRule: {},
      open: [], calls: { offered: 0, answered: 0, abandoned: 0, serviceLevel: null }, adherencePercent: null, absences: [],
    },
    status: 'submitted', transferredAlerts: [], submittedAt: CHANGE - 60_000, submittedBy: 'lead.wang',
  };
}

function me(role: Me['role']): Me {
  return { kind: 'user', id: `u-${role}`, name: role, role, teams: ['T1'], mustChangePassword: false };
}

let server: FakeFetch;
beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  localStorage.clear();
  forgetCentreZone();
  history.replaceState(null, '', '/handover');
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/handovers': { body: [] },
    'GET /api/v1/handovers/current': { body: { toConfirm: [submitted()] } },
    'GET /api/v1/alerts/al-14': { body: AL14_ON_DESK },
    'GET /api/v1/alerts/al-25': { status: 404, body: { error: 'no open alert with this id is visible to you', code: 'alertNotVisible' } },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('a handover refused while critical alerts are open (article 81)', () => {
  it('names each blocking alert by its headline in Chinese, never its id nor the server\'s English', async () => {
    server.on('POST /api/v1/handovers/h1/confirm', { status: 409, body: BLOCKED });
    render(createElement(HandoverPage, { me: me('lead') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('handover.confirm.button') }));
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain(zh('handover.confirm.refused', { n: 2 }));

    const [first, second] = within(refusal).getAllByRole('listitem');
    // al-14 as the desk names it: the rule's words and the agent it is about.
    await waitFor(() => expect(within(first).getByRole('link').textContent).toContain('坐席 9001'));
    const names = [first, second].map((item) => within(item).getByRole('link').textContent ?? '');
    expect(names[0]).toContain(zh('rule.forbidden-phrases'));
    for (const name of names) expect(name).not.toMatch(/[A-Za-z]{2,}/);
    // Linked to the desk; the id is in the address only, never in what is read.
    expect(within(first).getByRole('link').getAttribute('href')).toBe('/alerts#alert-al-14');
    expect(within(second).getByRole('link').getAttribute('href')).toBe('/alerts#alert-al-25');
    expect(refusal.textContent).not.toMatch(/al-14|al-25/);
    expect(refusal.textContent).not.toMatch(/Agent 9001|Urgent matter|Article 81/);
  });

  it('says it all again in English after a switch, the headlines the desk\'s English ones', async () => {
    server.on('POST /api/v1/handovers/h1/confirm', { status: 409, body: BLOCKED });
    render(createElement(HandoverPage, { me: me('lead') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('handover.confirm.button') }));
    const refusal = await screen.findByRole('alert');
    await waitFor(() => expect(refusal.textContent).toContain('坐席 9001'));

    switchTo('en');
    expect(refusal.textContent).toContain('The handover cannot be confirmed while critical alerts are open (article 81). Still open: 2');
    expect(within(refusal).getAllByRole('link').slice(0, 2).map((a) => a.textContent)).toEqual([AL14.title, AL25.title]);
    expect(refusal.textContent).not.toMatch(/al-14|al-25/);
    expect(refusal.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('says another refusal by its code, in the language of the moment', async () => {
    server.on('POST /api/v1/handovers/h1/confirm', {
      status: 403, body: { error: 'only the incoming lead or a floor supervisor confirms this handover (the incoming lead is lead.li)', code: 'handoverNotIncoming', params: { who: 'the incoming lead is lead.li' } },
    });
    render(createElement(HandoverPage, { me: me('lead') }));
    fireEvent.click(await screen.findByRole('button', { name: zh('handover.confirm.button') }));
    const said = zh('problem.handoverNotIncoming', { who: 'the incoming lead is lead.li' });
    expect((await screen.findByRole('alert')).textContent).toBe(said);
    switchTo('en');
    expect(screen.getByRole('alert').textContent).toBe('Only the incoming lead or a floor supervisor confirms this handover (the incoming lead is lead.li).');
  });
});

describe('preparing a handover', () => {
  it('says the page\'s own check in English after a switch', async () => {
    server.on('GET /api/v1/handovers/current', { body: { toConfirm: [] } });
    render(createElement(HandoverPage, { me: me('supervisor') }));
    const prepare = await screen.findByRole('form', { name: zh('handover.prepare.title') });
    fireEvent.click(within(prepare).getByRole('button', { name: zh('handover.prepare.button') }));
    expect(within(prepare).getByText('请输入交接日期和时间。')).toBeTruthy();
    switchTo('en');
    expect(within(prepare).getByText('Enter the shift change\'s date and time.')).toBeTruthy();
  });
});
