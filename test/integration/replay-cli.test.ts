/**
 * `floorwatch replay --json` on a small, readable fixture holding one breach of each rule
 * (test/fixtures/one-breach-each.ndjson, with its plan one-breach-each.schedule.csv for
 * the rules that need one): each rule is listed for the right agent and call, and the
 * clean calls raise nothing. A bad plan file is refused, naming its rows.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../shared/rules.js';
import type { ReplayReport } from '../../server/replay/replay.js';

const run = promisify(execFile);
const EVENTS = 'test/fixtures/one-breach-each.ndjson';
const PLAN = 'test/fixtures/one-breach-each.schedule.csv';

async function replay(...args: string[]): Promise<ReplayReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', ...args]);
  return JSON.parse(stdout) as ReplayReport;
}

/** Runs replay expecting it to fail; its exit code, standard output and error. */
async function replayFailing(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', ...args]);
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
  throw new Error('replay succeeded, a failure was expected');
}

describe('floorwatch replay --json', () => {
  it('lists each breached rule for the right agent and call, and nothing for the clean calls', async () => {
    const report = await replay(EVENTS, '--json', '--schedule', PLAN);
    const found = report.alerts.map((a) => [a.rule, a.agentId, a.callId ?? null]);
    expect(found.sort()).toEqual([
      ['absence', '1014', null],
      ['answer-3-rings', '1001', 'breach-ring'],
      ['away-without-reason', '1012', null],
      ['callback-promise', '1008', 'breach-callback'],
      ['forbidden-phrases', '1004', 'breach-phrase'],
      ['greeting', '1002', 'breach-greeting'],
      ['hold-consent', '1003', 'breach-hold'],
      ['lead-early', '9001', null],
      ['no-hangup-first', '1005', 'breach-hangup'],
      ['no-leaving-post', '1015', null],
      ['one-agent-one-login', '1011', null],
      ['private-call', '1013', 'breach-private'],
      ['rest-off-hook', '1009', null],
      ['survey-transfer', '1006', 'breach-survey'],
      ['urgent-escalation', '1010', null],
      ['wrap-up-record', '1007', 'breach-wrapup'],
    ]);
    expect(new Set(report.alerts.map((a) => a.rule))).toEqual(new Set(RULE_IDS));
    for (const a of report.alerts) {
      expect(a).toMatchObject({ id: expect.any(String), article: expect.any(String), severity: expect.any(String), status: expect.any(String) });
      expect(a.evidence.length).toBeGreaterThan(0);
      expect(Date.parse(a.openedAt)).not.toBeNaN();
    }
    // The ring alert opened at second 10 of ringing (rang from 09:01:41), not at the answer.
    expect(report.alerts.find((a) => a.rule === 'answer-3-rings')?.openedAt).toBe('2026-11-27T01:01:51.000Z');
    // The figures: 11 inbound calls offered and answered (the private call is outbound).
    expect(report.queues.general).toMatchObject({ offered: 11, answered: 11, abandoned: 0 });
    expect(report.queues.general.serviceLevel).toBeCloseTo(9 / 11);
    expect(report.agents['1020']).toMatchObject({ handledToday: 3, openAlerts: 0, state: 'logged_out' });
  });

  it('puts the plan in before the lead\'s arrival check, so the checks fire at their own moments, as live', async () => {
    const report = await replay(EVENTS, '--json', '--schedule', PLAN);
    // The lead's duty starts at 09:15: in by 08:55, before the file's first event (09:00).
    expect(report.schedule).toEqual({ shifts: 3, leads: 1, appliedAt: '2026-11-27T00:55:00.000Z' });
    const at = (rule: string): string[] => report.alerts.filter((a) => a.rule === rule).map((a) => a.openedAt);
    expect(at('lead-early')).toEqual(['2026-11-27T00:55:00.000Z']);
    // Sun Li's shift starts at 09:00, with 15 minutes' grace; Zhao Lei leaves at 09:20, the relief comes at 09:25.
    expect(at('absence')).toEqual(['2026-11-27T01:15:00.000Z']);
    expect(report.alerts.find((a) => a.rule === 'no-leaving-post')).toMatchObject({ openedAt: '2026-11-27T01:20:00.000Z', status: 'resolved' });
    // The lead held the meeting at 09:03, before 09:05: the arrival is the duty's only breach.
    expect(report.compliance.floor['lead-early']).toEqual({ passed: 1, failed: 1 });
  });

  it('without the plan, the plan\'s rules stay silent and the other thirteen are unchanged', async () => {
    const report = await replay(EVENTS, '--json');
    const rules = new Set(report.alerts.map((a) => a.rule));
    expect(RULE_IDS.filter((r) => !rules.has(r))).toEqual(['lead-early', 'no-leaving-post', 'absence']);
    expect(report.alerts).toHaveLength(13);
    expect(report.schedule).toBeUndefined();
  });

  it('refuses a bad plan file with its rows and fields, exit code 1, and replays nothing', async () => {
    const { code, stdout, stderr } = await replayFailing(EVENTS, '--json', '--schedule', 'test/fixtures/schedule/bad.csv');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/problems in test\/fixtures\/schedule\/bad\.csv; nothing was replayed/);
    expect(stderr).toContain('test/fixtures/schedule/bad.csv: row 3: date: 2026-11-31 is not a calendar date');
    expect(stderr).toMatch(/bad\.csv: row 6: agent: /);
    const wrongName = await replayFailing(EVENTS, '--schedule', 'test/fixtures/one-breach-each.ndjson');
    expect(wrongName.code).toBe(1);
    expect(wrongName.stderr).toContain('--schedule: name a .csv, .yaml, .yml or .json file');
  });

  it('tries a rules change on the same day: a longer ring limit clears the late answer', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const rules = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-replay-')), 'rules.yaml');
    fs.writeFileSync(rules, 'rules:\n  answer-3-rings:\n    ringSeconds: 20\n');
    const report = await replay(EVENTS, '--json', '--schedule', PLAN, '--rules', rules);
    expect(report.alerts.map((a) => a.rule)).not.toContain('answer-3-rings');
  });

  it('a queue_log whose call lines name members by name: --agent-ids joins them to their logins', async () => {
    const LOG = 'test/fixtures/queue-log/freepbx-named-members.queue_log';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-agent-ids-'));
    const ids = path.join(dir, 'agent-ids.yaml');
    fs.writeFileSync(ids, 'Alice Tan: "1001"\nBob Lee: "1002"\n');
    // Without it the call goes to an agent "Alice Tan" that never logged in, and stderr says why.
    const without = await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', LOG, '--format', 'queue_log', '--json']);
    expect(Object.keys((JSON.parse(without.stdout) as ReplayReport).agents)).toContain('Alice Tan');
    expect(without.stderr).toMatch(/"Alice Tan".*log_membername_as_agent.*agentNames|"Alice Tan".*agent-ids/s);
    const withIds = await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', LOG, '--format', 'queue_log', '--json', '--agent-ids', ids]);
    const report = JSON.parse(withIds.stdout) as ReplayReport;
    expect(Object.keys(report.agents).sort()).toEqual(['1001', '1002']);
    expect(report.agents['1001'].handledToday).toBe(1);
    expect(withIds.stderr).not.toMatch(/member name/);
    // A bad file stops it, naming the entry.
    fs.writeFileSync(ids, 'Alice Tan: ""\n');
    const refused = await replayFailing(LOG, '--format', 'queue_log', '--agent-ids', ids);
    expect(refused.stderr).toMatch(/agent ids file .* was refused: "Alice Tan": must not be empty/);
  }, 60_000);

  it('a queue_log read with serve\'s adapters file (--adapters-config or its environment variable): its queue-log section joins the members', async () => {
    const LOG = 'test/fixtures/queue-log/freepbx-named-members.queue_log';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-adapters-replay-'));
    const adapters = path.join(dir, 'adapters.yaml');
    fs.writeFileSync(adapters, 'queue-log:\n  agentNames:\n    Alice Tan: "1001"\n    Bob Lee: "1002"\n');
    const cli = ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', LOG, '--format', 'queue_log', '--json'];
    const byFlag = await run(process.execPath, [...cli, '--adapters-config', adapters]);
    expect(Object.keys((JSON.parse(byFlag.stdout) as ReplayReport).agents).sort()).toEqual(['1001', '1002']);
    const byEnv = await run(process.execPath, cli, { env: { ...process.env, FLOORWATCH_ADAPTERS_CONFIG: adapters } });
    expect(Object.keys((JSON.parse(byEnv.stdout) as ReplayReport).agents).sort()).toEqual(['1001', '1002']);
    // A file that disagrees with a flag stops it before anything is read, naming both.
    fs.writeFileSync(adapters, 'queue-log:\n  surveyExtensions: ["7900"]\n');
    const refused = await replayFailing(LOG, '--format', 'queue_log', '--adapters-config', adapters, '--survey-ext', '8000');
    expect(refused.stderr).toMatch(/floorwatch replay: .*queue-log\.surveyExtensions: also given by --survey-ext/s);
    expect(refused.stdout).toBe('');
    // Set in the environment for serve, the site's files never stop an NDJSON replay, even gone.
    const gone = path.join(dir, 'gone.yaml');
    const ndjson = await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', EVENTS, '--json'], {
      env: { ...process.env, FLOORWATCH_ADAPTERS_CONFIG: gone, FLOORWATCH_AGENT_IDS: gone },
    });
    expect((JSON.parse(ndjson.stdout) as ReplayReport).alerts.length).toBeGreaterThan(0);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);
});

