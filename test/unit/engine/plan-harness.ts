/**
 * Drives the pure engine with a plan on a fake clock: like EngineHarness (events at
 * offsets from T0, ticks, commands), plus schedule changes, and it keeps the points
 * entries and alerts that came out. Times are seconds after T0 (2026-11-28 09:00 in
 * Asia/Shanghai); `min(n)` turns minutes into those seconds.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../../shared/commands.js';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../../shared/events.js';
import type { PointsEntry } from '../../../shared/points.js';
import { defaultRulesConfig, type RulesConfig } from '../../../shared/rules-config.js';
import type { LeadShift, ScheduleChange, ScheduledBreak, Shift } from '../../../shared/schedule.js';
import { createEngineState, step, type StepOutput } from '../../../server/engine/engine.js';
import { agentAdherence, teamAdherence } from '../../../server/engine/schedule/adherence.js';
import type { EngineState } from '../../../server/engine/state.js';
import { T0 } from '../../helpers/engine-harness.js';

export { T0 };
export const min = (n: number): number => n * 60;
export const ms = (seconds: number): number => T0 + seconds * 1000;

type Fields = Record<string, unknown>;

export class PlanHarness {
  state: EngineState;
  now = T0;
  private n = 0;
  readonly alerts = new Map<string, Alert>();
  readonly points: PointsEntry[] = [];
  /** How many `adherence` effects came out (the delta's trigger). */
  adherenceEffects = 0;

  constructor(adjust?: (rules: RulesConfig) => void, startSeconds = 0) {
    const rules = defaultRulesConfig();
    adjust?.(rules);
    this.now = ms(startSeconds);
    this.state = createEngineState(rules, this.now);
  }

  at(seconds: number, type: FloorEventInput['type'], fields: Fields = {}): FloorEvent {
    this.now = ms(seconds);
    const event = floorEventSchema.parse({ id: `e${++this.n}`, ts: this.now, type, ...fields });
    this.collect(step(this.state, { kind: 'event', event }, this.now));
    return event;
  }

  tick(seconds: number): void {
    this.now = ms(seconds);
    this.collect(step(this.state, { kind: 'tick' }, this.now));
  }

  command(seconds: number, command: FloorCommand): CommandResult | undefined {
    this.now = ms(seconds);
    return this.collect(step(this.state, { kind: 'command', command }, this.now)).result;
  }

  plan(seconds: number, change: ScheduleChange): CommandResult | undefined {
    this.now = ms(seconds);
    return this.collect(step(this.state, { kind: 'schedule', change }, this.now)).result;
  }

  rules(seconds: number, adjust: (rules: RulesConfig) => void): void {
    this.now = ms(seconds);
    const rules = structuredClone(this.state.rules);
    adjust(rules);
    this.collect(step(this.state, { kind: 'rules', rules }, this.now));
  }

  private collect(out: StepOutput): StepOutput {
    for (const e of out.effects) {
      if (e.type === 'alert') this.alerts.set(e.alert.id, e.alert);
      else if (e.type === 'points') this.points.push(e.entry);
      else if (e.type === 'adherence') this.adherenceEffects += 1;
    }
    return out;
  }

  of(rule: string): Alert[] {
    return [...this.alerts.values()].filter((a) => a.rule === rule);
  }

  open(rule?: string): Alert[] {
    return [...this.alerts.values()].filter((a) => a.status !== 'resolved' && (rule === undefined || a.rule === rule));
  }

  compliance(rule: string) {
    return this.state.compliance.floor[rule as keyof typeof this.state.compliance.floor] ?? { passed: 0, failed: 0 };
  }

  pointsOf(item: string): PointsEntry[] {
    return this.points.filter((p) => p.item === item);
  }

  login(seconds: number, agentId: string, teamId = 't1', stationId = `S-${agentId}`, extra: Fields = {}): void {
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
