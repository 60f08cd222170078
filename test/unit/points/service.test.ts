/**
 * The points service on a real floor (memory storage, fake clock): the catalogue, reversals,
 * the quarter's leaderboard and the year's excellence candidates in the centre's time zone
 * (Asia/Shanghai from the rules), the lead's scope, and the CSV export read back.
 */
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../shared/events.js';
import type { PointsEntry } from '../../../shared/points.js';
import type { Actor, Auditor } from '../../../server/http/command-handlers.js';
import { createPointsService, type PointsService } from '../../../server/points/service.js';
import type { Floor } from '../../../server/floor/floor.js';
import type { PointsLedger } from '../../../server/storage/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { WINDOW, openFloor } from '../../helpers/floor-harness.js';
import { DISPLAY, user } from '../handover/fixtures.js';

/** 2027-01-02 10:00 in Shanghai: "now" for these tests, a few days into 2027-Q1. */
const NOW = Date.parse('2027-01-02T10:00:00+08:00');
/** 23:59:59 on 31 December in Shanghai: still 2026-Q4 there. */
const LAST_SECOND_OF_2026 = Date.parse('2026-12-31T15:59:59Z');
/** 00:30 on 1 January in Shanghai, but still 31 December in UTC. */
const NEW_YEAR_SHANGHAI = Date.parse('2026-12-31T16:30:00Z');

const supervisor = user('sup', 'supervisor');
const manager = user('mgr', 'manager');
const leadA = user('lead.a', 'lead', ['A']);
const as = (viewer: Actor['viewer']): Actor => ({ viewer, ip: '10.0.0.9' });

let floor: Floor;
let ledger: PointsLedger;
let clock: FakeClock;
let points: PointsService;
let audits: Parameters<Auditor['record']>[0][];

/** A fresh floor with three agents logged in (1001 and 1002 in team A, 2001 in B) and its points service. */
async function start(): Promise<void> {
  clock = new FakeClock(NOW - WINDOW - 1);
  const opened = await openFloor({ clock });
  floor = opened.floor;
  ledger = opened.storage.points;
  audits = [];
  let ids = 0;
  points = createPointsService({
    ledger: opened.storage.points, floor, clock, audit: { record: async (entry) => void audits.push(entry) }, newId: () => `m-${++ids}`,
  });
  const logins = [['1001', 'A', 'Li Na'], ['1002', 'A', 'Zhou Min'], ['2001', 'B', 'Chen Jie']].map(([agentId, teamId, name], i) =>
    floorEventSchema.parse({ id: `login-${i}`, ts: clock.now(), type: 'agent.login', agentId, stationId: `S-${i}`, teamId, name }));
  await floor.ingest(logins);
  // Past the reorder window, so the floor has applied them.
  clock.set(NOW);
  await floor.tick();
}

beforeEach(start);

/** Agents seen on the floor (logged in, no name or team): the centre knows them. */
async function onFloor(...agentIds: string[]): Promise<void> {
  const at = clock.now();
  await floor.ingest(agentIds.map((agentId) =>
    floorEventSchema.parse({ id: `login-${agentId}-${at}`, ts: at, type: 'agent.login', agentId, stationId: `S-${agentId}` })));
  // Past the reorder window, so the floor has applied them (the clock moves on two seconds).
  clock.set(at + WINDOW + 1);
  await floor.tick();
}

/** One shift for each agent in the plan, starting at `start`. */
async function planned(start: number, ...agentIds: string[]): Promise<void> {
  const shifts = agentIds.map((agentId) => ({ id: `${agentId}@${start}`, agentId, teamId: 'A', start, end: start + 8 * 3600_000, breaks: [] }));
  const changed = await floor.changeSchedule({ op: 'upsert', shifts, leads: [] });
  if (!changed.ok) throw new Error(`plan refused: ${changed.error}`);
}

/** Records a manual entry, failing the test if it is refused. */
async function enter(input: Record<string, unknown>, by = supervisor): Promise<PointsEntry> {
  const outcome = await points.record(as(by), { reason: 'seen on the floor', ...input });
  if (!outcome.ok) throw new Error(`refused: ${outcome.error}`);
  return outcome.value;
}

describe('manual entries', () => {
  it('take the article and points from the catalogue, the author from the session, and are audited', async () => {
    const entry = await enter({ agentId: '1001', item: 'mobile-phone', evidence: ['photo-17'], at: '2027-01-02T09:12:00+08:00' });
    expect(entry).toEqual({
      id: 'm-1', agentId: '1001', at: Date.parse('2027-01-02T09:12:00+08:00'), points: -2, item: 'mobile-phone', article: '105.3',
      reason: 'seen on the floor', evidence: ['photo-17'], author: 'sup', source: 'manual', recordedAt: NOW,
    });
    expect(audits).toEqual([{
      actor: 'id-sup', action: 'points-recorded', target: 'm-1', ip: '10.0.0.9',
      detail: { agentId: '1001', item: 'mobile-phone', article: '105.3', points: -2, at: entry.at },
    }]);
    // Undated: now. An automatic item may be entered by hand too (a missed absence).
    expect(await enter({ agentId: '1002', item: 'absence' })).toMatchObject({ at: NOW, points: -2, article: '105.1', source: 'manual' });
  });

  it('refuse points other than the catalogue\'s, naming the field', async () => {
    expect(await points.record(as(supervisor), { agentId: '1001', item: 'posture', points: -5, reason: 'x' })).toEqual({
      ok: false, status: 400, field: 'points', error: 'invalid points: posture (article 105.2) is -1 by the catalogue',
      code: 'pointsFixed', params: { item: 'posture', article: '105.2', points: '-1' },
    });
    expect(await enter({ agentId: '1001', item: 'posture', points: -1 })).toMatchObject({ points: -1 });
    expect(audits).toHaveLength(1);
  });

  it('take one of the choices for technical expert (10/6/3), and insist on one', async () => {
    expect(await enter({ agentId: '1001', item: 'technical-expert', points: 6 })).toMatchObject({ points: 6, article: '104.4' });
    for (const given of [undefined, 7, -10]) {
      const outcome = await points.record(as(supervisor), { agentId: '1001', item: 'technical-expert', reason: 'contest', ...(given !== undefined && { points: given }) });
      expect(outcome).toMatchObject({ ok: false, status: 400, field: 'points' });
      expect(outcome.ok === false && outcome.error).toMatch(/one of 10, 6, 3/);
    }
  });

  it('name the field that is wrong, and write nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ agentId: '1001', item: 'slippers', reason: 'x' }, 'item'],
      [{ agentId: '1001', item: 'posture', reason: '   ' }, 'reason'],
      [{ agentId: '', item: 'posture', reason: 'x' }, 'agentId'],
      [{ agentId: '1001', item: 'posture', reason: 'x', at: '2027-01-02 09:00' }, 'at'],
      [{ agentId: '1001', item: 'posture', reason: 'x', author: 'someone-else' }, 'author'],
    ];
    for (const [input, field] of cases) {
      expect(await points.record(as(supervisor), input), field).toMatchObject({ ok: false, status: 400, field });
    }
    expect(await points.record(as(supervisor), 'not an object')).toMatchObject({ ok: false, status: 400 });
    const all = await points.list(supervisor, {});
    expect(all.ok && all.value).toEqual([]);
  });

  it('refuse an entry dated more than five minutes ahead of the clock', async () => {
    expect(await points.record(as(supervisor), { agentId: '1001', item: 'posture', reason: 'x', at: NOW + 6 * 60_000 }))
      .toMatchObject({ ok: false, status: 400, field: 'at' });
    expect(await enter({ agentId: '1001', item: 'posture', at: NOW + 4 * 60_000 })).toMatchObject({ at: NOW + 4 * 60_000 });
  });

  it('are written by floor supervisors and department managers only', async () => {
    expect(await enter({ agentId: '1001', item: 'suggestion' }, manager)).toMatchObject({ author: 'mgr', points: 5 });
    for (const viewer of [leadA, user('root', 'admin'), DISPLAY]) {
      expect(await points.record(as(viewer), { agentId: '1001', item: 'suggestion', reason: 'x' })).toMatchObject({ ok: false, status: 403 });
    }
  });
});

describe('an entry is only for an agent the centre knows', () => {
  it('refuses an agent never seen on the floor, in the plan or in the ledger, naming the field, and writes nothing', async () => {
    expect(await points.record(as(supervisor), { agentId: '9999', item: 'suggestion', reason: 'x' })).toEqual({
      ok: false, status: 400, field: 'agentId', code: 'pointsAgentUnknown', params: { agentId: '9999' },
      error: 'invalid agentId: agent 9999 is unknown here: never seen on the floor, not in the plan, no points in the ledger',
    });
    // An id is taken as written: a known one with spaces round it is another id, refused too.
    expect(await points.record(as(supervisor), { agentId: ' 1001', item: 'suggestion', reason: 'x' })).toMatchObject({ ok: false, field: 'agentId' });
    const all = await points.list(supervisor, {});
    expect(all.ok && all.value).toEqual([]);
    expect(audits).toEqual([]);
  });

  it('knows an agent from the plan, or from a standing entry in the ledger, who is not on the floor', async () => {
    await planned(NOW + 24 * 3600_000, '3001'); // starts tomorrow
    expect(await enter({ agentId: '3001', item: 'suggestion' })).toMatchObject({ agentId: '3001', points: 5 });
    // Worked here before the plan's memory: an absence long ago in the ledger.
    const old = Date.parse('2026-06-01T09:00:00+08:00');
    await ledger.record([{
      id: 'auto:absence:4001@old', agentId: '4001', at: old, points: -2, item: 'absence', article: '105.1', reason: 'Not logged in',
      evidence: [], author: 'system', source: 'auto', recordedAt: old,
    }]);
    expect(await enter({ agentId: '4001', item: 'posture' })).toMatchObject({ agentId: '4001', points: -1 });
  });

  it('does not take a mistaken entry, once reversed, as knowing the agent', async () => {
    const typo = Date.parse('2026-11-30T09:00:00+08:00');
    await ledger.record([
      { id: 'old-typo', agentId: '1O01', at: typo, points: 5, item: 'suggestion', article: '104.6', reason: 'x', evidence: [], author: 'sup', source: 'manual', recordedAt: typo },
      { id: 'old-typo-undo', agentId: '1O01', at: typo, points: -5, item: 'reversal', article: '104.6', reason: 'typo', evidence: ['old-typo'], author: 'sup', source: 'manual', reverses: 'old-typo', recordedAt: typo },
    ]);
    expect(await points.record(as(supervisor), { agentId: '1O01', item: 'suggestion', reason: 'x' })).toMatchObject({ ok: false, status: 400, field: 'agentId', code: 'pointsAgentUnknown' });
  });
});

describe('reversal', () => {
  it('is a new entry with the opposite points, dated like the original; the original stays, showing who reversed it', async () => {
    const original = await enter({ agentId: '1001', item: 'chatting', at: LAST_SECOND_OF_2026 });
    clock.set(NOW + 3600_000);
    const outcome = await points.reverse(as(manager), original.id, { reason: 'it was a team briefing' });
    expect(outcome).toEqual({
      ok: true,
      value: {
        id: 'm-2', agentId: '1001', at: LAST_SECOND_OF_2026, points: 2, item: 'reversal', article: '105.9',
        reason: 'it was a team briefing', evidence: [original.id], author: 'mgr', source: 'manual', reverses: original.id,
        recordedAt: NOW + 3600_000,
      },
    });
    const listed = await points.list(supervisor, { agentId: '1001' });
    expect(listed.ok && listed.value.map((e) => [e.id, e.points, e.reversedBy])).toEqual([['m-1', -2, 'm-2'], ['m-2', 2, undefined]]);
    expect(audits.at(-1)).toMatchObject({ actor: 'id-mgr', action: 'points-reversed', target: original.id, detail: { reversal: 'm-2', points: 2 } });
  });

  it('happens once; a reversal cannot be reversed; an unknown id is 404; a reason is required', async () => {
    const original = await enter({ agentId: '1001', item: 'desk-items' });
    expect(await points.reverse(as(supervisor), original.id, {})).toMatchObject({ ok: false, status: 400, field: 'reason' });
    const first = await points.reverse(as(supervisor), original.id, { reason: 'wrong agent' });
    expect(first.ok).toBe(true);
    expect(await points.reverse(as(supervisor), original.id, { reason: 'again' })).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/already reversed by m-2/) });
    expect(await points.reverse(as(supervisor), 'm-2', { reason: 'undo the undo' })).toMatchObject({ ok: false, status: 409, error: expect.stringMatching(/itself a reversal/) });
    expect(await points.reverse(as(supervisor), 'nope', { reason: 'x' })).toMatchObject({ ok: false, status: 404, field: 'id' });
    expect(await points.reverse(as(leadA), original.id, { reason: 'x' })).toMatchObject({ ok: false, status: 403 });
    const all = await points.list(supervisor, {});
    expect(all.ok && all.value).toHaveLength(2);
  });

  it('of two asked at once, one is taken and the other refused', async () => {
    const original = await enter({ agentId: '1001', item: 'uncivil' });
    const outcomes = await Promise.all([
      points.reverse(as(supervisor), original.id, { reason: 'one' }),
      points.reverse(as(manager), original.id, { reason: 'two' }),
    ]);
    expect(outcomes.map((o) => (o.ok ? 201 : o.status)).sort()).toEqual([201, 409]);
  });
});

describe('the quarter\'s leaderboard, in the centre\'s time zone', () => {
  it('counts 2026-12-31T16:30Z in 2027-Q1 in Shanghai, and one minute before Shanghai\'s midnight in 2026-Q4', async () => {
    await enter({ agentId: '1001', item: 'suggestion', at: LAST_SECOND_OF_2026 });
    await enter({ agentId: '1002', item: 'most-wronged', at: NEW_YEAR_SHANGHAI });
    const q4 = await points.leaderboard(supervisor, '2026-Q4');
    const q1 = await points.leaderboard(supervisor, '2027-Q1');
    expect(q4.ok && q4.value).toEqual({
      quarter: '2026-Q4', from: Date.parse('2026-10-01T00:00:00+08:00'), to: Date.parse('2027-01-01T00:00:00+08:00'),
      rows: [{ rank: 1, agentId: '1001', name: 'Li Na', teamId: 'A', points: 5, rewards: 5, deductions: 0 }],
    });
    // Q1 is now's: everyone on the floor is listed, at 0 without entries.
    expect(q1.ok && q1.value.rows.map((r) => [r.agentId, r.rank, r.points])).toEqual([['1002', 1, 5], ['1001', 2, 0], ['2001', 2, 0]]);
    // Without a quarter: the current one in Shanghai (NOW is 2 January).
    const current = await points.leaderboard(supervisor);
    expect(current.ok && current.value.quarter).toBe('2027-Q1');
  });

  it('follows the time zone of the rules in force: in UTC both instants are 2026-Q4', async () => {
    await enter({ agentId: '1001', item: 'suggestion', at: LAST_SECOND_OF_2026 });
    await enter({ agentId: '1002', item: 'most-wronged', at: NEW_YEAR_SHANGHAI });
    await floor.setRules({ ...floor.rules(), timezone: 'UTC' });
    const q4 = await points.leaderboard(supervisor, '2026-Q4');
    expect(q4.ok && q4.value.rows.map((r) => r.agentId).sort()).toEqual(['1001', '1002']);
    expect(q4.ok && q4.value.to).toBe(Date.parse('2027-01-01T00:00:00Z'));
  });

  it('ranks by points with shared ranks, leaves reversed entries out, and splits rewards from deductions', async () => {
    await enter({ agentId: '1001', item: 'suggestion' });
    await enter({ agentId: '1001', item: 'posture' });
    await enter({ agentId: '2001', item: 'industry-elite' });
    await enter({ agentId: '2001', item: 'mobile-phone' });
    await enter({ agentId: '2001', item: 'visitors' });
    await enter({ agentId: '2001', item: 'chatting' });
    const mistaken = await enter({ agentId: '1002', item: 'technical-expert', points: 10 });
    await points.reverse(as(supervisor), mistaken.id, { reason: 'other contest' });
    await enter({ agentId: '1002', item: 'desk-items' });
    const board = await points.leaderboard(supervisor);
    expect(board.ok && board.value.rows).toEqual([
      { rank: 1, agentId: '1001', name: 'Li Na', teamId: 'A', points: 4, rewards: 5, deductions: -1 },
      { rank: 1, agentId: '2001', name: 'Chen Jie', teamId: 'B', points: 4, rewards: 10, deductions: -6 },
      { rank: 3, agentId: '1002', name: 'Zhou Min', teamId: 'A', points: -1, rewards: 0, deductions: -1 },
    ]);
  });

  it('lists every agent the centre knows in the quarter, at 0 without entries, so a deduction never ranks above them', async () => {
    // 1001, 1002 and 2001 are on the floor; 3001 is planned later today, 3002 only last quarter.
    await planned(NOW + 2 * 3600_000, '3001');
    await planned(Date.parse('2026-12-20T09:00:00+08:00'), '3002');
    // A shift lead at a seat is not ranked among the agents for being there.
    await floor.ingest([floorEventSchema.parse({ id: 'login-lead', ts: clock.now(), type: 'agent.login', agentId: '9001', stationId: 'S-L', teamId: 'A', role: 'lead' })]);
    clock.set(clock.now() + WINDOW + 1);
    await floor.tick();
    await enter({ agentId: '1002', item: 'posture' });
    const board = await points.leaderboard(supervisor);
    expect(board.ok && board.value.rows).toEqual([
      { rank: 1, agentId: '1001', name: 'Li Na', teamId: 'A', points: 0, rewards: 0, deductions: 0 },
      { rank: 1, agentId: '2001', name: 'Chen Jie', teamId: 'B', points: 0, rewards: 0, deductions: 0 },
      { rank: 1, agentId: '3001', teamId: 'A', points: 0, rewards: 0, deductions: 0 },
      { rank: 4, agentId: '1002', name: 'Zhou Min', teamId: 'A', points: -1, rewards: 0, deductions: -1 },
    ]);
    // Last quarter: only who worked then (the plan's 3002), not today's floor.
    const q4 = await points.leaderboard(supervisor, '2026-Q4');
    expect(q4.ok && q4.value.rows).toEqual([{ rank: 1, agentId: '3002', teamId: 'A', points: 0, rewards: 0, deductions: 0 }]);
    // A lead: the rows of their teams, with the floor-wide ranks.
    const lead = await points.leaderboard(leadA);
    expect(lead.ok && lead.value.rows.map((r) => [r.agentId, r.rank, r.points])).toEqual([['1001', 1, 0], ['3001', 1, 0], ['1002', 4, -1]]);
  });

  it('refuses a quarter it cannot read', async () => {
    expect(await points.leaderboard(supervisor, '2026-Q5')).toMatchObject({ ok: false, status: 400, field: 'quarter' });
  });
});

describe('annual excellence candidates (article 104.8)', () => {
  /** `count` agents with one reward each in 2026-Q2 (+5); agents 1001-1003 with more. */
  async function centreOf(count: number): Promise<void> {
    // Seen on the floor, so the centre knows them (their entries are dated long before).
    await onFloor('1003', ...Array.from({ length: count }, (_, i) => `3${String(i).padStart(3, '0')}`));
    for (let i = 0; i < count; i++) await enter({ agentId: `3${String(i).padStart(3, '0')}`, item: 'suggestion', at: '2026-05-10T10:00:00+08:00' });
    await enter({ agentId: '1001', item: 'technical-expert', points: 10, at: '2026-02-10T10:00:00+08:00' });
    await enter({ agentId: '1001', item: 'industry-elite', at: '2026-11-10T10:00:00+08:00' });
    await enter({ agentId: '1002', item: 'industry-elite', at: '2026-08-10T10:00:00+08:00' });
    await enter({ agentId: '1002', item: 'suggestion', at: '2026-08-11T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'industry-elite', at: '2026-03-10T10:00:00+08:00' });
  }

  it('are the top three by average quarterly score over the four quarters of a past year', async () => {
    await centreOf(17); // 20 agents: 15% is 3
    const result = await points.excellence(supervisor, 2026);
    expect(result.ok && result.value).toEqual({
      year: 2026, headcount: 20, cap: 3,
      candidates: [
        { agentId: '1001', name: 'Li Na', average: 5, quarters: { '2026-Q1': 10, '2026-Q2': 0, '2026-Q3': 0, '2026-Q4': 10 } },
        { agentId: '1002', name: 'Zhou Min', average: 3.75, quarters: { '2026-Q1': 0, '2026-Q2': 0, '2026-Q3': 15, '2026-Q4': 0 } },
        { agentId: '1003', average: 2.5, quarters: { '2026-Q1': 10, '2026-Q2': 0, '2026-Q3': 0, '2026-Q4': 0 } },
      ],
    });
  });

  it('are never more than 15% of the headcount', async () => {
    await centreOf(10); // 13 agents: 15% is 1.95, so one
    const result = await points.excellence(supervisor, 2026);
    expect(result.ok && [result.value.headcount, result.value.cap, result.value.candidates.map((c) => c.agentId)]).toEqual([13, 1, ['1001']]);
    // Six agents: 0.9, so nobody.
    await start();
    await centreOf(3);
    const small = await points.excellence(supervisor, 2026);
    expect(small.ok && [small.value.headcount, small.value.cap, small.value.candidates]).toEqual([6, 0, []]);
  });

  it('count the agents of the plan in the headcount, not only those with points', async () => {
    await centreOf(10); // 13 in the ledger: cap 1
    const shifts = Array.from({ length: 7 }, (_, i) => ({
      id: `plan-${i}`, agentId: `4${i}00`, start: Date.parse('2026-12-28T08:00:00+08:00'), end: Date.parse('2026-12-28T16:00:00+08:00'), breaks: [],
    }));
    const changed = await floor.changeSchedule({ op: 'upsert', shifts, leads: [] });
    expect(changed.ok).toBe(true);
    const result = await points.excellence(supervisor, 2026);
    expect(result.ok && [result.value.headcount, result.value.cap, result.value.candidates.length]).toEqual([20, 3, 3]);
  });

  it('place the Shanghai new year by the centre\'s clock, and average the current year over the quarters begun', async () => {
    await centreOf(17);
    await enter({ agentId: '1003', item: 'suggestion', at: NEW_YEAR_SHANGHAI });
    const y2026 = await points.excellence(supervisor, 2026);
    expect(y2026.ok && y2026.value.candidates.find((c) => c.agentId === '1003')?.quarters['2026-Q4']).toBe(0);
    // Six more agents with a deduction in January 2027. Everyone logged in now works the
    // floor in 2027 (the three of the start, 1003, the 17 and these six): a headcount of 27,
    // the same people the quarter's leaderboard ranks.
    const six = Array.from({ length: 6 }, (_, i) => `5${i}00`);
    await onFloor(...six);
    for (const agentId of six) await enter({ agentId, item: 'posture', at: '2027-01-02T08:00:00+08:00' });
    // 2027 (now, 2 January): only Q1 has begun, so the average is Q1's score.
    const y2027 = await points.excellence(supervisor);
    expect(y2027.ok && y2027.value).toEqual({
      year: 2027, headcount: 27, cap: 4, candidates: [{ agentId: '1003', average: 5, quarters: { '2027-Q1': 5 } }],
    });
    const q1 = await points.leaderboard(supervisor, '2027-Q1');
    expect(q1.ok && q1.value.rows.length).toBe(27);
  });

  it('leave out a net deduction', async () => {
    await centreOf(17);
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-11T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-12T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-13T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-14T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-15T10:00:00+08:00' });
    await enter({ agentId: '1003', item: 'chatting', at: '2026-03-16T10:00:00+08:00' });
    const result = await points.excellence(supervisor, 2026);
    // 1003 nets -2 in Q1; the 17 others average 1.25 and 3000 wins the tie by agent number.
    expect(result.ok && result.value.candidates.map((c) => [c.agentId, c.average])).toEqual([['1001', 5], ['1002', 3.75], ['3000', 1.25]]);
  });
});

describe('who reads what', () => {
  beforeEach(async () => {
    await enter({ agentId: '1001', item: 'suggestion' });
    await enter({ agentId: '2001', item: 'posture' });
  });

  it('a shift lead reads only the agents of their teams', async () => {
    const listed = await points.list(leadA, {});
    expect(listed.ok && listed.value.map((e) => e.agentId)).toEqual(['1001']);
    expect(await points.list(leadA, { agentId: '2001' })).toMatchObject({ ok: false, status: 403, field: 'agentId' });
    expect(await points.list(leadA, { agentId: 'unknown-agent' })).toMatchObject({ ok: false, status: 403 });
    const board = await points.leaderboard(leadA);
    // Their agents only, 1002 at 0 with no entries, with the floor-wide ranks.
    expect(board.ok && board.value.rows.map((r) => [r.agentId, r.rank])).toEqual([['1001', 1], ['1002', 2]]);
  });

  it('administrators, supervisors and managers read everyone; a display nothing', async () => {
    for (const viewer of [user('root', 'admin'), supervisor, manager]) {
      const listed = await points.list(viewer, {});
      expect(listed.ok && listed.value.map((e) => e.agentId)).toEqual(['1001', '2001']);
    }
    expect(await points.list(DISPLAY, {})).toMatchObject({ ok: false, status: 403 });
    expect(await points.leaderboard(DISPLAY)).toMatchObject({ ok: false, status: 403 });
    expect(await points.excellence(DISPLAY)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('CSV export', () => {
  it('has one row per entry with local times, and reads back as written', async () => {
    const original = await enter({ agentId: '1001', item: 'mobile-phone', at: NEW_YEAR_SHANGHAI, reason: '=HYPERLINK("http://x")', evidence: ['cam-3', 'cam-4'] });
    await points.reverse(as(supervisor), original.id, { reason: 'it was the work phone' });
    const outcome = await points.exportCsv(as(supervisor), {});
    expect(outcome.ok).toBe(true);
    const rows = parse(outcome.ok ? outcome.value : '', { columns: true }) as Array<Record<string, string>>;
    expect(rows).toEqual([
      {
        id: 'm-1', agent: '1001', at: '2027-01-01T00:30:00+08:00', item: 'mobile-phone', article: '105.3', points: '-2',
        reason: '\'=HYPERLINK("http://x")', author: 'sup', source: 'manual', reverses: '', reversedBy: 'm-2', evidence: 'cam-3 cam-4',
      },
      {
        id: 'm-2', agent: '1001', at: '2027-01-01T00:30:00+08:00', item: 'reversal', article: '105.3', points: '2',
        reason: 'it was the work phone', author: 'sup', source: 'manual', reverses: 'm-1', reversedBy: '', evidence: 'm-1',
      },
    ]);
    expect(audits.at(-1)).toMatchObject({ action: 'points-exported', detail: { rows: 2 } });
    // A lead's export holds only their teams.
    await enter({ agentId: '2001', item: 'posture' });
    const lead = await points.exportCsv(as(leadA), {});
    expect((parse(lead.ok ? lead.value : '', { columns: true }) as unknown[]).length).toBe(2);
  });
});
