/**
 * The engine: `step(state, input, now) -> effects`. Pure and deterministic: no I/O, no
 * clock but `now`, no randomness. The same inputs at the same moments always give the
 * same state and effects, which is what makes replay, crash recovery and the property
 * tests possible.
 *
 * Time: deadlines due strictly before an event's moment fire first, each at its own
 * moment (an alert opened by the 10 s ring deadline says second 10, whenever the step
 * ran); an event at the very moment of a deadline is applied before it, so a call
 * answered at exactly 10 s counts as answered in time.
 */
import { alertReason } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import { rulesConfigSchema, type RulesConfig } from '../../shared/rules-config.js';
import type { ScheduleChange } from '../../shared/schedule.js';
import { acknowledgeAlert, copyAlert, escalate, escalateByHand, levelAbove, passesUpward, passUpward, resolveAlert } from './alerts.js';
import { dayOf } from './calendar.js';
import { schedule, type Ctx, type Effect } from './context.js';
import { applyCore, repeatsAnAnswer } from './core.js';
import { peekDeadline, popDeadline, type Deadline } from './deadlines.js';
import { rollOverDay } from './day.js';
import { confirmHandover } from './handover.js';
import { RULES, RULES_BY_ID } from './rules/index.js';
import { applySchedule, firePlanDeadline, planAfterRules, planBeforeRules } from './schedule/index.js';
import { approveLeave } from './schedule/leave.js';
import { rearmPlan } from './schedule/plan.js';
import { emptyPlan } from './schedule/plan-state.js';
import { emptyCompliance, schedulePlanTimers, type EngineState } from './state.js';
import { problem } from '../../shared/problems.js';
import { aboutNonCustomerCall, CUSTOMER_CALL_RULES } from './rules/customer-calls.js';
import { markFalseAlarm, resolveAsFalseAlarm } from './false-alarm.js';

export type EngineInput =
  | { kind: 'event'; event: FloorEvent }
  | { kind: 'tick' }
  | { kind: 'command'; command: FloorCommand }
  | { kind: 'rules'; rules: RulesConfig }
  /** A change to the plan (an import, an edit); logged like any input so a rebuild sees the same plan. */
  | { kind: 'schedule'; change: ScheduleChange };

export interface StepOutput {
  effects: Effect[];
  /** Set for commands. */
  result?: CommandResult;
}

export function createEngineState(rules: RulesConfig, now: number): EngineState {
  const day = dayOf(now, rules.timezone);
  const state: EngineState = {
    version: 1,
    rules,
    time: now,
    day: day.day,
    dayStart: day.start,
    agents: new Map(),
    calls: new Map(),
    queues: new Map(),
    alerts: new Map(),
    alertIndex: new Map(),
    nextAlertNo: 1,
    deadlines: [],
    nextDeadlineNo: 1,
    callbacks: new Map(),
    longWaiting: new Set(),
    resting: new Set(),
    compliance: emptyCompliance(),
    intervals: new Map(),
    plan: emptyPlan(now, rules.timezone),
    wrapUpsReported: false,
  };
  schedule({ state, now, effects: [] }, 'core', 'day', day.day, day.next, day.next);
  schedulePlanTimers(state);
  return state;
}

function fire(ctx: Ctx, d: Deadline): void {
  if (d.owner === 'core') {
    if (d.kind === 'escalate') escalate(ctx, d);
    else if (d.kind === 'day') rollOverDay(ctx);
    else firePlanDeadline(ctx, d);
    return;
  }
  const rule = RULES_BY_ID.get(d.owner);
  const config = ctx.state.rules.rules[d.owner];
  if (rule?.onDeadline && config.enabled) rule.onDeadline(ctx, d, config as never);
}

/** Fires every deadline before `until` (or at it, when `inclusive`), each at its own time. */
function fireDue(ctx: Ctx, until: number, inclusive: boolean): void {
  for (;;) {
    const next = peekDeadline(ctx.state.deadlines);
    if (!next || next.at > until || (!inclusive && next.at === until)) break;
    popDeadline(ctx.state.deadlines);
    ctx.now = Math.max(next.at, ctx.state.time);
    ctx.state.time = ctx.now;
    fire(ctx, next);
  }
  ctx.now = until;
}

function applyEvent(ctx: Ctx, event: FloorEvent): void {
  if (repeatsAnAnswer(ctx.state, event)) return;
  const effectsBefore = ctx.effects.length;
  applyCore(ctx, event);
  planBeforeRules(ctx, event);
  const rules = ctx.state.rules.rules;
  const notCustomers = aboutNonCustomerCall(ctx.state, event);
  for (const rule of RULES) {
    const config = rules[rule.id];
    if (notCustomers && CUSTOMER_CALL_RULES.has(rule.id)) continue;
    if (config.enabled && rule.onEvent) rule.onEvent(ctx, event, config as never);
  }
  planAfterRules(ctx, effectsBefore);
  // An ended call's record has served its rules; after-call work lives on the agent.
  if (event.type === 'call.ended') ctx.state.calls.delete(event.callId);
}

function applyCommand(ctx: Ctx, command: FloorCommand): CommandResult {
  if (command.type === 'leave.approve') return approveLeave(ctx, command);
  if (command.type === 'handover.confirm') return confirmHandover(ctx, command);
  if (command.type === 'hold.approve') {
    const config = ctx.state.rules.rules['hold-consent'];
    if (!config.enabled) return { ok: false, ...problem('holdRuleOff') };
    return RULES_BY_ID.get('hold-consent')?.onCommand?.(ctx, command, config as never)
      ?? { ok: false, ...problem('holdRuleOff', undefined, 'no rule handles hold approval') };
  }
  if (command.type === 'alert.falseAlarm') return markFalseAlarm(ctx, command);
  const alert = ctx.state.alerts.get(command.alertId);
  if (!alert) return { ok: false, ...problem('alertNotOpen', { alertId: command.alertId }), field: 'alertId' };
  if (command.type === 'alert.acknowledge') {
    if (alert.status === 'acknowledged') {
      return { ok: false, ...problem('alertAlreadyAcknowledged', { alertId: alert.id, by: alert.acknowledgedBy ?? '?' }), field: 'alertId' };
    }
    if (passesUpward(alert)) passUpward(ctx, alert, command.by, command.note);
    else acknowledgeAlert(ctx, alert, command.by, command.note);
    return { ok: true, value: copyAlert(alert) };
  }
  if (command.type === 'alert.escalate') {
    if (levelAbove(alert.escalationLevel) === undefined) return { ok: false, ...problem('alertAtTopLevel', { alertId: alert.id }), field: 'alertId' };
    escalateByHand(ctx, alert, command.by, command.note);
    return { ok: true, value: copyAlert(alert) };
  }
  if (command.falseAlarm === true) return resolveAsFalseAlarm(ctx, alert, command.by, command.note);
  resolveAlert(ctx, alert, command.by, command.note ?? alertReason('resolvedBy', { who: command.by }));
  return { ok: true, value: copyAlert(alert) };
}

export function step(state: EngineState, input: EngineInput, now: number): StepOutput {
  const at = Math.max(now, state.time);
  const ctx: Ctx = { state, now: at, effects: [] };
  fireDue(ctx, at, input.kind === 'tick');
  state.time = at;
  ctx.now = at;
  let result: CommandResult | undefined;
  switch (input.kind) {
    case 'event':
      applyEvent(ctx, input.event);
      break;
    case 'command':
      result = applyCommand(ctx, input.command);
      break;
    case 'rules':
      // Parsed again so rules logged before a section existed (points ...) get its defaults.
      state.rules = rulesConfigSchema.parse(input.rules);
      rearmPlan(ctx);
      break;
    case 'schedule':
      result = applySchedule(ctx, input.change);
      break;
    case 'tick':
      break;
  }
  return result === undefined ? { effects: ctx.effects } : { effects: ctx.effects, result };
}

/** When the engine next needs a tick (the earliest deadline), or undefined. */
export function nextDeadlineAt(state: EngineState): number | undefined {
  return peekDeadline(state.deadlines)?.at;
}
