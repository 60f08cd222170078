/**
 * `floorwatch import --schedule`: the plan goes to a running server with the feed token
 * before the events (as a WFM export job sends it), and a plan the server refuses is
 * printed row by row, exit code 1, with no event sent.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScheduleView } from '../../shared/schedule.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';

const run = promisify(execFile);
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
});

const EVENTS = 'test/fixtures/one-breach-each.ndjson';
// The fixture's day is past: sent anyway, as a floor not in use yet takes it.
const importFile = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'import', EVENTS, '--past-events', ...args]);

describe('floorwatch import --schedule', () => {
  it('refuses a bad plan naming its rows and sends nothing; a good one goes in before the events', async () => {
    const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-import-plan-')), 'floor.db');
    const server = await startServerProcess(['--db', db]);
    servers.push(server);
    const token = createFeedToken(db, 'wfm and pbx history');
    const admin = await signInAdmin(server.url);

    const refused = await importFile('--url', server.url, '--token', token, '--schedule', 'test/fixtures/schedule/bad.csv')
      .then(() => undefined, (err: { code: number; stderr: string }) => err);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('test/fixtures/schedule/bad.csv: row 3: date: 2026-11-31 is not a calendar date');
    expect(refused?.stderr).toMatch(/no events were sent/);
    expect(refused?.stderr).not.toContain('"accepted"');
    const untouched = (await (await admin.call('GET', '/api/v1/floor')).json()) as FloorSnapshot;
    expect(untouched.agents).toEqual([]);

    const { stderr } = await importFile('--url', server.url, '--token', token, '--schedule', 'test/fixtures/one-breach-each.schedule.csv');
    const lines = stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ schedule: 'test/fixtures/one-breach-each.schedule.csv', shifts: 3, leads: 1 });
    expect(lines.at(-1)).toMatchObject({ read: 140, accepted: 140, rejected: 0 });

    const plan = (await (await admin.call('GET', '/api/v1/schedule?from=2026-11-27&to=2026-11-28')).json()) as ScheduleView;
    expect(plan.shifts.map((s) => s.agentId)).toEqual(['1014', '1015', '1016']);
    expect(plan.leads.map((l) => [l.leadId, l.account])).toEqual([['9001', 'lead.wang']]);
    const audit = (await (await admin.call('GET', '/api/v1/audit?action=schedule-imported')).json()) as Array<{ detail: Record<string, unknown> }>;
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ via: 'feed token', format: 'csv', replace: false, shifts: 3, leads: 1 });
  }, 60_000);
});
