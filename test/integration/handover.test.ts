/**
 * The seat handover over real HTTP, on a real floor with SQLite and real access control:
 * the outgoing lead's prefilled handover, the incoming lead's confirmation refused while a
 * critical alert is open (article 81) and accepted once it is resolved, the open alerts
 * then owned by the incoming lead (article 82) as the desk shows them, who may do what,
 * the searchable history, and every write in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/access.js';
import type { Alert } from '../../shared/alerts.js';
import type { Handover, HandoverRefusal } from '../../shared/handover.js';
import { createSqliteHandoverStore } from '../../server/handover/sqlite-store.js';
import { expectJson, postAs } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { startIssue6Server, type Issue6Server } from './handover-points-server.js';

const local = (time: string): number => Date.parse(`2026-11-28T${time}:00+08:00`);
const CHANGE = local('12:00');

let s: Issue6Server;
let wang: Browser;
let li: Browser;
let zhao: Browser;
let sup: Browser;
let mgr: Browser;
let tv: string;
let urgentId: string;
let absenceId: string;

beforeAll(async () => {
  s = await startIssue6Server(local('06:30'));
  wang = await s.person('lead.wang', 'lead', ['T1', 'T2']);
  li = await s.person('lead.li', 'lead', ['T1', 'T2']);
  zhao = await s.person('lead.zhao', 'lead', ['T3']);
  sup = await s.person('sup', 'supervisor');
  mgr = await s.person('mgr', 'manager');
  tv = await s.tvToken();
  // The WFM plan: wang leads T1+T2 until noon, li from noon; agent 1003 is due at 09:00.
  const planned = await s.floor.changeSchedule({
    op: 'upsert',
    leads: [
      { id: 'wang-am', leadId: '9001', account: 'lead.wang', name: 'Wang Fang', teamIds: ['T1', 'T2'], start: local('06:00'), end: CHANGE },
      { id: 'li-pm', leadId: '9002', account: 'lead.li', name: 'Li Lei', teamIds: ['T1', 'T2'], start: CHANGE, end: local('18:00') },
    ],
    shifts: [
      { id: '1002@08', agentId: '1002', teamId: 'T2', start: local('08:00'), end: local('16:00'), breaks: [] },
      { id: '1003@09', agentId: '1003', teamId: 'T1', start: local('09:00'), end: local('17:00'), breaks: [] },
    ],
  });
  expect(planned.ok).toBe(true);
  s.clock.set(local('07:50'));
  await s.ingest([{ type: 'agent.login', agentId: '1002', stationId: 'S-2', teamId: 'T2' }]);
  s.clock.set(local('10:00'));
  await s.ingest([{ type: 'urgent.reported', agentId: '1002', summary: 'caller reports card fraud' }]);
  s.clock.set(local('11:30'));
  await s.ingest([
    { type: 'agent.login', agentId: '9002', stationId: 'S-L', teamId: 'T1', role: 'lead' },
    { type: 'meeting.started', teamId: 'T1', kind: 'pre_shift' },
  ]);
  s.clock.set(local('11:50'));
  await s.floor.tick();
  const open = await s.floor.listAlerts({ status: ['open'] });
  urgentId = open.find((a) => a.rule === 'urgent-escalation')!.id;
  absenceId = open.find((a) => a.rule === 'absence')!.id;
});

afterAll(async () => {
  await s?.close();
});

const submission = { shiftChangeAt: '2026-11-28T12:00:00+08:00', teamIds: ['T1', 'T2'], fields: { openIssues: 'Card reader at S-04 broken', swallowedCards: 'ATM 3: card ending 4411' } };

describe('the handover over HTTP', () => {
  let handover: Handover;

  it('the outgoing lead finds their handover prefilled; the incoming lead has nothing to confirm yet', async () => {
    const current = await expectJson<{ toSubmit?: Handover; toConfirm: Handover[] }>(await wang.call('GET', '/api/v1/handovers/current'), 200);
    expect(current.toConfirm).toEqual([]);
    expect(current.toSubmit).toMatchObject({
      shiftChangeAt: CHANGE, teamIds: ['T1', 'T2'], status: 'draft',
      outgoing: { account: 'lead.wang' }, incoming: { account: 'lead.li', name: 'Li Lei' },
      prefill: { from: local('06:00'), to: CHANGE, alertsOpened: 2, absences: ['1003'], byRule: { absence: 1, 'urgent-escalation': 1 } },
    });
    expect(current.toSubmit!.prefill.open.map((a) => a.id)).toEqual([urgentId, absenceId]);
    expect(await expectJson(await li.call('GET', '/api/v1/handovers/current'), 200)).toEqual({ toConfirm: [] });
    const draft = await expectJson<Handover>(await wang.call('GET', `/api/v1/handovers/draft?shiftChangeAt=${CHANGE}&teamIds=T1,T2`), 200);
    expect(draft.id).toBe(current.toSubmit!.id);
    expect(await expectJson(await zhao.call('GET', `/api/v1/handovers/draft?shiftChangeAt=${CHANGE}&teamIds=T1`), 403)).toMatchObject({ field: 'teamIds' });
    expect(await expectJson(await wang.call('GET', '/api/v1/handovers/draft?teamIds=T1'), 400)).toMatchObject({ field: 'shiftChangeAt' });
  });

  it('only the outgoing lead (or a supervisor) submits; it is 201 and waits for the incoming lead', async () => {
    expect((await postAs(li, '/api/v1/handovers', submission)).status).toBe(403);
    expect((await postAs(mgr, '/api/v1/handovers', submission)).status).toBe(403);
    expect(await expectJson(await postAs(wang, '/api/v1/handovers', { ...submission, teamIds: [] }), 400)).toMatchObject({ field: 'teamIds' });
    handover = await expectJson<Handover>(await postAs(wang, '/api/v1/handovers', submission), 201);
    expect(handover).toMatchObject({ status: 'submitted', submittedBy: 'lead.wang', fields: { openIssues: 'Card reader at S-04 broken', notices: '' } });
    const forLi = await expectJson<{ toConfirm: Handover[] }>(await li.call('GET', '/api/v1/handovers/current'), 200);
    expect(forLi.toConfirm.map((h) => h.id)).toEqual([handover.id]);
    const forSup = await expectJson<{ toSubmit?: Handover; toConfirm: Handover[] }>(await sup.call('GET', '/api/v1/handovers/current'), 200);
    expect([forSup.toSubmit, forSup.toConfirm.map((h) => h.id)]).toEqual([undefined, [handover.id]]);
  });

  it('the incoming lead\'s confirmation is refused (409) while the critical alert is open, naming it', async () => {
    const refused = await expectJson<HandoverRefusal>(await postAs(li, `/api/v1/handovers/${handover.id}/confirm`, { note: 'on site' }), 409);
    expect(refused).toMatchObject({ ok: false, field: 'alerts', error: expect.stringMatching(/Article 81/) });
    expect(refused.blocking).toEqual([expect.objectContaining({ id: urgentId, rule: 'urgent-escalation', severity: 'critical', teamId: 'T2' })]);
    expect((await expectJson<Handover>(await li.call('GET', `/api/v1/handovers/${handover.id}`), 200)).status).toBe('submitted');
  });

  it('only the incoming lead or a supervisor confirms; not the outgoing lead, another team\'s lead, a manager or a TV', async () => {
    expect((await postAs(wang, `/api/v1/handovers/${handover.id}/confirm`, {})).status).toBe(403);
    expect((await postAs(zhao, `/api/v1/handovers/${handover.id}/confirm`, {})).status).toBe(404);
    expect((await postAs(mgr, `/api/v1/handovers/${handover.id}/confirm`, {})).status).toBe(403);
    const byTv = await fetch(`${s.base}/api/v1/handovers/${handover.id}/confirm`, {
      method: 'POST', headers: { authorization: `Bearer ${tv}`, 'content-type': 'application/json' }, body: '{}',
    });
    expect(byTv.status).toBe(403);
    expect((await li.call('POST', `/api/v1/handovers/${handover.id}/confirm`, { body: {} })).status).toBe(403); // no CSRF token
  });

  it('once the critical alert is resolved, the confirmation passes the open alerts to the incoming lead', async () => {
    expect((await postAs(wang, `/api/v1/alerts/${urgentId}/resolve`, { note: 'passed to the fraud team' })).status).toBe(200);
    s.clock.set(CHANGE + 60_000);
    const confirmed = await expectJson<Handover>(await postAs(li, `/api/v1/handovers/${handover.id}/confirm`, { note: 'taken over' }), 200);
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: CHANGE + 60_000, confirmNote: 'taken over', transferredAlerts: [absenceId] });
    const desk = await expectJson<Alert[]>(await li.call('GET', '/api/v1/alerts?status=open'), 200);
    expect(desk.find((a) => a.id === absenceId)).toMatchObject({ owner: { account: 'lead.li', teamIds: ['T1', 'T2'], handoverId: handover.id } });
    expect(await expectJson(await postAs(li, `/api/v1/handovers/${handover.id}/confirm`, {}), 409)).toMatchObject({ error: expect.stringMatching(/already confirmed/) });
    expect((await postAs(wang, '/api/v1/handovers', submission)).status).toBe(409);
  });

  it('the history is searchable and kept in the database file', async () => {
    const found = await expectJson<Handover[]>(await sup.call('GET', '/api/v1/handovers?q=ATM%203&status=confirmed&teamId=T2'), 200);
    expect(found.map((h) => h.id)).toEqual([handover.id]);
    expect(await expectJson(await sup.call('GET', '/api/v1/handovers?q=nothing-like-this'), 200)).toEqual([]);
    expect(await expectJson(await sup.call('GET', `/api/v1/handovers?from=${CHANGE + 1}`), 200)).toEqual([]);
    expect(await expectJson(await sup.call('GET', '/api/v1/handovers?status=draft'), 400)).toMatchObject({ field: 'status.0' });
    expect(await expectJson(await zhao.call('GET', '/api/v1/handovers'), 200)).toEqual([]);
    expect((await zhao.call('GET', `/api/v1/handovers/${handover.id}`)).status).toBe(404);
    expect((await s.admin.call('GET', `/api/v1/handovers/${handover.id}`)).status).toBe(200);
    expect((await fetch(`${s.base}/api/v1/handovers`, { headers: { authorization: `Bearer ${tv}` } })).status).toBe(403);
    const reopened = createSqliteHandoverStore(s.file);
    try {
      expect(await reopened.get(handover.id)).toMatchObject({ status: 'confirmed', transferredAlerts: [absenceId] });
    } finally {
      await reopened.close();
    }
  });

  it('every write is in the audit log', async () => {
    const audit = await expectJson<AuditEntry[]>(await s.admin.call('GET', '/api/v1/audit'), 200);
    const accounts = Object.fromEntries((await s.access.listAccounts()).map((a) => [a.id, a.username]));
    expect(audit.filter((a) => a.action.startsWith('handover-')).map((a) => `${accounts[a.actor]} ${a.action} ${a.target}`)).toEqual([
      `lead.wang handover-submitted ${handover.id}`,
      `lead.li handover-confirm-refused ${handover.id}`,
      `lead.li handover-confirmed ${handover.id}`,
    ]);
  });
});
