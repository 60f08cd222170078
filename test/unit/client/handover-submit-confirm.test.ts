// @vitest-environment jsdom
/**
 * Submitting a handover takes two steps. A shift lead's review found "提交交接班" sent the
 * log at once, sections 5-9 empty and no word of it, and focus then fell to <body>. The
 * first press now shows, in the form, whom it goes to and which sections are empty (empty
 * is allowed: a quiet shift has nothing to record), with Submit and Back to editing; focus
 * moves to it, and after submitting to the line saying it was submitted.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import type { Handover } from '../../../shared/handover.js';
import { HANDOVER_FIELDS } from '../../../shared/handover.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { HandoverPage } from '../../../client/src/pages/HandoverPage.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { forgetCentreZone } from '../../../client/src/time/centre-zone.js';
import { installFakeFetch, type FakeFetch } from './fake-fetch.js';

const CHANGE = Date.parse('2026-11-28T19:14:00+08:00');
const LEAD: Me = { kind: 'user', id: 'u-wang', name: '王芳', role: 'lead', teams: ['T1'], mustChangePassword: false };

/** A draft with sections 1-4 drafted and 5-9 empty, as the review found it; the roster names the incoming lead by account only. */
function draft(fields: Partial<Handover['fields']> = {}, incoming: Handover['incoming'] = { leadId: '9002', account: 'lead.li' }): Handover {
  return {
    id: 'h1', shiftChangeAt: CHANGE, teamIds: ['T1'],
    outgoing: { leadId: '9001', account: 'lead.wang' }, incoming,
    fields: {
      ...Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, ''])) as Handover['fields'],
      shiftStatus: 'Calls (whole floor): 119 offered.', importantEvents: 'None.', problemsFound: '- greeting: 1', openIssues: 'None.', ...fields,
    },
    prefill: {
      from: Date.parse('2026-11-28T18:49:00+08:00'), to: CHANGE, alertsOpened: 1, alertsResolved: 1, byRule: { greeting: 1 }, open: [],
      calls: { offered: 119, answered: 110, abandoned: 4, serviceLevel: 0.9 }, adherencePercent: null, absences: [],
    },
    status: 'draft', transferredAlerts: [],
  };
}

let server: FakeFetch;
function serve(toSubmit: Handover): void {
  server.on('GET /api/v1/handovers/current', { body: { toSubmit, toConfirm: [] } });
  server.on('POST /api/v1/handovers', (req) => ({ status: 201, body: { ...toSubmit, ...(req.body as object), status: 'submitted', submittedAt: CHANGE, submittedBy: 'lead.wang' } }));
}

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  localStorage.clear();
  forgetCentreZone();
  history.replaceState(null, '', '/handover');
  useSessionStore.setState({ state: { kind: 'signed-in', me: LEAD } });
  server = installFakeFetch({
    'GET /api/v1/rules': { body: { timezone: 'Asia/Shanghai' } },
    'GET /api/v1/handovers': { body: [] },
    'GET /api/v1/people': { body: { people: [{ username: 'lead.li', name: '李强' }, { username: 'lead.wang', name: '王芳' }] } },
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('submitting a handover', () => {
  it('asks first, in the form: whom it goes to and the sections left empty; nothing is sent until Submit', async () => {
    serve(draft());
    render(createElement(HandoverPage, { me: LEAD }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    fireEvent.click(within(form).getByRole('button', { name: 'Submit handover' }));

    const confirm = await within(form).findByRole('group', { name: 'Submit this handover?' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    expect(server.calls('POST /api/v1/handovers')).toHaveLength(0);
    // The incoming lead by name (the roster gave only the account), never the username.
    await waitFor(() => expect(confirm.textContent).toContain('It goes to the incoming lead, 李强, to confirm.'));
    expect(confirm.textContent).toContain('Left empty: Replies pending, Important notices, Swallowed-card records, Erroneous-account records, Tasks and requirements from management.');
    expect(confirm.textContent).toContain('A section may stay empty');
    expect(within(form).queryByRole('button', { name: 'Submit handover' })).toBeNull();

    // Back to the text: nothing sent, focus on the button that asked, the list follows what is typed.
    fireEvent.click(within(confirm).getByRole('button', { name: 'Back to editing' }));
    expect(within(form).queryByRole('group', { name: 'Submit this handover?' })).toBeNull();
    expect(document.activeElement).toBe(within(form).getByRole('button', { name: 'Submit handover' }));
    fireEvent.change(within(form).getByLabelText('7. Swallowed-card records'), { target: { value: 'ATM 3: card ****4411 at 18:58' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Submit handover' }));
    const again = await within(form).findByRole('group', { name: 'Submit this handover?' });
    expect(again.textContent).toContain('Left empty: Replies pending, Important notices, Erroneous-account records, Tasks and requirements from management.');
    expect(server.calls('POST /api/v1/handovers')).toHaveLength(0);

    // Empty sections are allowed: Submit sends it as it stands.
    fireEvent.click(within(again).getByRole('button', { name: 'Submit' }));
    const done = await screen.findByText('Handover submitted; waiting for 李强 to confirm.');
    expect(server.calls('POST /api/v1/handovers')).toHaveLength(1);
    expect((server.calls('POST /api/v1/handovers')[0].body as { fields: Handover['fields'] }).fields).toMatchObject({ swallowedCards: 'ATM 3: card ****4411 at 18:58', notices: '' });
    await waitFor(() => expect(document.activeElement).toBe(done.closest('[role="status"]')));
  });

  it('says it in Chinese, the default language', async () => {
    useLocale.setState({ locale: 'zh-CN' });
    serve(draft());
    render(createElement(HandoverPage, { me: LEAD }));
    const form = await screen.findByRole('form', { name: '填写交接班记录' });
    fireEvent.click(within(form).getByRole('button', { name: '提交交接班' }));
    const confirm = await within(form).findByRole('group', { name: '确认提交交接班' });
    await waitFor(() => expect(confirm.textContent).toContain('提交后交给接班值班长 李强 确认。'));
    expect(confirm.textContent).toContain('待回复问题、重要通知、吞卡记录、错账信息、领导临时交办的工作及要求 未填写。');
    expect(within(confirm).getByRole('button', { name: '返回修改' })).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: '提交' }));
    await screen.findByText('交接班已提交，等待 李强 确认。');
    expect(document.body.textContent).not.toContain('lead.li');
  });

  it('says when every section is filled in, and when no incoming lead is rostered to confirm it', async () => {
    const full = Object.fromEntries(HANDOVER_FIELDS.map((f) => [f, 'none today'])) as Handover['fields'];
    serve(draft(full, {}));
    render(createElement(HandoverPage, { me: LEAD }));
    const form = await screen.findByRole('form', { name: 'Fill in the handover log' });
    fireEvent.click(within(form).getByRole('button', { name: 'Submit handover' }));
    const confirm = await within(form).findByRole('group', { name: 'Submit this handover?' });
    expect(confirm.textContent).toContain('All nine sections are filled in.');
    expect(confirm.textContent).toContain('The roster names no incoming lead: a supervisor confirms it.');
    expect(confirm.textContent).not.toContain('Left empty');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Submit' }));
    await screen.findByText('Handover submitted. The roster names no incoming lead: waiting for a supervisor to confirm.');
  });
});
