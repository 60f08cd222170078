/**
 * The day boundary (centre-local midnight): today's counters start again. Live things
 * carry over: logged-in agents, calls in progress, waiting calls, open alerts, promises.
 */
import { accountAgent } from './agents.js';
import { dayOf } from './calendar.js';
import { schedule, touchAgent, touchQueue, type Ctx } from './context.js';
import { rollOverPlan } from './schedule/index.js';
import { emptyCompliance } from './state.js';

/** Calls not heard of for this long are feed leftovers (a lost hang-up): dropped at midnight. */
const STALE_CALL_MS = 12 * 3600 * 1000;

export function rollOverDay(ctx: Ctx): void {
  const state = ctx.state;
  for (const agent of state.agents.values()) {
    accountAgent(agent, ctx.now);
    agent.handledToday = 0;
    agent.talkMs = 0;
    agent.holdMs = 0;
    agent.acwMs = 0;
    touchAgent(ctx, agent.agentId);
  }
  for (const q of state.queues.values()) {
    Object.assign(q, {
      offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0,
      answeredInThreshold: 0, waitMsTotal: 0, handled: 0, handleMsTotal: 0,
    });
    touchQueue(ctx, q.queue);
  }
  for (const [id, call] of state.calls) {
    const last = Math.max(call.offeredAt, call.legAnsweredAt ?? 0, call.holdAt ?? 0, call.ringingAt ?? 0);
    if (call.agentId === undefined && !call.waiting && ctx.now - last > STALE_CALL_MS) state.calls.delete(id);
  }
  state.compliance = emptyCompliance();
  state.intervals = new Map();
  const day = dayOf(ctx.now, state.rules.timezone);
  state.day = day.day;
  state.dayStart = day.start;
  schedule(ctx, 'core', 'day', day.day, day.next, day.next);
  rollOverPlan(ctx, day);
  ctx.effects.push({ type: 'day', day: day.day });
}
