/**
 * `floorwatch replay --json` on a small, readable fixture holding one breach of each rule
 * (test/fixtures/one-breach-each.ndjson): each rule is listed for the right agent and
 * call, and the clean calls raise nothing.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../shared/rules.js';
import type { ReplayReport } from '../../server/replay/replay.js';

const run = promisify(execFile);

async function replay(...args: string[]): Promise<ReplayReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/floorwatch.ts', 'replay', ...args]);
  return JSON.parse(stdout) as ReplayReport;
}

describe('floorwatch replay --json', () => {
  it('lists each breached rule for the right agent and call, and nothing for the clean calls', async () => {
    const report = await replay('test/fixtures/one-breach-each.ndjson', '--json');
    const found = report.alerts.map((a) => [a.rule, a.agentId, a.callId ?? null]);
    expect(found.sort()).toEqual([
      ['answer-3-rings', '1001', 'breach-ring'],
      ['away-without-reason', '1012', null],
      ['callback-promise', '1008', 'breach-callback'],
      ['forbidden-phrases', '1004', 'breach-phrase'],
      ['greeting', '1002', 'breach-greeting'],
      ['hold-consent', '1003', 'breach-hold'],
      ['no-hangup-first', '1005', 'breach-hangup'],
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

  it('tries a rules change on the same day: a longer ring limit clears the late answer', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const rules = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-replay-')), 'rules.yaml');
    fs.writeFileSync(rules, 'rules:\n  answer-3-rings:\n    ringSeconds: 20\n');
    const report = await replay('test/fixtures/one-breach-each.ndjson', '--json', '--rules', rules);
    expect(report.alerts.map((a) => a.rule)).not.toContain('answer-3-rings');
  });
});
