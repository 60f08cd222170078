/**
 * An agent's day around the calls: what to do at each free moment (a promised callback,
 * the plan's next break or meal, the next caller, a rest when the floor is quiet), and the
 * occasional slip (a private call, stepping away without a reason code, a borrowed agent
 * number, a break that runs over, a meal nobody arranged). Logging in and out, and the
 * shift change, are shift-day.ts; the call side is floor-model.ts.
 */
import type { NotReadyReason } from '../../shared/events.js';
import type { RuleId } from '../../shared/rules.js';
import type { ScheduledBreak } from '../../shared/schedule.js';
import type { AgentSim } from './floor-model.js';
import { spareStation } from './roster.js';
import { ShiftFloor } from './shift-day.js';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;

/** Non-breach "other" not-ready stretches (a system problem, a supervisor's question) per agent-hour. */
const OTHER_PER_HOUR = 0.15;
/** Chance an agent who becomes idle on a quiet floor takes an off-hook rest (art. 88 allows it). */
const REST_CHANCE = 0.12;
/** A planned break with less than this left is skipped (the agent was on calls all through it). */
const SHORTEST_BREAK_MS = 2 * MIN;

export class FloorSimulation extends ShiftFloor {
  protected startWorking(agent: AgentSim): void {
    for (const rule of ['one-agent-one-login', 'private-call', 'away-without-reason'] as const) this.scheduleIncident(agent, rule);
    this.scheduleOther(agent);
    this.atIfUnchanged(agent, this.now + this.rng.uniform(3, 15) * S, () => this.backFromNotReady(agent));
  }

  /** What a free agent does next, in the order a disciplined agent would. */
  protected free(agent: AgentSim): void {
    if (agent.status === 'offline') return;
    if (agent.leaving) return this.finishShift(agent);
    if (this.closing) {
      const cb = agent.callbacks.shift();
      if (cb) return this.placeCallback(agent, cb);
      if (this.takeWaiting(agent)) return;
      return this.logout(agent);
    }
    const due = agent.callbacks.findIndex((c) => c.plannedAt <= this.now);
    if (due >= 0) return this.placeCallback(agent, agent.callbacks.splice(due, 1)[0]);
    const incident = agent.pending.shift();
    if (incident === 'private') return this.placePrivateCall(agent);
    if (incident === 'away') return this.stepAway(agent);
    if (incident === 'other') return this.notReady(agent, 'other', this.limitedLength('other', 1, 4));
    // Nobody goes on a break or rests while owing a callback that is not yet made.
    const owes = agent.callbacks.some((c) => !c.late);
    if (!owes && this.now >= agent.unarrangedMealAt) return this.unarrangedMeal(agent);
    const window = owes ? undefined : this.windowNow(agent);
    if (window) return this.takePlannedBreak(agent, window);
    if (this.callers.count > 0) {
      if (this.breaches.roll('rest-off-hook')) {
        this.notReady(agent, 'rest', this.limitedLength('rest', 2, 6));
        return this.restWhileCallsWait(agent);
      }
      if (this.takeWaiting(agent)) return;
    }
    if (!owes && this.quiet() && this.rng.chance(REST_CHANCE)) {
      this.notReady(agent, 'rest', this.limitedLength('rest', 2, 8));
      agent.nudgeable = true;
      this.resting.add(agent);
      return;
    }
    this.setStatus(agent, 'idle');
    this.wakeIdleAgent(agent);
  }

  /** The planned break or meal under way now, if enough of it is left to take (a missed one is dropped). */
  private windowNow(agent: AgentSim): ScheduledBreak | undefined {
    while (agent.windows.length > 0 && agent.windows[0].end - this.now < SHORTEST_BREAK_MS) agent.windows.shift();
    const next = agent.windows[0];
    return next !== undefined && this.now >= next.start ? next : undefined;
  }

  /** No caller waiting or ringing, and plenty of agents idle: off-hook rest is allowed. */
  private quiet(): boolean {
    return this.callers.count === 0 && this.ringingCount === 0 && this.idleCount >= Math.max(2, 0.3 * this.takersOnShift);
  }

  /** An idle agent gets up when a callback, a planned break or a (planned slip of a) meal comes due. */
  private wakeIdleAgent(agent: AgentSim): void {
    const owes = agent.callbacks.some((c) => !c.late);
    let at = Math.min(...agent.callbacks.map((c) => c.plannedAt));
    if (!owes) at = Math.min(at, agent.windows[0]?.start ?? Infinity, agent.unarrangedMealAt);
    if (Number.isFinite(at) && at > this.now) this.atIfUnchanged(agent, at, () => this.wake(agent));
  }

  /** Not ready for `ms`, then available again (unless something else changed the agent's state). */
  private notReady(agent: AgentSim, reason: NotReadyReason | undefined, ms: number): void {
    this.emit({ type: 'agent.state', agentId: agent.profile.agentId, state: 'not_ready', ...(reason ? { reason } : {}) });
    this.setStatus(agent, 'not_ready');
    this.atIfUnchanged(agent, this.now + ms, () => this.backFromNotReady(agent));
  }

  /** A length for a not-ready reason within its configured limit (minutes, capped at 90% of the limit). */
  private limitedLength(reason: NotReadyReason, minMinutes: number, maxMinutes: number): number {
    const limit = this.s.rules['away-without-reason'].maxSeconds[reason];
    const cap = limit === undefined ? Infinity : 0.9 * limit * S;
    return Math.min(this.rng.uniform(minMinutes, maxMinutes) * MIN, cap);
  }

  /**
   * The plan's break or meal: off the phone until just before the window closes (a call
   * that ran into it makes it shorter, never later). A planned slip stays out past both
   * the window's end and the reason's length limit.
   */
  private takePlannedBreak(agent: AgentSim, window: ScheduledBreak): void {
    agent.windows.shift();
    const { agentId } = agent.profile;
    let ms = window.end - this.now - this.rng.uniform(0.5, 1.5) * MIN;
    if (this.plan.slips.overrun.has(`${agentId}@${window.start}`)) {
      const limit = (this.s.rules['away-without-reason'].maxSeconds[window.kind] ?? 0) * S;
      ms = Math.max(window.end - this.now, limit) + this.rng.uniform(2, 6) * MIN;
      this.breaches.note({ rule: 'away-without-reason', ts: this.now, agentId, detail: `${window.kind}-overrun` });
    }
    this.notReady(agent, window.kind, ms);
  }

  /** The planned slip of article 105.12: a meal when none is arranged (short, so only the arrangement is broken). */
  private unarrangedMeal(agent: AgentSim): void {
    agent.unarrangedMealAt = Infinity;
    this.breaches.note({ rule: 'away-without-reason', ts: this.now, agentId: agent.profile.agentId, detail: 'meal-not-arranged', needsPlan: true });
    this.notReady(agent, 'meal', this.limitedLength('meal', 10, 20));
  }

  /** The away-without-reason slip: not ready with no reason code, past the limit. */
  private stepAway(agent: AgentSim): void {
    const limitMs = this.s.rules['away-without-reason'].noReasonSeconds * S;
    this.breaches.note({ rule: 'away-without-reason', ts: this.now, agentId: agent.profile.agentId, detail: 'no-reason' });
    this.notReady(agent, undefined, this.rng.uniform(1.3, 4) * limitMs);
  }

  /** Per-agent-hour slips arrive as a Poisson process at the rule's breach rate. */
  private scheduleIncident(agent: AgentSim, rule: RuleId & ('one-agent-one-login' | 'private-call' | 'away-without-reason')): void {
    const rate = this.breaches.rate(rule);
    if (rate <= 0) return;
    this.at(this.now + this.rng.exponential(HOUR / rate), () => {
      if (this.closing || agent.status === 'offline' || agent.leaving) return;
      if (rule === 'one-agent-one-login') this.borrowedLogin(agent);
      else this.addPending(agent, rule === 'private-call' ? 'private' : 'away');
      this.scheduleIncident(agent, rule);
    });
  }

  private scheduleOther(agent: AgentSim): void {
    this.at(this.now + this.rng.exponential(HOUR / OTHER_PER_HOUR), () => {
      if (this.closing || agent.status === 'offline' || agent.leaving) return;
      this.addPending(agent, 'other');
      this.scheduleOther(agent);
    });
  }

  private addPending(agent: AgentSim, what: AgentSim['pending'][number]): void {
    agent.pending.push(what);
    this.wake(agent);
  }

  /** Someone uses this agent's number at a spare seat for a few minutes (art. 100). */
  private borrowedLogin(agent: AgentSim): void {
    const { agentId, name, teamId } = agent.profile;
    const stationId = spareStation(this.rng);
    this.breaches.note({ rule: 'one-agent-one-login', ts: this.now, agentId, detail: `second-login-at-${stationId}` });
    this.emit({ type: 'agent.login', agentId, stationId, name, teamId, role: 'agent' });
    this.at(this.now + this.rng.uniform(1, 6) * MIN, () => this.emit({ type: 'agent.logout', agentId, stationId }));
  }
}
