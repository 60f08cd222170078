/**
 * The handover service on a real floor (see scenario.ts): the prefill from the morning's
 * alerts and figures, who may submit and confirm, the article 81 refusal naming what
 * blocks it, the article 82 transfer of ownership as the alerts show it, the confirmation
 * retried after a crash, and the searchable history.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Handover } from '../../../shared/handover.js';
import type { Actor, Auditor } from '../../../server/http/command-handlers.js';
import { createMemoryHandoverStore } from '../../../server/handover/memory-store.js';
import { createHandoverService, type HandoverService } from '../../../server/handover/service.js';
import { handoverId, type HandoverStore } from '../../../server/handover/store.js';
import { DISPLAY, user } from './fixtures.js';
import { CHANGE, local, morning, type Morning } from './scenario.js';

const wang = user('lead.wang', 'lead', ['T1', 'T2']);
const li = user('lead.li', 'lead', ['T1', 'T2']);
const zhao = user('lead.zhao', 'lead', ['T3']);
const sup = user('sup', 'supervisor');
const mgr = user('mgr', 'manager');
const as = (viewer: Actor['viewer']): Actor => ({ viewer, ip: '10.1.2.3' });
const TEAMS = ['T1', 'T2'];
const ID = handoverId(CHANGE, TEAMS);

let m: Morning;
let store: HandoverStore;
let service: HandoverService;
let audits: Parameters<Auditor['record']>[0][];

beforeEach(async () => {
  m = await morning();
  store = createMemoryHandoverStore();
  audits = [];
  service = createHandoverService({ floor: m.floor, store, clock: m.clock, audit: { record: async (e) => void audits.push(e) } });
});

const fields = (overrides: Partial<Handover['fields']> = {}) => ({
  shiftStatus: 'Quiet morning', openIssues: 'Card reader at S-04 broken', swallowedCards: 'ATM 3: one card, customer informed', ...overrides,
});

async function submitted(by = wang): Promise<Handover> {
  const outcome = await service.submit(as(by), { shiftChangeAt: new Date(CHANGE).toISOString(), teamIds: TEAMS, fields: fields() });
  if (!outcome.ok) throw new Error(`submit refused: ${outcome.error}`);
  return outcome.value;
}

/** The urgent matter on T2 dealt with: the lead resolves it on the desk. */
async function resolveBlocker(): Promise<void> {
  const resolved = await m.floor.command({ type: 'alert.resolve', by: 'lead.wang', alertId: m.alerts.urgentT2, note: 'passed to fraud team' });
  expect(resolved.ok).toBe(true);
}

describe('the draft', () => {
  it('is pre-filled from the outgoing shift: alerts, calls, adherence, absences, and who hands to whom', async () => {
    const outcome = await service.draft(wang, CHANGE, TEAMS);
    expect(outcome.ok).toBe(true);
    const draft = outcome.ok ? outcome.value : undefined!;
    expect(draft).toMatchObject({
      id: ID, shiftChangeAt: CHANGE, teamIds: TEAMS, status: 'draft', transferredAlerts: [],
      outgoing: { leadId: '9001', account: 'lead.wang', name: 'Wang Fang' },
      incoming: { leadId: '9002', account: 'Lead.Li', name: 'Li Lei' },
    });
    expect(draft.prefill).toEqual({
      // The outgoing duty's window: 06:00 to the change.
      from: local('06:00'), to: CHANGE,
      // Read now: the figures are as of the draft.
      asOf: m.clock.now(),
      alertsOpened: 3, alertsResolved: 1,
      byRule: { absence: 1, 'answer-3-rings': 1, 'urgent-escalation': 1 },
      // T3's critical alert is not this handover's; critical first.
      open: [
        expect.objectContaining({ id: m.alerts.urgentT2, rule: 'urgent-escalation', severity: 'critical', status: 'open', teamId: 'T2' }),
        expect.objectContaining({ id: m.alerts.absence, rule: 'absence', article: '105.1', severity: 'warning', teamId: 'T1' }),
      ],
      calls: { offered: 1, answered: 0, abandoned: 1, serviceLevel: 0, intervalsFrom: local('06:00'), intervalsTo: CHANGE },
      // T1 57.5 % and T2 100 % today.
      adherencePercent: 78.8,
      absences: ['1003'],
    });
    expect(draft.fields.shiftStatus).toContain('1 offered, 0 answered, 1 abandoned');
    expect(draft.fields.shiftStatus).toContain('Absent (article 105.1): 1003');
    expect(draft.fields.openIssues.split('\n')).toHaveLength(2);
    expect(draft.fields.importantEvents).toContain('Urgent');
    expect(draft.fields.swallowedCards).toBe('');
    // A draft is not stored.
    expect(await store.get(ID)).toBeUndefined();
  });

  it('is only for the lead\'s own teams', async () => {
    expect(await service.draft(zhao, CHANGE, TEAMS)).toMatchObject({ ok: false, status: 403, field: 'teamIds' });
    expect(await service.draft(DISPLAY, CHANGE, TEAMS)).toMatchObject({ ok: false, status: 403 });
    expect((await service.draft(sup, CHANGE, TEAMS)).ok).toBe(true);
  });
});

describe('submitting', () => {
  it('is the outgoing lead\'s (or a supervisor\'s): stored as submitted and audited', async () => {
    const h = await submitted();
    expect(h).toMatchObject({ id: ID, status: 'submitted', submittedBy: 'lead.wang', submittedAt: m.clock.now(), fields: expect.objectContaining({ notices: '' }) });
    expect(h.fields.openIssues).toBe('Card reader at S-04 broken');
    expect(await store.get(ID)).toEqual(h);
    expect(audits).toEqual([{
      actor: 'id-lead.wang', action: 'handover-submitted', target: ID, ip: '10.1.2.3', detail: { shiftChangeAt: CHANGE, teamIds: TEAMS, amended: false },
    }]);
    // A supervisor amends it.
    const amended = await submitted(sup);
    expect(amended.submittedBy).toBe('sup');
    expect(audits.at(-1)).toMatchObject({ detail: { amended: true } });
  });

  it('is refused to the incoming lead, another team\'s lead, a manager and a display', async () => {
    const input = { shiftChangeAt: CHANGE, teamIds: TEAMS, fields: fields() };
    const li403 = await service.submit(as(li), input);
    expect(li403).toMatchObject({ ok: false, status: 403 });
    expect(li403.ok === false && li403.error).toMatch(/outgoing lead is lead\.wang/);
    for (const viewer of [zhao, mgr, DISPLAY]) expect(await service.submit(as(viewer), input)).toMatchObject({ ok: false, status: 403 });
    expect(await store.search({})).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('is refused to the rostered outgoing lead for teams not on their account, as the draft is', async () => {
    // The roster names lead.wang the outgoing lead of T1 and T2; his account now leads T1 only.
    const wangOfT1 = user('lead.wang', 'lead', ['T1']);
    const input = { shiftChangeAt: new Date(CHANGE).toISOString(), teamIds: TEAMS, fields: fields() };
    const refused = await service.submit(as(wangOfT1), input);
    expect(refused).toEqual(await service.draft(wangOfT1, CHANGE, TEAMS));
    expect(refused).toMatchObject({ ok: false, status: 403, field: 'teamIds', code: 'notYourTeams', params: { teams: 'T2' } });
    // Another team's lead, rostered or not, is refused by name of the team too.
    expect(await service.submit(as(zhao), input)).toMatchObject({ ok: false, status: 403, code: 'notYourTeams', params: { teams: 'T1, T2' } });
    expect(await store.search({})).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('names the bad field', async () => {
    expect(await service.submit(as(wang), { shiftChangeAt: '12:00', teamIds: TEAMS, fields: {} })).toMatchObject({ status: 400, field: 'shiftChangeAt' });
    expect(await service.submit(as(wang), { shiftChangeAt: CHANGE, teamIds: [], fields: {} })).toMatchObject({ status: 400, field: 'teamIds' });
    expect(await service.submit(as(wang), { shiftChangeAt: CHANGE, teamIds: TEAMS, fields: { weather: 'sunny' } })).toMatchObject({ status: 400, field: 'fields.weather' });
    expect(await service.submit(as(wang), { shiftChangeAt: CHANGE, teamIds: TEAMS, fields: { notices: 'x'.repeat(20_001) } })).toMatchObject({ status: 400, field: 'fields.notices' });
  });
});

describe('confirming', () => {
  it('is refused while a critical alert is open on the teams (article 81), naming it; T3\'s does not count', async () => {
    await submitted();
    const refused = await service.confirm(as(li), ID, { note: 'here' });
    expect(refused).toMatchObject({ ok: false, status: 409, field: 'alerts' });
    expect(refused.ok === false && refused.blocking).toEqual([{
      id: m.alerts.urgentT2, rule: 'urgent-escalation', article: '93, 94', severity: 'critical', status: 'open', teamId: 'T2',
      title: expect.any(String), titleCode: 'urgent-escalation.reported', titleParams: { agent: '1002' }, openedAt: local('10:00'),
    }]);
    expect((await store.get(ID))!.status).toBe('submitted');
    expect(m.floor.liveAlert(m.alerts.absence)!.owner).toBeUndefined();
    expect(audits.at(-1)).toMatchObject({ actor: 'id-lead.li', action: 'handover-confirm-refused', target: ID, detail: { blocking: [m.alerts.urgentT2] } });
  });

  it('passes the open alerts to the incoming lead (article 82) once nothing critical is open', async () => {
    await submitted();
    await resolveBlocker();
    m.clock.set(local('12:01'));
    const outcome = await service.confirm(as(li), ID, { note: 'taken over' });
    expect(outcome).toMatchObject({
      ok: true,
      value: { status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: local('12:01'), confirmNote: 'taken over', transferredAlerts: [m.alerts.absence] },
    });
    const absence = m.floor.liveAlert(m.alerts.absence)!;
    expect(absence.owner).toEqual({ account: 'Lead.Li', teamIds: TEAMS, since: expect.any(Number), handoverId: ID });
    expect(absence.history.at(-1)).toMatchObject({ action: 'handed-over', by: 'lead.li' });
    // Stored with the alert's new owner, and T3's alert untouched.
    expect((await m.floor.listAlerts({ status: ['open'] })).find((a) => a.id === m.alerts.absence)!.owner?.handoverId).toBe(ID);
    expect(m.floor.liveAlert(m.alerts.urgentT3)!.owner).toBeUndefined();
    expect(await store.get(ID)).toEqual(outcome.ok ? outcome.value : undefined);
    expect(audits.at(-1)).toMatchObject({ action: 'handover-confirmed', detail: { toAccount: 'Lead.Li', transferredAlerts: [m.alerts.absence] } });
    // Once.
    expect(await service.confirm(as(li), ID, {})).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already confirmed/) });
  });

  it('is the incoming lead\'s or a supervisor\'s only', async () => {
    await submitted();
    await resolveBlocker();
    const byWang = await service.confirm(as(wang), ID, {});
    expect(byWang).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/incoming lead is Lead\.Li/) });
    expect(await service.confirm(as(zhao), ID, {})).toMatchObject({ ok: false, status: 404 });
    expect(await service.confirm(as(mgr), ID, {})).toMatchObject({ ok: false, status: 403 });
    expect(m.floor.liveAlert(m.alerts.absence)!.owner).toBeUndefined();
    // A supervisor confirms for the rostered incoming lead: the alerts go to that lead.
    const bySup = await service.confirm(as(sup), ID, {});
    expect(bySup).toMatchObject({ ok: true, value: { confirmedBy: 'sup' } });
    expect(m.floor.liveAlert(m.alerts.absence)!.owner?.account).toBe('Lead.Li');
  });

  it('is refused to the rostered incoming lead for teams not on their account, and passes nothing on', async () => {
    await submitted();
    await resolveBlocker();
    // The roster names lead.li the incoming lead of T1 and T2; her account leads T1 only.
    const liOfT1 = user('lead.li', 'lead', ['T1']);
    const refused = await service.confirm(as(liOfT1), ID, {});
    expect(refused).toMatchObject({ ok: false, status: 403, field: 'teamIds', code: 'notYourTeams', params: { teams: 'T2' } });
    expect((await store.get(ID))!.status).toBe('submitted');
    expect(m.floor.liveAlert(m.alerts.absence)!.owner).toBeUndefined();
    expect(audits.at(-1)).toMatchObject({ action: 'handover-submitted' });
    // With both teams on her account, the same confirmation goes through.
    expect(await service.confirm(as(li), ID, {})).toMatchObject({ ok: true, value: { status: 'confirmed' } });
  });

  it('works again after a crash between the engine\'s command and the stored confirmation', async () => {
    await submitted();
    await resolveBlocker();
    // What the service does first, as if the process died right after it.
    const logged = await m.floor.command({ type: 'handover.confirm', by: 'lead.li', handoverId: ID, teamIds: TEAMS, toAccount: 'Lead.Li' });
    expect(logged.ok).toBe(true);
    expect((await store.get(ID))!.status).toBe('submitted');
    // After the restart: a new service over the same store.
    const restarted = createHandoverService({ floor: m.floor, store, clock: m.clock, audit: { record: async () => undefined } });
    const outcome = await restarted.confirm(as(li), ID, {});
    expect(outcome).toMatchObject({ ok: true, value: { status: 'confirmed', transferredAlerts: [m.alerts.absence] } });
  });

  it('of an unknown handover is 404', async () => {
    expect(await service.confirm(as(li), 'handover-nope', {})).toMatchObject({ ok: false, status: 404, field: 'id' });
  });
});

describe('what is current for whom', () => {
  it('the outgoing lead owes the draft, then sees the submitted one; the incoming lead and supervisors see it to confirm', async () => {
    const before = await service.current(wang);
    expect(before).toMatchObject({ ok: true, value: { toSubmit: { id: ID, status: 'draft' }, toConfirm: [] } });
    await submitted();
    expect(await service.current(wang)).toMatchObject({ ok: true, value: { toSubmit: { id: ID, status: 'submitted' }, toConfirm: [] } });
    const forLi = await service.current(li);
    expect(forLi.ok && [forLi.value.toSubmit, forLi.value.toConfirm.map((h) => h.id)]).toEqual([undefined, [ID]]);
    const forSup = await service.current(sup);
    expect(forSup.ok && [forSup.value.toSubmit, forSup.value.toConfirm.map((h) => h.id)]).toEqual([undefined, [ID]]);
    expect(await service.current(zhao)).toMatchObject({ ok: true, value: { toSubmit: { teamIds: ['T3'], status: 'draft' }, toConfirm: [] } });
    // A supervisor asks for a given change.
    expect(await service.current(sup, { shiftChangeAt: CHANGE, teamIds: ['T3'] })).toMatchObject({ ok: true, value: { toSubmit: { teamIds: ['T3'] } } });
    await resolveBlocker();
    await service.confirm(as(li), ID, {});
    expect(await service.current(wang)).toEqual({ ok: true, value: { toConfirm: [] } });
    expect(await service.current(li)).toEqual({ ok: true, value: { toConfirm: [] } });
  });
});

describe('the history', () => {
  it('is searchable by text, team, date and status, and a lead sees only their teams\'', async () => {
    await submitted();
    const t3 = await service.submit(as(zhao), { shiftChangeAt: CHANGE, teamIds: ['T3'], fields: fields({ openIssues: 'Branch system outage' }) });
    expect(t3.ok).toBe(true);
    const search = async (viewer: typeof sup, query: Parameters<HandoverService['search']>[1]) => {
      const found = await service.search(viewer, query);
      return found.ok ? found.value.map((h) => h.teamIds.join('+')) : found.status;
    };
    expect(await search(sup, {})).toEqual(expect.arrayContaining(['T1+T2', 'T3']));
    expect(await search(sup, { q: 'CARD READER' })).toEqual(['T1+T2']);
    expect(await search(sup, { q: 'outage' })).toEqual(['T3']);
    expect(await search(sup, { teamId: 'T2' })).toEqual(['T1+T2']);
    expect(await search(sup, { from: CHANGE + 1 })).toEqual([]);
    expect(await search(sup, { status: ['confirmed'] })).toEqual([]);
    expect(await search(zhao, {})).toEqual(['T3']);
    expect(await search(li, {})).toEqual(['T1+T2']);
    expect(await search(DISPLAY, {})).toBe(403);
    expect(await service.get(zhao, ID)).toMatchObject({ ok: false, status: 404 });
    expect(await service.get(user('root', 'admin'), ID)).toMatchObject({ ok: true, value: { id: ID } });
  });
});
