import { describe, expect, it } from 'vitest';
import type { PointsEntry } from '../../../shared/points.js';
import type { FloorDelta } from '../../../shared/wallboard.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { createEngineState } from '../../../server/engine/engine.js';
import { deserializeState, serializeState } from '../../../server/engine/state.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import type { Storage } from '../../../server/storage/types.js';
import { ev, openFloor, WINDOW } from '../../helpers/floor-harness.js';
import { leadDuty, min, ms, shift, T0, upsert } from '../engine/plan-harness.js';
import { leaveBeforeRelief } from './leave-before-relief.js';

const DAY = 24 * 3600 * 1000;
const plan = upsert(
  [
    shift('1001', min(30), min(510), { teamId: 'A', stationId: 'S-7', breaks: [['meal', min(180), min(240)]] }),
    shift('1002', 0, min(480), { teamId: 'A', stationId: 'S-8' }),
  ],
  [leadDuty('L1', min(60), min(540), ['A'])],
);

/** Moves the clock to `seconds` after T0 plus the reorder window, so everything up to `seconds` is applied. */
async function until(ctx: Awaited<ReturnType<typeof openFloor>>, seconds: number): Promise<void> {
  ctx.clock.set(ms(seconds) + WINDOW);
  await ctx.floor.tick();
}

/** A ledger that forwards to the storage's own and remembers every batch it was given. */
function spyOnPoints(storage: Storage): { storage: Storage; batches: PointsEntry[][] } {
  const batches: PointsEntry[][] = [];
  const points = storage.points;
  return {
    batches,
    storage: { ...storage, points: { ...points, record: async (entries) => { batches.push(entries); await points.record(entries); } } },
  };
}

describe('the plan on the floor', () => {
  it('logs a schedule change first, applies it at once, and reads it back by window', async () => {
    const ctx = await openFloor();
    expect(await ctx.floor.changeSchedule(plan)).toEqual({ ok: true, value: { shifts: 2, leads: 1 } });
    const [entry] = await ctx.storage.log.read(0, 10);
    expect(entry.payload).toEqual({ kind: 'schedule', change: plan });
    const view = ctx.floor.schedule(T0, T0 + DAY);
    expect(view).toMatchObject({ from: T0, to: T0 + DAY, timezone: 'Asia/Shanghai' });
    expect(view.shifts.map((s) => s.agentId)).toEqual(['1002', '1001']); // by start
    expect(view.leads.map((l) => l.id)).toEqual([`lead:L1@${ms(min(60))}`]);
    expect(ctx.floor.schedule(T0 + DAY, T0 + 2 * DAY).shifts).toEqual([]);
  });

  it('runs the schedule rules on the floor\'s clock and stores their alerts and points', async () => {
    const ctx = await openFloor();
    await ctx.floor.changeSchedule(plan);
    await ctx.floor.ingest([ev(0, 'agent.login', { agentId: '1002', stationId: 'S-8', teamId: 'A' })]);
    ctx.clock.set(ms(min(20)));
    await ctx.floor.ingest([ev(min(20), 'agent.login', { agentId: 'L1', stationId: 'S-L', teamId: 'A', role: 'lead' })]);
    await until(ctx, min(45) - 1);
    expect(ctx.floor.snapshot().alerts).toEqual([]);
    await until(ctx, min(45));
    const [absence] = ctx.floor.snapshot().alerts;
    expect(absence).toMatchObject({ rule: 'absence', agentId: '1001', openedAt: ms(min(45)) });
    expect(await ctx.storage.alerts.get(absence.id)).toMatchObject({ rule: 'absence', status: 'open' });
    // The -2 waits for the shift's end: a late login is lateness, not absence (art. 105.1).
    expect(await ctx.storage.points.list({})).toEqual([]);
    await until(ctx, min(50));
    expect(ctx.floor.snapshot().alerts.map((a) => a.title)).toEqual([
      expect.stringContaining('Agent 1001 not logged in'),
      expect.stringContaining('No pre-shift meeting'),
    ]);
  });

  it('a rebuild (snapshot + log, or the log alone) gives the same plan, state and points, without a duplicate entry', async () => {
    const storage = createMemoryStorage();
    const ctx = await openFloor({ storage, snapshotEveryEntries: 3 });
    await ctx.floor.changeSchedule(plan);
    await ctx.floor.ingest([ev(0, 'agent.login', { agentId: '1002', stationId: 'S-8', teamId: 'A' })]);
    ctx.clock.set(ms(min(25)));
    await ctx.floor.ingest([ev(min(25), 'agent.login', { agentId: 'L1', stationId: 'S-L', teamId: 'A', role: 'lead' })]);
    await ctx.floor.changeSchedule({ op: 'remove', shiftIds: [], leadShiftIds: [`lead:L1@${ms(min(60))}`] });
    ctx.clock.set(ms(min(200)));
    await ctx.floor.ingest([
      ev(min(200), 'agent.login', { agentId: '1001', stationId: 'S-7', teamId: 'A' }),
      ev(min(200), 'agent.state', { agentId: '1002', state: 'not_ready', reason: 'meal' }),
    ]);
    await until(ctx, min(300));
    const before = ctx.floor.stateText();
    const plannedBefore = ctx.floor.schedule(T0, T0 + DAY);
    const recorded = (await storage.points.list({})).map((p) => p.id).sort();
    // 1001 came late (min 200): no -2 for absence, only 1002's unarranged meal.
    expect(recorded).toEqual([`auto:unarranged-meal:1002@${ms(min(200))}`]);

    const rebuilt = await openFloor({ storage, clock: ctx.clock });
    await rebuilt.floor.tick();
    expect(JSON.parse(rebuilt.floor.stateText())).toEqual(JSON.parse(before));
    expect(rebuilt.floor.schedule(T0, T0 + DAY)).toEqual(plannedBefore);

    // The log alone, into a storage whose ledger already holds the entries (a crash after
    // they were written): the same ids come again, and the ledger keeps one of each.
    const logOnly = createMemoryStorage();
    await logOnly.log.append((await storage.log.read(0, 1000)).map(({ seq: _seq, ...e }) => e));
    await logOnly.points.record(await storage.points.list({}));
    const spy = spyOnPoints(logOnly);
    const fromLog = await openFloor({ storage: spy.storage, clock: ctx.clock });
    await fromLog.floor.tick();
    expect(fromLog.floor.stateText()).toBe(before);
    expect(spy.batches.flat().map((p) => p.id).sort()).toEqual(recorded);
    expect(spy.batches.flat()).toEqual(expect.arrayContaining(await storage.points.list({})));
    expect((await logOnly.points.list({})).map((p) => p.id).sort()).toEqual(recorded);
  });

  it('puts adherence in the snapshot, in the agent views and, when it changes, in the delta', async () => {
    const ctx = await openFloor();
    const deltas: FloorDelta[] = [];
    ctx.floor.onDelta((d) => deltas.push(d));
    await ctx.floor.changeSchedule(plan);
    ctx.clock.set(ms(min(10)));
    await ctx.floor.ingest([ev(min(10), 'agent.login', { agentId: '1002', stationId: 'S-8', teamId: 'A' })]);
    await until(ctx, min(20));
    const snap = ctx.floor.snapshot();
    // 1002: out for the first 10 minutes, in since; 1001's shift has not begun.
    expect(snap.adherence).toEqual([{ teamId: 'A', scheduledNow: 1, outOfAdherence: 0, percent: 50 }]);
    expect(snap.agents.find((a) => a.agentId === '1002')?.adherence).toMatchObject({ scheduled: 'working', inAdherence: true, since: ms(min(10)) });
    const withAdherence = deltas.filter((d) => d.adherence !== undefined);
    expect(withAdherence.at(-1)?.adherence).toEqual([expect.objectContaining({ teamId: 'A', scheduledNow: 1 })]);
    const count = withAdherence.length;
    await until(ctx, min(30)); // 1001's shift starts: 1001 is scheduled and not in
    await until(ctx, min(31));
    const latest = deltas.filter((d) => d.adherence !== undefined);
    expect(latest.length).toBeGreaterThan(count);
    expect(latest.at(-1)?.adherence).toEqual([expect.objectContaining({ teamId: 'A', scheduledNow: 2, outOfAdherence: 1 })]);
  });

  it('takes leave approvals and handover confirmations as logged commands', async () => {
    const ctx = await openFloor();
    await leaveBeforeRelief(ctx.floor, ctx.clock);
    await until(ctx, min(56));
    const [left] = ctx.floor.snapshot().alerts;
    expect(left).toMatchObject({ rule: 'no-leaving-post', teamId: 'A' });
    const approval = await ctx.floor.command({ type: 'leave.approve', agentId: '1001', by: 'lead-7' });
    expect(approval).toMatchObject({ ok: true, value: { agentId: '1001', approvedBy: 'lead-7', resolvedAlertId: left.id } });
    expect(await ctx.storage.alerts.get(left.id)).toMatchObject({ status: 'resolved', resolvedBy: 'lead-7' });

    await ctx.floor.ingest([ev(min(57), 'urgent.reported', { agentId: '1001', summary: 'fire alarm' })]);
    await until(ctx, min(58));
    await ctx.floor.ingest([ev(min(58), 'agent.state', { agentId: '1001', state: 'not_ready' })]);
    await until(ctx, min(61));
    const critical = ctx.floor.snapshot().alerts.find((a) => a.severity === 'critical')!;
    const confirm = { type: 'handover.confirm' as const, by: 'lead-7', handoverId: 'ho-1', teamIds: ['A'], toAccount: 'lead-9' };
    expect(await ctx.floor.command(confirm)).toMatchObject({ ok: false, field: 'alerts', alertIds: [critical.id] });
    await ctx.floor.command({ type: 'alert.resolve', alertId: critical.id, by: 'lead-7' });
    const done = await ctx.floor.command(confirm);
    expect(done).toMatchObject({ ok: true, value: { transferred: [expect.any(String)] } });
    const [movedId] = (done as { value: { transferred: string[] } }).value.transferred;
    expect((await ctx.storage.alerts.get(movedId))?.owner).toMatchObject({ account: 'lead-9', handoverId: 'ho-1' });
    const log = await ctx.storage.log.read(0, 100);
    expect(log.filter((e) => e.payload.kind === 'command').map((e) => (e.payload as { command: { type: string } }).command.type))
      .toEqual(['leave.approve', 'handover.confirm', 'alert.resolve', 'handover.confirm']);
  });
});

describe('snapshots from before schedules existed', () => {
  it('open with an empty plan, the new rules sections filled in, and the month and quarter timers set', () => {
    const old = JSON.parse(serializeState(createEngineState(defaultRulesConfig(), T0))) as Record<string, unknown> & {
      rules: Record<string, unknown>; deadlines: Array<{ kind: string }>;
    };
    delete old.plan;
    delete old.rules.points;
    old.deadlines = old.deadlines.filter((d) => d.kind === 'day');
    const state = deserializeState(JSON.stringify(old));
    expect(state.plan.shifts.size).toBe(0);
    expect(state.rules.points.enabled).toBe(true);
    expect(state.deadlines.map((d) => d.kind).sort()).toEqual(['day', 'month', 'quarter']);
    expect(state.plan.awards.month.key).toBe('2026-11');
  });
});
