import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../../shared/events.js';
import { defaultRulesConfig } from '../../../../shared/rules-config.js';
import { importQueueLog } from '../../../../server/adapters/queue-log/import.js';
import { replayEvents } from '../../../../server/replay/replay.js';

const fixture = (name: string) => path.resolve(__dirname, '../../../fixtures/queue-log', name);
const types = (events: { type: string }[]) => events.map((e) => e.type);

async function replay(name: string, opts: Parameters<typeof importQueueLog>[1] = {}) {
  const imported = await importQueueLog(fixture(name), { format: 'auto', ...opts });
  const rules = defaultRulesConfig();
  // queue_log never records wrap-up; see docs/adapters/queue-log.md.
  rules.rules['wrap-up-record'].enabled = false;
  return { imported, report: replayEvents(imported.events.map((e) => floorEventSchema.parse(e)), rules) };
}

describe('importQueueLog: Asterisk versions', () => {
  it('Asterisk 1.8 (chan_agent, CONNECT with 1 or 2 fields, EXITWITHKEY without wait time)', async () => {
    const { imported: r, report } = await replay('asterisk-1.8.queue_log');
    expect(r.format).toBe('pipe');
    expect(r.counters).toMatchObject({ read: 17, failed: 0 });
    expect(r.stats).toMatchObject({ restarts: 2, callsClosedByRestart: 1 });
    expect(types(r.events)).toEqual([
      'agent.login', 'agent.login',
      'call.offered', 'call.answered', 'call.ended',
      'call.offered', 'call.answered', 'call.transferred', 'call.ended',
      'call.offered', 'call.ended',
      'agent.state', 'agent.state',
      'call.offered', 'agent.logout', 'agent.logout',
      'call.ended', // the call still waiting when the PBX restarted
    ]);
    expect(report.queues.sales).toMatchObject({ offered: 4, answered: 2, abandoned: 1 });
    expect(report.alerts.map((a) => a.rule)).toEqual(['no-hangup-first']);
  });

  it('Asterisk 13 (CONNECT with ring time, pause reasons, members in two queues)', async () => {
    const { imported: r } = await replay('asterisk-13.queue_log');
    expect(r.counters).toEqual({ read: 24, mapped: 19, ignored: 5, failed: 0, events: 23 });
    expect(r.stats.unknownEvents).toEqual({ CUSTOMEVENT: 1 });
  });

  it('Asterisk 18 (PJSIP, CRLF, RINGCANCELED, blind and attended transfers, PAUSEALL)', async () => {
    const { imported: r, report } = await replay('asterisk-18.queue_log', { mapping: { externalMinDigits: 8 } });
    expect(r.counters).toMatchObject({ read: 16, failed: 0, ignored: 1 });
    expect(r.events.find((e) => e.type === 'call.transferred' && e.callId === '1795827620.22')).toMatchObject({ target: 'external', to: '13912345678' });
    expect(r.events.find((e) => e.type === 'agent.state')).toMatchObject({ reason: 'training' });
    expect(report.queues.support).toMatchObject({ offered: 4, answered: 2, abandoned: 1, shortAbandoned: 1 });
    expect(report.agents['1101'].state).toBe('logged_out');
  });

  it('the database form exported as CSV, with a header and local times', async () => {
    const { imported: r, report } = await replay('queue-log-table.csv', { timeZone: 'Asia/Shanghai' });
    expect(r.format).toBe('csv');
    expect(r.counters).toMatchObject({ read: 6, mapped: 6, failed: 0 });
    expect(r.events.find((e) => e.type === 'agent.state')).toMatchObject({ reason: 'other' });
    expect(r.events.find((e) => e.type === 'call.answered')?.ts).toBe(Date.parse('2026-11-28T09:00:13.5+08:00'));
    expect(report.queues.sales).toMatchObject({ offered: 1, answered: 1, answeredInThreshold: 1 });
  });

  // freepbx-named-members.queue_log: FreePBX members with display names. app_queue.c writes
  // ADDMEMBER/REMOVEMEMBER with the interface (log_membername_as_agent = no), `PAUSED` when
  // added paused (AMI QueueAdd), and AGENTDUMP, CONNECT, COMPLETE* and UNPAUSE with the name.
  it('FreePBX named members: agentNames joins names to logins; without it the import warns', async () => {
    const agentNames = { 'Alice Tan': '1001', 'Bob Lee': '1002' };
    const { imported: r, report } = await replay('freepbx-named-members.queue_log', { mapping: { agentNames } });
    expect(r.events.map((e) => `${e.type} ${'agentId' in e ? e.agentId : ''}`)).toEqual([
      'agent.login 1001', 'agent.login 1002', 'agent.state 1002', 'call.offered ',
      'call.ringing 1001', 'call.answered 1001', 'call.ended ', 'agent.state 1002', 'agent.logout 1001',
    ]);
    expect(r.events.filter((e) => e.type === 'agent.state')).toMatchObject([{ state: 'not_ready', reason: 'other' }, { state: 'available' }]);
    expect(Object.keys(report.agents).sort()).toEqual(['1001', '1002']);
    expect(r.stats.unknownEvents).toEqual({});
    expect(r.warnings).toEqual([]);

    const bare = await importQueueLog(fixture('freepbx-named-members.queue_log'));
    expect(bare.warnings).toEqual([expect.stringContaining('"Alice Tan"'), expect.stringContaining('"Bob Lee"')]);
    expect(bare.warnings[0]).toContain('log_membername_as_agent');
  });

  it('truncated and garbage lines are counted and reported, never fatal', async () => {
    const r = await importQueueLog(fixture('truncated-and-garbage.queue_log'), { format: 'pipe' });
    expect(r.counters).toEqual({ read: 11, mapped: 4, ignored: 2, failed: 5, events: 5 });
    expect(r.problems.map((p) => p.reason)).toEqual([
      expect.stringContaining('truncated'), expect.stringContaining('truncated'),
      expect.stringContaining('time'), expect.stringContaining('truncated'), expect.stringContaining('truncated'),
    ]);
    expect(r.stats.unknownEvents).toEqual({ CONN: 1, WEIRDEVENT: 1 });
    expect(types(r.events)).toEqual(['agent.login', 'call.offered', 'call.ringing', 'call.answered', 'call.ended']);
  });

  it('re-importing gives the same events (idempotent ids)', async () => {
    const a = await importQueueLog(fixture('asterisk-13.queue_log'));
    const b = await importQueueLog(fixture('asterisk-13.queue_log'));
    expect(b.events).toEqual(a.events);
    expect(new Set(a.events.map((e) => e.id)).size).toBe(a.events.length);
  });
});

describe('end to end: queue_log in, alerts and queue figures out', () => {
  it('a 15 s unanswered ring opens answer-3-rings; an agent release opens no-hangup-first', async () => {
    const { report } = await replay('asterisk-13.queue_log', { mapping: { surveyExtensions: ['9999'] } });
    expect(report.alerts.map((a) => [a.rule, a.agentId, a.callId, a.status])).toEqual([
      ['answer-3-rings', '1003', '1795827620.3', 'resolved'],
      ['no-hangup-first', '1003', '1795827620.3', 'open'],
    ]);
    // The alert opens 10 s into the ring that began 15 s before the RINGNOANSWER line.
    expect(report.alerts[0].openedAt).toBe(new Date((1795827621 + 10) * 1000).toISOString());
    expect(report.queues.sales).toMatchObject({
      offered: 4, answered: 3, abandoned: 1, answeredInThreshold: 2, abandonedInThreshold: 1, serviceLevel: 0.5,
    });
    expect(report.queues.support).toMatchObject({ offered: 1, answered: 0, abandoned: 0 });
    // The agent's release without the survey fails art. 76's check too (alerted once, as no-hangup-first).
    expect(report.compliance.floor['survey-transfer']).toEqual({ passed: 1, failed: 1 });
    expect(report.agents['1002']).toMatchObject({ state: 'available' });
  });
});
