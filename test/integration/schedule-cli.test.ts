/**
 * The simulator's schedule end to end: `floorwatch simulate --schedule-out` writes a plan
 * the import reads back, `floorwatch simulate --url` posts the plan (with the feed token)
 * before the events to a real server, and `serve --demo` imports its own plan so the
 * wallboard has adherence from the first minute.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../shared/schedule.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { parseScheduleFile } from '../../server/schedule/parse-file.js';
import { simulatePlan } from '../../server/simulate/simulate.js';
import { createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-schedule-cli-'));
const servers: ServerProcess[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop();
});

const floorwatch = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', ...args], { maxBuffer: 64 * 1024 * 1024 });

describe('floorwatch simulate --schedule-out', () => {
  it('writes the plan the events follow, in a file the import reads back', async () => {
    const start = '2026-11-30T08:00:00+08:00';
    const planFile = path.join(dir, 'plan.csv');
    const eventsFile = path.join(dir, 'events.ndjson');
    await floorwatch('simulate', '--agents', '12', '--hours', '3', '--seed', '5', '--start', start, '--out', eventsFile, '--schedule-out', planFile);
    const parsed = parseScheduleFile(fs.readFileSync(planFile, 'utf8'), 'csv', 'Asia/Shanghai');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
    const expected = simulatePlan({ seed: 5, agents: 12, start: Date.parse(start), durationMs: 3 * 3600_000 });
    expect(parsed.value.shifts).toEqual(expected.shifts);
    expect(parsed.value.leads).toEqual(expected.leads);
    // Every agent in the file who logs in does so at the seat the plan gives them.
    const seats = new Map(expected.shifts.map((s) => [s.agentId, s.stationId]));
    const logins = fs.readFileSync(eventsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; agentId?: string; stationId?: string })
      .filter((e) => e.type === 'agent.login' && seats.has(e.agentId!) && !e.stationId!.startsWith('S-T'));
    expect(logins.length).toBeGreaterThan(15);
    for (const l of logins) expect(l.stationId).toBe(seats.get(l.agentId!));
  });

  it('refuses a plan file it cannot write and an impossible shift change, naming the option', async () => {
    await expect(floorwatch('simulate', '--schedule-out', path.join(dir, 'plan.txt'))).rejects.toThrow(/--schedule-out: name a \.csv/);
    await expect(floorwatch('simulate', '--schedule-out', path.join(dir, 'p.yaml'), '--shift-change', '2000-01-01T00:00:00Z')).rejects.toThrow(/shiftChangeAt/);
  });
});

describe('floorwatch simulate --url', () => {
  it('posts the plan with the feed token before the events, and the server shows it', async () => {
    const db = path.join(dir, 'simulate-url.db');
    const server = await startServerProcess(['--db', db]);
    servers.push(server);
    const token = createFeedToken(db);
    const start = Date.now() - 3 * 3600_000;
    const { stderr } = await floorwatch('simulate', '--url', server.url, '--token', token, '--speed', '0', '--agents', '12', '--hours', '2', '--seed', '3', '--start', new Date(start).toISOString());
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ plan: { shifts: expect.any(Number), leads: 2 } });
    expect(lines[1]).toMatchObject({ rejected: 0 });

    const admin = await signInAdmin(server.url);
    const from = start - 3600_000;
    const view = (await (await admin.call('GET', `/api/v1/schedule?from=${from}&to=${from + 24 * 3600_000}`)).json()) as ScheduleView;
    const expected = simulatePlan({ seed: 3, agents: 12, start, durationMs: 2 * 3600_000 });
    expect(view.shifts.map((s) => s.id).sort()).toEqual(expected.shifts.map((s) => s.id).sort());
    expect(view.leads.map((l) => l.id).sort()).toEqual(expected.leads.map((l) => l.id).sort());
    const audit = (await (await admin.call('GET', '/api/v1/audit?action=schedule-imported')).json()) as Array<{ detail: Record<string, unknown> }>;
    expect(audit[0].detail).toMatchObject({ by: 'test feed', via: 'feed token', format: 'json' });
  });
});

describe('serve --demo', () => {
  it('imports the simulated plan from now, so the wallboard has adherence within a minute', async () => {
    const server = await startServerProcess(['--demo', '--demo-agents', '12', '--db', path.join(dir, 'demo.db')]);
    servers.push(server);
    const admin = await signInAdmin(server.url);
    let view: ScheduleView | undefined;
    for (let i = 0; i < 100 && !(view && view.shifts.length > 0); i++) {
      view = (await (await admin.call('GET', '/api/v1/schedule')).json()) as ScheduleView;
      if (view.shifts.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const now = Date.now();
    const first = Math.min(...view!.shifts.map((s) => s.start));
    expect(first - now).toBeLessThan(90_000);
    // The relief crew and its lead take over half an hour in, at the latest.
    const change = Math.max(...view!.leads.map((l) => l.start));
    expect(view!.leads.filter((l) => l.start === change)).toHaveLength(1);
    expect(change - now).toBeLessThan(30 * 60_000);
    expect(change - now).toBeGreaterThan(20 * 60_000);
    // Agents log in within the demo's first half minute, each with a shift today: their team's adherence is on the board.
    let snapshot: FloorSnapshot | undefined;
    while (Date.now() - now < 60_000 && !(snapshot && snapshot.adherence.length > 0)) {
      await new Promise((r) => setTimeout(r, 1000));
      snapshot = (await (await admin.call('GET', '/api/v1/floor')).json()) as FloorSnapshot;
    }
    expect(snapshot!.demo).toBe(true);
    expect(snapshot!.adherence.map((t) => t.teamId)).toEqual(['team-01']);
  }, 120_000);
});
