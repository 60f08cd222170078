/**
 * Drives the pure engine on a fake clock: events at offsets from T0, ticks to move time,
 * and the alerts that came out, by rule.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorCommand } from '../../shared/commands.js';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../shared/events.js';
import { defaultRulesConfig, type RulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import type { EngineState } from '../../server/engine/state.js';
import { titleCodeProblem } from './alert-title-check.js';

/** 2026-11-28 09:00:00 in Asia/Shanghai. */
export const T0 = Date.parse('2026-11-28T09:00:00+08:00');

type Fields = Record<string, unknown>;

export class EngineHarness {
  state: EngineState;
  now = T0;
  private n = 0;
  /** The latest version of every alert seen, by id. */
  readonly alerts = new Map<string, Alert>();

  /** `startSeconds`: when the engine starts, after T0 (a plan may need it to start later). */
  constructor(adjust?: (rules: RulesConfig) => void, startSeconds = 0) {
    const rules = defaultRulesConfig();
    adjust?.(rules);
    this.now = T0 + startSeconds * 1000;
    this.state = createEngineState(rules, this.now);
  }

  /** Applies an event `seconds` after T0 (time never goes back). */
  at(seconds: number, type: FloorEventInput['type'], fields: Fields = {}): FloorEvent {
    this.now = T0 + seconds * 1000;
    const event = floorEventSchema.parse({ id: `e${++this.n}`, ts: this.now, type, ...fields });
    this.collect(step(this.state, { kind: 'event', event }, this.now).effects);
    return event;
  }

  /** Moves the clock to `seconds` after T0, firing what falls due. */
  tick(seconds: number): void {
    this.now = T0 + seconds * 1000;
    this.collect(step(this.state, { kind: 'tick' }, this.now).effects);
  }

  command(seconds: number, command: FloorCommand) {
    this.now = T0 + seconds * 1000;
    const out = step(this.state, { kind: 'command', command }, this.now);
    this.collect(out.effects);
    return out.result;
  }

  /**
   * Keeps what came out of a step; a harness that keeps more extends it. Every alert's
   * title is checked against its code on the way (alert-title-check.ts), so each engine
   * test that raises an alert checks that too.
   */
  protected collect(effects: ReturnType<typeof step>['effects']): void {
    for (const e of effects) {
      if (e.type !== 'alert') continue;
      const problem = titleCodeProblem(e.alert);
      if (problem !== undefined) throw new Error(problem);
      this.alerts.set(e.alert.id, e.alert);
    }
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

  /** A logged-in, available agent. */
  login(seconds: number, agentId: string, teamId = 't1', stationId = `S-${agentId}`): void {
    this.at(seconds, 'agent.login', { agentId, stationId, teamId, name: `Agent ${agentId}` });
  }

  /** An inbound call offered, rung at the agent and answered after `ringFor` seconds. */
  answeredCall(seconds: number, callId: string, agentId: string, ringFor = 3, queue = 'general'): number {
    this.at(seconds, 'call.offered', { callId, queue, direction: 'inbound', from: '13812345678', numberClass: 'customer' });
    this.at(seconds + 1, 'call.ringing', { callId, agentId });
    this.at(seconds + 1 + ringFor, 'call.answered', { callId, agentId });
    return seconds + 1 + ringFor;
  }

  /** The compliant close: survey transfer, system release, wrap-up with type and notes. */
  cleanClose(seconds: number, callId: string, agentId: string): void {
    this.at(seconds, 'call.transferred', { callId, agentId, target: 'survey' });
    this.at(seconds + 1, 'call.ended', { callId, releasedBy: 'system' });
    this.at(seconds + 30, 'wrapup.completed', { callId, agentId, callType: 'enquiry', notes: 'balance enquiry' });
  }
}
