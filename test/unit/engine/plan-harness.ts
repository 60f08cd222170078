/**
 * Drives the pure engine with a plan on a fake clock: EngineHarness (events at offsets
 * from T0, ticks, commands, the alerts that came out), plus schedule and rules changes,
 * and it keeps the points entries that came out too. Times are seconds after T0
 * (2026-11-28 09:00 in Asia/Shanghai); `min(n)` turns minutes into those seconds.
 */
import type { CommandResult } from '../../../shared/commands.js';
import type { PointsEntry } from '../../../shared/points.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import type { LeadShift, ScheduleChange, ScheduledBreak, Shift } from '../../../shared/schedule.js';
import { step, type StepOutput } from '../../../server/engine/engine.js';
import { agentAdherence, teamAdherence } from '../../../server/engine/schedule/adherence.js';
import { EngineHarness, T0 } from '../../helpers/engine-harness.js';

export { T0 };
export const min = (n: number): number => n * 60;
export const ms = (seconds: number): number => T0 + seconds * 1000;

type Fields = Record<string, unknown>;

export class PlanHarness extends EngineHarness {
  readonly points: PointsEntry[] = [];
  /** How many `adherence` effects came out (the delta's trigger). */
  adherenceEffects = 0;

  plan(seconds: number, change: ScheduleChange): CommandResult | undefined {
    this.now = ms(seconds);
    const out = step(this.state, { kind: 'schedule', change }, this.now);
    this.collect(out.effects);
    return out.result;
  }

  rules(seconds: number, adjust: (rules: RulesConfig) => void): void {
    this.now = ms(seconds);
    const rules = structuredClone(this.state.rules);
    adjust(rules);
    this.collect(step(this.state, { kind: 'rules', rules }, this.now).effects);
  }

  protected override collect(effects: StepOutput['effects']): void {
    super.collect(effects);
    for (const e of effects) {
      if (e.type === 'points') this.points.push(e.entry);
      else if (e.type === 'adherence') this.adherenceEffects += 1;
    }
  }

  pointsOf(item: string): PointsEntry[] {
    return this.points.filter((p) => p.item === item);
  }

  /** A login without a name (the plan's tests give one only where it matters), with any other fields. */
  override login(seconds: number, agentId: string, teamId = 't1', stationId = `S-${agentId}`, extra: Fields = {}): void {
    this.at(seconds, 'agent.login', { agentId, stationId, teamId, ...extra });
  }

  logout(seconds: number, agentId: string, stationId = `S-${agentId}`, extra: Fields = {}): void {
    this.at(seconds, 'agent.logout', { agentId, stationId, ...extra });
  }

  notReady(seconds: number, agentId: string, reason?: string): void {
    this.at(seconds, 'agent.state', { agentId, state: 'not_ready', ...(reason !== undefined && { reason }) });
  }

  ready(seconds: number, agentId: string): void {
    this.at(seconds, 'agent.state', { agentId, state: 'available' });
  }

  adherence(agentId: string) {
    return agentAdherence(this.state, agentId, this.now);
  }

  teams() {
    return teamAdherence(this.state, this.now);
  }
}

/** A shift from `from` to `to` seconds after T0; breaks as [kind, from, to] in the same seconds. */
export function shift(
  agentId: string,
  from: number,
  to: number,
  opts: { stationId?: string; teamId?: string; id?: string; breaks?: Array<[ScheduledBreak['kind'], number, number]> } = {},
): Shift {
  return {
    id: opts.id ?? `${agentId}@${ms(from)}`,
    agentId,
    start: ms(from),
    end: ms(to),
    stationId: opts.stationId ?? `S-${agentId}`,
    ...(opts.teamId !== undefined && { teamId: opts.teamId }),
    breaks: (opts.breaks ?? []).map(([kind, a, b]) => ({ kind, start: ms(a), end: ms(b) })),
  };
}

export function leadDuty(leadId: string, from: number, to: number, teamIds: string[], id?: string): LeadShift {
  return { id: id ?? `lead:${leadId}@${ms(from)}`, leadId, teamIds, start: ms(from), end: ms(to) };
}

export const upsert = (shifts: Shift[], leads: LeadShift[] = []): ScheduleChange => ({ op: 'upsert', shifts, leads });
