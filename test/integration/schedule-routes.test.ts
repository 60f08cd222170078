/**
 * The schedule over real HTTP against a real floor and the real access control: imports
 * in CSV and YAML (by people and by a WFM job's feed token), replace semantics, all or
 * nothing on bad rows, edits and deletes, who may do what, and the audit trail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadShift, ScheduleView, Shift } from '../../shared/schedule.js';
import { parseScheduleFile } from '../../server/schedule/parse-file.js';
import { addPerson, pairedTvToken, signIn, startSecuredFloor, INITIAL_ADMIN, type SecuredFloor } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';

const TZ = 'Asia/Shanghai';
const fixture = (name: string): string => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/schedule', name), 'utf8');
const at = (iso: string): number => Date.parse(iso);
const DAY_28 = '2026-11-28';

let s: SecuredFloor;
const people: Record<'admin' | 'supervisor' | 'manager' | 'lead', Browser> = {} as never;
let deviceToken: string;

interface SendOptions {
  as?: Browser;
  bearer?: string;
  body?: string;
  type?: string;
  /** Leave out the CSRF header a browser session must send. */
  noCsrf?: boolean;
}

async function send(method: string, url: string, o: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.as) {
    headers.cookie = [...o.as.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (!o.noCsrf) headers['x-csrf-token'] = o.as.cookies.get('fw_csrf') ?? '';
  }
  if (o.bearer) headers.authorization = `Bearer ${o.bearer}`;
  if (o.type) headers['content-type'] = o.type;
  return fetch(`${s.base}${url}`, { method, headers, ...(o.body !== undefined && { body: o.body }) });
}

async function plan(from: string, to: string, as: Browser = people.supervisor): Promise<ScheduleView> {
  const res = await send('GET', `/api/v1/schedule?from=${from}&to=${to}`, { as });
  expect(res.status).toBe(200);
  return (await res.json()) as ScheduleView;
}

const importCsv = (csv: string, o: SendOptions & { replace?: boolean } = {}) =>
  send('POST', `/api/v1/schedule/import${o.replace ? '?replace=true' : ''}`, { as: people.supervisor, ...o, body: csv, type: o.type ?? 'text/csv' });

const csvDay = (day: string, rows: string[]) => `kind,agent,name,date,start,end,station,team,breaks,account,teams\n${rows.map((r) => r.replaceAll('DAY', day)).join('\n')}\n`;

beforeAll(async () => {
  s = await startSecuredFloor();
  people.admin = await signIn(s.base, 'admin', INITIAL_ADMIN);
  for (const [key, username, role, teams] of [
    ['supervisor', 'sup', 'supervisor', []], ['manager', 'mgr', 'manager', []], ['lead', 'lead.t1', 'lead', ['T1']],
  ] as const) {
    people[key] = await addPerson(people.admin, s.base, username, role, [...teams]);
  }
  deviceToken = await pairedTvToken(s.access);
});

afterAll(async () => {
  await s.close();
});

describe('importing a day', () => {
  it('takes a CSV from a supervisor and shows exactly what the file says', async () => {
    const res = await importCsv(fixture('day.csv'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, shifts: 4, leads: 2, from: at('2026-11-28T00:00:00+08:00'), to: at('2026-11-29T00:00:00+08:00') });
    const parsed = parseScheduleFile(fixture('day.csv'), 'csv', TZ);
    if (!parsed.ok) throw new Error('fixture does not parse');
    const view = await plan(DAY_28, '2026-11-29');
    expect(view.timezone).toBe(TZ);
    expect(view.shifts).toEqual([...parsed.value.shifts].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1)));
    expect(view.leads).toEqual(parsed.value.leads);
  });

  it('gives a lead only the shifts of their teams and the duties touching them', async () => {
    const view = await plan(DAY_28, '2026-11-29', people.lead);
    expect(view.shifts.map((x) => x.agentId).sort()).toEqual(['1001', '1002']);
    expect(view.leads.map((l) => l.leadId)).toEqual(['9001']);
  });

  it('refuses a file with a bad row, naming row and column, and changes nothing', async () => {
    const before = await plan(DAY_28, '2026-11-29');
    const res = await importCsv(fixture('bad.csv'), { replace: true });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; errors: Array<{ row: number; field: string; message: string }> };
    expect(body.error).toMatch(/8 problems in the file; nothing was imported/);
    expect(body.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:date', '4:start', '5:breaks', '6:agent', '7:kind', '8:teams', '9:breaks', '10:start']);
    expect(await plan(DAY_28, '2026-11-29')).toEqual(before);
  });

  it('replaces the days a file covers with replace=true, and leaves other days alone', async () => {
    const next = csvDay('2026-11-29', ['shift,1001,Li Na,DAY,08:00,16:00,S-01,T1,,,', 'lead,9001,Wang Fang,DAY,07:45,16:00,,,,,T1']);
    expect((await importCsv(next)).status).toBe(200);
    // A WFM job sends the corrected 28th as YAML with its feed token.
    const yaml = 'shifts:\n  - { agent: 1003, name: Sun Li, date: 2026-11-28, start: "09:00", end: "17:00", station: S-03, team: T1 }\n';
    const res = await send('POST', '/api/v1/schedule/import?replace=true', { bearer: s.feedToken, body: yaml, type: 'application/yaml' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, shifts: 1, leads: 0, from: at('2026-11-28T00:00:00+08:00') });
    const view = await plan(DAY_28, '2026-11-30');
    expect(view.shifts.map((x) => `${x.agentId}@${new Date(x.start).toISOString()}`)).toEqual([
      '1003@2026-11-28T01:00:00.000Z', '1001@2026-11-29T00:00:00.000Z',
    ]);
    // The 28th's lead duties went with the replace; the 29th's stayed.
    expect(view.leads.map((l) => l.leadId + l.id.slice(l.id.indexOf('@')))).toEqual([`9001@${at('2026-11-29T07:45:00+08:00')}`]);
  });

  it('adds to the plan without replace (upsert by id), and reads JSON of the same shape', async () => {
    const json = JSON.stringify({ shifts: [{ agent: '1004', date: '2026-11-28', start: '10:00', end: '18:00', station: 'S-04', team: 'T2' }] });
    const res = await send('POST', '/api/v1/schedule/import', { as: people.manager, body: json, type: 'application/json' });
    expect(res.status).toBe(200);
    const view = await plan(DAY_28, '2026-11-29');
    expect(view.shifts.map((x) => x.agentId)).toEqual(['1003', '1004']);
  });
});

describe('editing one shift or duty', () => {
  const id = `1003@${at('2026-11-28T09:00:00+08:00')}`;

  it('saves a shift with PUT and answers it as stored', async () => {
    const body = {
      agentId: '1003', name: 'Sun Li', start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T18:00:00+08:00', stationId: 'S-03', teamId: 'T1',
      breaks: [{ kind: 'meal', start: '2026-11-28T12:00:00+08:00', end: '2026-11-28T12:45:00+08:00' }],
    };
    const res = await send('PUT', `/api/v1/schedule/shifts/${encodeURIComponent(id)}`, { as: people.supervisor, body: JSON.stringify(body), type: 'application/json' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { ok: true; value: Shift };
    expect(saved.value).toEqual({
      ...body, id, start: at(body.start), end: at(body.end),
      breaks: [{ kind: 'meal', start: at('2026-11-28T12:00:00+08:00'), end: at('2026-11-28T12:45:00+08:00') }],
    });
    expect((await plan(DAY_28, '2026-11-29')).shifts.find((x) => x.id === id)).toEqual(saved.value);
  });

  it('names the field of a bad edit, and an id that contradicts the path', async () => {
    const bad = { agentId: '1003', start: '2026-11-28T09:00:00+08:00', end: '2026-11-28T08:00:00+08:00' };
    const res = await send('PUT', `/api/v1/schedule/shifts/${encodeURIComponent(id)}`, { as: people.supervisor, body: JSON.stringify(bad), type: 'application/json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid end: a shift must end after it starts', field: 'end',
      code: 'invalidField', params: { field: 'end', detail: 'a shift must end after it starts' },
    });
    const other = { ...bad, end: '2026-11-28T17:00:00+08:00', id: 'someone-else' };
    const mixed = await send('PUT', `/api/v1/schedule/shifts/${encodeURIComponent(id)}`, { as: people.supervisor, body: JSON.stringify(other), type: 'application/json' });
    expect(mixed.status).toBe(400);
    expect(await mixed.json()).toMatchObject({ field: 'id' });
  });

  it('deletes a shift, and says 404 for one that is not there', async () => {
    const res = await send('DELETE', `/api/v1/schedule/shifts/${encodeURIComponent(id)}`, { as: people.supervisor });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect((await plan(DAY_28, '2026-11-29')).shifts.map((x) => x.id)).not.toContain(id);
    const again = await send('DELETE', `/api/v1/schedule/shifts/${encodeURIComponent(id)}`, { as: people.supervisor });
    expect(again.status).toBe(404);
  });

  it('saves and deletes a lead duty the same way', async () => {
    const dutyId = 'late-duty-28';
    const body = { leadId: '9002', account: 'lead.liu', teamIds: ['T2'], start: at('2026-11-28T15:45:00+08:00'), end: at('2026-11-29T00:00:00+08:00') };
    const res = await send('PUT', `/api/v1/schedule/leads/${dutyId}`, { as: people.manager, body: JSON.stringify(body), type: 'application/json' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { value: LeadShift }).value).toEqual({ ...body, id: dutyId });
    expect((await plan(DAY_28, '2026-11-29')).leads.map((l) => l.id)).toContain(dutyId);
    expect((await send('DELETE', `/api/v1/schedule/leads/${dutyId}`, { as: people.manager })).status).toBe(200);
    expect((await send('DELETE', `/api/v1/schedule/leads/${dutyId}`, { as: people.manager })).status).toBe(404);
  });
});

describe('who may do what', () => {
  const csv = csvDay('2026-12-01', ['shift,1001,Li Na,DAY,08:00,16:00,S-01,T1,,,']);

  it('refuses writes by a lead or a display, reads by a display', async () => {
    expect((await importCsv(csv, { as: people.lead })).status).toBe(403);
    expect((await send('PUT', '/api/v1/schedule/shifts/x', { as: people.lead, body: '{}', type: 'application/json' })).status).toBe(403);
    expect((await send('DELETE', '/api/v1/schedule/leads/x', { as: people.lead })).status).toBe(403);
    expect((await send('POST', '/api/v1/schedule/import', { bearer: deviceToken, body: csv, type: 'text/csv' })).status).toBe(403);
    expect((await send('GET', '/api/v1/schedule', { bearer: deviceToken })).status).toBe(403);
  });

  it('lets a feed token import but never read; nobody without credentials', async () => {
    expect((await send('GET', '/api/v1/schedule', { bearer: s.feedToken })).status).toBe(401);
    expect((await send('POST', '/api/v1/schedule/import', { body: csv, type: 'text/csv' })).status).toBe(401);
    expect((await send('POST', '/api/v1/schedule/import', { bearer: 'not-a-token', body: csv, type: 'text/csv' })).status).toBe(401);
    expect((await send('PUT', '/api/v1/schedule/shifts/x', { bearer: s.feedToken, body: '{}', type: 'application/json' })).status).toBe(401);
  });

  it('asks a browser session for its CSRF token, and an admin may plan too', async () => {
    expect((await importCsv(csv, { noCsrf: true })).status).toBe(403);
    expect((await importCsv(csv, { as: people.admin })).status).toBe(200);
  });

  it('explains an unsupported content type and a bad query', async () => {
    const res = await importCsv(csv, { type: 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ accepted: expect.arrayContaining(['text/csv', 'application/yaml', 'application/json']) });
    expect(await (await send('POST', '/api/v1/schedule/import?replace=maybe', { as: people.supervisor, body: csv, type: 'text/csv' })).json())
      .toMatchObject({ field: 'replace' });
    const window = await send('GET', '/api/v1/schedule?from=2026-11-29&to=2026-11-28', { as: people.supervisor });
    expect([window.status, (await window.json()).field]).toEqual([400, 'to']);
    expect((await (await send('GET', '/api/v1/schedule?form=2026-11-28', { as: people.supervisor })).json()).field).toBe('form');
    expect((await (await send('GET', '/api/v1/schedule?from=2026-02-30', { as: people.supervisor })).json()).field).toBe('from');
  });

  it('defaults to the centre today through the day after tomorrow', async () => {
    const view = (await (await send('GET', '/api/v1/schedule', { as: people.supervisor })).json()) as ScheduleView;
    expect(view.to - view.from).toBe(3 * 24 * 3600_000);
    expect(new Date(view.from).toLocaleTimeString('en-GB', { timeZone: TZ })).toBe('00:00:00');
  });
});

describe('the audit log', () => {
  it('records every import with who, how many and which days, and every edit', async () => {
    const entries = await s.access.listAudit({ limit: 500 });
    const sup = (await s.access.listAccounts()).find((a) => a.username === 'sup')!;
    const imports = entries.filter((e) => e.action === 'schedule-imported');
    expect(imports.find((e) => e.actor === sup.id)?.detail).toMatchObject({
      format: 'csv', replace: false, shifts: 4, leads: 2, by: 'sup', from: '2026-11-27T16:00:00.000Z', to: '2026-11-28T16:00:00.000Z',
    });
    // The feed token's import, in the token's name.
    expect(imports.find((e) => e.detail?.via === 'feed token')?.detail).toMatchObject({ format: 'yaml', replace: true, shifts: 1, by: 'test feed' });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['shift-saved', 'shift-removed', 'lead-duty-saved', 'lead-duty-removed']));
    // Refused requests changed nothing and are not recorded as changes.
    expect(imports).toHaveLength(5);
  });
});
