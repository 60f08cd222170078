/**
 * The points ledger over real HTTP, on a real floor with SQLite and real access control:
 * supervisors' entries and reversals, the engine's automatic entries reaching the ledger,
 * the leaderboard and excellence, the CSV export read back with csv-parse, who may do
 * what, and every write in the audit log.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/access.js';
import type { ExcellenceCandidates, Leaderboard, PointsEntry } from '../../shared/points.js';
import { expectJson, postAs } from '../helpers/secured-floor.js';
import type { Browser } from './access/access-server.js';
import { startIssue6Server, type Issue6Server } from './handover-points-server.js';

const local = (time: string): number => Date.parse(`2026-11-28T${time}:00+08:00`);

let s: Issue6Server;
let sup: Browser;
let mgr: Browser;
let leadA: Browser;
let tv: string;

beforeAll(async () => {
  s = await startIssue6Server(local('08:00'));
  sup = await s.person('sup', 'supervisor');
  mgr = await s.person('mgr', 'manager');
  leadA = await s.person('lead-a', 'lead', ['A']);
  tv = await s.tvToken();
  // Agent 1003 is planned 08:30-09:30 but never logs in: the engine's absence deduction,
  // decided when the shift is over (a late login would be lateness, not absence).
  const planned = await s.floor.changeSchedule({
    op: 'upsert', leads: [],
    shifts: [{ id: '1003@0830', agentId: '1003', teamId: 'A', start: local('08:30'), end: local('09:30'), breaks: [] }],
  });
  expect(planned.ok).toBe(true);
  await s.ingest([
    { type: 'agent.login', agentId: '1001', stationId: 'S-1', teamId: 'A', name: 'Li Na' },
    { type: 'agent.login', agentId: '2001', stationId: 'S-2', teamId: 'B', name: 'Chen Jie' },
  ]);
  s.clock.set(local('08:46'));
  await s.floor.tick();
  s.clock.set(local('09:31'));
  await s.floor.tick();
});

afterAll(async () => {
  await s?.close();
});


describe('points over HTTP', () => {
  let entry: PointsEntry;

  it('a supervisor enters points (201), checked against the catalogue; bad input names the field', async () => {
    entry = await expectJson<PointsEntry>(await postAs(sup, '/api/v1/points', {
      agentId: '1001', item: 'technical-expert', points: 6, reason: 'second in the bank\'s product exam', evidence: ['exam-2026-11'],
      at: '2026-11-20T10:00:00+08:00',
    }), 201);
    expect(entry).toMatchObject({ agentId: '1001', points: 6, article: '104.4', author: 'sup', source: 'manual', at: Date.parse('2026-11-20T10:00:00+08:00') });
    expect(await expectJson(await postAs(sup, '/api/v1/points', { agentId: '1001', item: 'posture', points: -3, reason: 'x' }), 400))
      .toEqual({
        error: 'invalid points: posture (article 105.2) is -1 by the catalogue', field: 'points',
        code: 'pointsFixed', params: { item: 'posture', article: '105.2', points: '-1' },
      });
    expect(await expectJson(await postAs(sup, '/api/v1/points', { agentId: '1001', item: 'technical-expert', points: 5, reason: 'x' }), 400)).toEqual({
      error: 'invalid points: technical-expert (article 104.4) is one of 10, 6, 3; say which', field: 'points',
      code: 'pointsChoice', params: { item: 'technical-expert', article: '104.4', choices: '10, 6, 3' },
    });
    expect(await expectJson(await postAs(sup, '/api/v1/points', { agentId: '1001', item: 'slippers', reason: 'x' }), 400)).toMatchObject({ field: 'item' });
    // An agent the centre does not know (a typo): refused with a code the page translates.
    expect(await expectJson(await postAs(sup, '/api/v1/points', { agentId: '9999', item: 'suggestion', reason: 'x' }), 400)).toEqual({
      error: 'invalid agentId: agent 9999 is unknown here: never seen on the floor, not in the plan, no points in the ledger', field: 'agentId',
      code: 'pointsAgentUnknown', params: { agentId: '9999' },
    });
    expect(await expectJson(await postAs(mgr, '/api/v1/points', { agentId: '2001', item: 'dress', reason: 'jewellery' }), 201)).toMatchObject({ points: -1, author: 'mgr' });
    // Without the CSRF token the session cookie grants nothing.
    expect((await sup.call('POST', '/api/v1/points', { body: { agentId: '1001', item: 'posture', reason: 'x' } })).status).toBe(403);
  });

  it('the engine\'s automatic entries are in the same ledger', async () => {
    const all = await expectJson<PointsEntry[]>(await sup.call('GET', '/api/v1/points?agentId=1003'), 200);
    expect(all).toEqual([expect.objectContaining({ id: 'auto:absence:1003@0830', item: 'absence', points: -2, source: 'auto', author: 'system' })]);
  });

  it('a manager reverses an entry once (201, then 409); a reversal cannot be reversed', async () => {
    const reversal = await expectJson<PointsEntry>(await postAs(mgr, `/api/v1/points/${entry.id}/reverse`, { reason: 'it was third place' }), 201);
    expect(reversal).toMatchObject({ points: -6, item: 'reversal', reverses: entry.id, at: entry.at });
    expect(await expectJson(await postAs(sup, `/api/v1/points/${entry.id}/reverse`, { reason: 'again' }), 409)).toMatchObject({ field: 'id' });
    expect((await postAs(sup, `/api/v1/points/${reversal.id}/reverse`, { reason: 'undo' })).status).toBe(409);
    expect(await expectJson(await postAs(sup, '/api/v1/points/nope/reverse', { reason: 'x' }), 404)).toMatchObject({ field: 'id' });
    expect(await expectJson(await postAs(sup, `/api/v1/points/${entry.id}/reverse`, {}), 400)).toMatchObject({ field: 'reason' });
    const listed = await expectJson<PointsEntry[]>(await sup.call('GET', '/api/v1/points?agentId=1001'), 200);
    expect(listed.map((e) => [e.points, e.reversedBy ?? null])).toEqual([[6, reversal.id], [-6, null]]);
    await expectJson(await postAs(sup, '/api/v1/points', { agentId: '1001', item: 'technical-expert', points: 3, reason: 'third place', at: entry.at }), 201);
  });

  it('leads read only their teams, never write; a display gets nothing; strangers are asked to sign in', async () => {
    const forLead = await expectJson<PointsEntry[]>(await leadA.call('GET', '/api/v1/points'), 200);
    expect([...new Set(forLead.map((e) => e.agentId))].sort()).toEqual(['1001', '1003']);
    expect(await expectJson(await leadA.call('GET', '/api/v1/points?agentId=2001'), 403)).toMatchObject({ field: 'agentId' });
    expect((await postAs(leadA, '/api/v1/points', { agentId: '1001', item: 'posture', reason: 'x' })).status).toBe(403);
    expect((await postAs(leadA, `/api/v1/points/${entry.id}/reverse`, { reason: 'x' })).status).toBe(403);
    const board = await expectJson<Leaderboard>(await leadA.call('GET', '/api/v1/points/leaderboard'), 200);
    expect(board.rows.map((r) => r.agentId).sort()).toEqual(['1001', '1003']);
    for (const path of ['/api/v1/points', '/api/v1/points/leaderboard', '/api/v1/points/excellence', '/api/v1/points/export.csv']) {
      expect((await fetch(`${s.base}${path}`, { headers: { authorization: `Bearer ${tv}` } })).status, path).toBe(403);
      expect((await fetch(`${s.base}${path}`)).status, path).toBe(401);
    }
    expect((await fetch(`${s.base}/api/v1/points`, { method: 'POST', headers: { authorization: `Bearer ${tv}`, 'content-type': 'application/json' }, body: '{}' })).status).toBe(403);
  });

  it('the leaderboard of the current quarter in Shanghai, and of any other; a misspelt parameter is named', async () => {
    const board = await expectJson<Leaderboard>(await s.admin.call('GET', '/api/v1/points/leaderboard'), 200);
    expect(board.quarter).toBe('2026-Q4');
    expect(board.rows).toEqual([
      { rank: 1, agentId: '1001', name: 'Li Na', teamId: 'A', points: 3, rewards: 3, deductions: 0 },
      { rank: 2, agentId: '2001', name: 'Chen Jie', teamId: 'B', points: -1, rewards: 0, deductions: -1 },
      { rank: 3, agentId: '1003', teamId: 'A', points: -2, rewards: 0, deductions: -2 },
    ]);
    expect((await expectJson<Leaderboard>(await sup.call('GET', '/api/v1/points/leaderboard?quarter=2026-Q3'), 200)).rows).toEqual([]);
    expect(await expectJson(await sup.call('GET', '/api/v1/points/leaderboard?quarter=Q4-2026'), 400)).toMatchObject({ field: 'quarter' });
    expect(await expectJson(await sup.call('GET', '/api/v1/points?agentid=1001'), 400)).toMatchObject({ field: 'agentid' });
    expect(await expectJson(await sup.call('GET', '/api/v1/points?from=yesterday'), 400)).toMatchObject({ field: 'from' });
  });

  it('the year\'s excellence candidates, capped at 15% of the headcount', async () => {
    const result = await expectJson<ExcellenceCandidates>(await mgr.call('GET', '/api/v1/points/excellence?year=2026'), 200);
    // Three agents (two in the ledger with entries, one more planned): 15% of 3 is nobody.
    expect(result).toEqual({ year: 2026, headcount: 3, cap: 0, candidates: [] });
    expect(await expectJson(await mgr.call('GET', '/api/v1/points/excellence?year=twenty'), 400)).toMatchObject({ field: 'year' });
  });

  it('exports CSV, one row per entry with local times, that reads back as entered', async () => {
    const res = await sup.call('GET', `/api/v1/points/export.csv?from=${encodeURIComponent('2026-11-01T00:00:00+08:00')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?floorwatch-points-\d{4}-\d{2}-\d{2}\.csv/);
    const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
    const json = await expectJson<PointsEntry[]>(await sup.call('GET', `/api/v1/points?from=${Date.parse('2026-11-01T00:00:00+08:00')}`), 200);
    expect(rows.map((r) => r.id)).toEqual(json.map((e) => e.id));
    expect(rows[0]).toEqual({
      id: entry.id, agent: '1001', at: '2026-11-20T10:00:00+08:00', item: 'technical-expert', article: '104.4', points: '6',
      reason: 'second in the bank\'s product exam', author: 'sup', source: 'manual', reverses: '', reversedBy: json[0].reversedBy, evidence: 'exam-2026-11',
    });
    const leads = parse(await (await leadA.call('GET', '/api/v1/points/export.csv')).text(), { columns: true }) as Array<Record<string, string>>;
    expect(leads.every((r) => r.agent !== '2001')).toBe(true);
  });

  it('every write is in the audit log, with who and from where', async () => {
    const audit = await expectJson<AuditEntry[]>(await s.admin.call('GET', '/api/v1/audit'), 200);
    const mine = audit.filter((a) => a.action.startsWith('points-'));
    const accounts = Object.fromEntries((await s.access.listAccounts()).map((a) => [a.id, a.username]));
    expect(mine.map((a) => `${accounts[a.actor]} ${a.action}`)).toEqual([
      'sup points-recorded', 'mgr points-recorded', 'mgr points-reversed', 'sup points-recorded', 'sup points-exported', 'lead-a points-exported',
    ]);
    expect(mine.every((a) => a.ip === '127.0.0.1' && a.target !== undefined)).toBe(true);
    expect(mine[2]).toMatchObject({ target: entry.id, detail: { reason: 'it was third place' } });
  });
});

describe('a false alarm gives back the points its alert took (art. 105)', () => {
  /** Agent `agent` (team A) opens a call without the greeting: a greeting alert and -1 (105.7). */
  async function ungreeted(callId: string, agent: string): Promise<{ alertId: string; entryId: string }> {
    await s.ingest([
      { type: 'call.offered', callId, queue: 'general', direction: 'inbound' },
      { type: 'call.ringing', callId, agentId: agent },
      { type: 'call.answered', callId, agentId: agent },
      { type: 'transcript.utterance', callId, speaker: 'agent', text: '喂，什么事' },
    ]);
    const alert = s.floor.snapshot().alerts.find((a) => a.rule === 'greeting' && a.callId === callId)!;
    const entries = await expectJson<PointsEntry[]>(await sup.call('GET', `/api/v1/points?agentId=${agent}`), 200);
    const entry = entries.find((e) => e.item === 'polite-language' && e.evidence.includes(alert.id))!;
    expect(entry).toMatchObject({ points: -1, source: 'auto' });
    return { alertId: alert.id, entryId: entry.id };
  }

  it('a lead resolves it as a false alarm: the deduction is reversed in the ledger, in the lead\'s name', async () => {
    const { alertId, entryId } = await ungreeted('fa-1', '1001');
    expect(await expectJson(await postAs(leadA, `/api/v1/alerts/${alertId}/resolve`, { falseAlarm: true, note: '录音已核，坐席报了工号' }), 200))
      .toMatchObject({ ok: true, value: { status: 'resolved', resolutionCode: 'falseAlarmWithNote' } });
    const entries = await expectJson<PointsEntry[]>(await sup.call('GET', '/api/v1/points?agentId=1001'), 200);
    const reversal = entries.find((e) => e.reverses === entryId);
    expect(reversal).toMatchObject({ points: 1, item: 'reversal', author: 'lead-a', reasonCode: 'falseAlarm', evidence: [alertId] });
    expect(entries.find((e) => e.id === entryId)?.reversedBy).toBe(reversal!.id);
  });

  it('an alert already resolved is marked a false alarm afterwards, by those who may resolve it, once', async () => {
    const { alertId, entryId } = await ungreeted('fa-4', '1001');
    await expectJson(await postAs(leadA, `/api/v1/alerts/${alertId}/resolve`, { note: 'spoke to the agent' }), 200);
    // The recording, heard later, has the greeting: the points come back; how it closed stays.
    const marked = await expectJson<{ ok: true; value: { status: string; resolvedBy: string; history: Array<{ action: string; by?: string; note?: string }> } }>(
      await postAs(leadA, `/api/v1/alerts/${alertId}/resolve`, { falseAlarm: true, note: '录音已核，坐席报了工号' }), 200);
    expect(marked.value).toMatchObject({ status: 'resolved', resolvedBy: 'lead-a' });
    expect(marked.value.history.at(-1)).toMatchObject({ action: 'false-alarm', by: 'lead-a', note: '录音已核，坐席报了工号' });
    const entries = await expectJson<PointsEntry[]>(await sup.call('GET', '/api/v1/points?agentId=1001'), 200);
    expect(entries.find((e) => e.reverses === entryId)).toMatchObject({ points: 1, author: 'lead-a', reasonCode: 'falseAlarm' });
    expect(await expectJson(await postAs(sup, `/api/v1/alerts/${alertId}/resolve`, { falseAlarm: true }), 409))
      .toMatchObject({ ok: false, code: 'alertAlreadyFalseAlarm', params: { by: 'lead-a' }, field: 'alertId' });
    const stored = await expectJson<Array<{ id: string; history: Array<{ action: string }> }>>(await sup.call('GET', '/api/v1/alerts?status=resolved'), 200);
    expect(stored.find((a) => a.id === alertId)?.history.filter((h) => h.action === 'false-alarm')).toHaveLength(1);
    const audit = await expectJson<AuditEntry[]>(await s.admin.call('GET', '/api/v1/audit'), 200);
    expect(audit.filter((a) => a.action === 'alert-marked-false-alarm').map((a) => a.target)).toEqual([alertId]);

    // Another team's: not this lead's to judge.
    const other = await ungreeted('fa-5', '2001');
    await expectJson(await postAs(sup, `/api/v1/alerts/${other.alertId}/resolve`, {}), 200);
    expect(await expectJson(await postAs(leadA, `/api/v1/alerts/${other.alertId}/resolve`, { falseAlarm: true }), 403)).toMatchObject({ code: 'notYourTeam' });
  });

  it('one a supervisor reversed by hand meanwhile stays reversed once, and the floor carries on', async () => {
    const { alertId, entryId } = await ungreeted('fa-2', '1001');
    await expectJson(await postAs(sup, `/api/v1/points/${entryId}/reverse`, { reason: 'checked the recording' }), 201);
    expect(await expectJson(await postAs(leadA, `/api/v1/alerts/${alertId}/resolve`, { falseAlarm: true }), 200)).toMatchObject({ ok: true, value: { status: 'resolved' } });
    const entries = await expectJson<PointsEntry[]>(await sup.call('GET', '/api/v1/points?agentId=1001'), 200);
    expect(entries.filter((e) => e.reverses === entryId).map((e) => e.author)).toEqual(['sup']);
    // Still taking events and writing the ledger.
    await ungreeted('fa-3', '1001');
  });
});
