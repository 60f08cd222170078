/**
 * An agent's day around the calls: logging in after the leads' pre-shift meeting, what
 * to do at each free moment (a promised callback, a break, the next caller, a rest when
 * the floor is quiet), the occasional slip (a private call, stepping away without a
 * reason code, a borrowed agent number), and leaving once the floor closes and the queue
 * is empty. The call side is in floor-model.ts.
 */
import type { NotReadyReason } from '../../shared/events.js';
import type { RuleId } from '../../shared/rules.js';
import type { BreachPlanner } from './breaches.js';
import { FloorModel, type AgentSim, type FloorSettings } from './floor-model.js';
import type { Random } from './random.js';
import { spareStation, type AgentProfile } from './roster.js';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Non-breach "other" not-ready stretches (a system problem, a supervisor's question) per agent-hour. */
const OTHER_PER_HOUR = 0.15;
/** Chance an agent who becomes idle on a quiet floor takes an off-hook rest (art. 88 allows it). */
const REST_CHANCE = 0.12;

export class FloorSimulation extends FloorModel {
  private readonly agents: AgentSim[];
  /** Call-taking agents still logged in, per team: the lead leaves after the last. */
  private readonly teamLeft = new Map<string, number>();
  private readonly leads = new Map<string, AgentSim>();

  constructor(s: FloorSettings, rng: Random, breaches: BreachPlanner, roster: AgentProfile[]) {
    super(s, rng, breaches, roster.filter((p) => p.role === 'agent').length);
    this.agents = roster.map((profile) => ({
      profile, status: 'offline', token: 0, nudgeable: false, nextBreakAt: Infinity, mealAt: Infinity, callbacks: [], pending: [],
    }));
    this.plan();
  }

  private plan(): void {
    const { start, loginWindowMs: w } = this.s;
    for (const agent of this.agents) {
      const { role, teamId } = agent.profile;
      if (role === 'lead') {
        this.leads.set(teamId, agent);
        const loginAt = start + this.rng.uniform(0, 0.1) * w;
        this.at(loginAt, () => this.login(agent));
        // The lead holds the pre-shift meeting before the agents log in (art. 78).
        this.at(loginAt + this.rng.uniform(0.1, 0.2) * w, () => this.emit({ type: 'meeting.started', teamId, kind: 'pre_shift' }));
      } else {
        this.teamLeft.set(teamId, (this.teamLeft.get(teamId) ?? 0) + 1);
        this.at(start + this.rng.uniform(0.3, 1) * w, () => this.login(agent));
      }
    }
    this.startArrivals(start + 0.6 * w);
    this.at(this.s.end, () => this.close());
  }

  private login(agent: AgentSim): void {
    const { agentId, stationId, name, teamId, role } = agent.profile;
    this.emit({ type: 'agent.login', agentId, stationId, name, teamId, role });
    this.setStatus(agent, 'not_ready');
    if (role === 'lead') return;
    this.takersOnShift += 1;
    agent.nextBreakAt = this.now + this.rng.uniform(100, 140) * MIN;
    agent.mealAt = this.mealTime(this.now);
    for (const rule of ['one-agent-one-login', 'private-call', 'away-without-reason'] as const) this.scheduleIncident(agent, rule);
    this.scheduleOther(agent);
    this.atIfUnchanged(agent, this.now + this.rng.uniform(3, 15) * S, () => this.backFromNotReady(agent));
  }

  /** Lunch, staggered between 11:00 and 13:00 local, if the shift spans it. */
  private mealTime(loginAt: number): number {
    const offset = this.s.utcOffsetMinutes * MIN;
    const midnight = Math.floor((loginAt + offset) / DAY) * DAY - offset;
    const within = this.rng.uniform(11, 13) * HOUR;
    for (const day of [0, 1]) {
      const at = midnight + day * DAY + within;
      if (at >= loginAt + HOUR && at <= this.s.end - HOUR) return at;
    }
    return Infinity;
  }

  private logout(agent: AgentSim): void {
    const { agentId, stationId, teamId, role } = agent.profile;
    this.emit({ type: 'agent.logout', agentId, stationId });
    this.setStatus(agent, 'offline');
    if (role === 'lead') return;
    this.takersOnShift -= 1;
    const left = (this.teamLeft.get(teamId) ?? 1) - 1;
    this.teamLeft.set(teamId, left);
    const lead = this.leads.get(teamId);
    if (left === 0 && lead) this.at(this.now + this.rng.uniform(1, 3) * MIN, () => this.logout(lead));
  }

  /** The floor closes: no new callers; agents leave once nothing is left for them. */
  private close(): void {
    this.closing = true;
    for (const agent of this.agents) {
      if (agent.profile.role === 'lead' || (agent.status !== 'idle' && agent.status !== 'not_ready')) continue;
      this.atIfUnchanged(agent, this.now + this.rng.uniform(0, 90) * S, () => {
        // Back from a break to make a promised callback first; otherwise straight out.
        if (agent.status === 'not_ready' && agent.callbacks.length === 0) this.logout(agent);
        else if (agent.status === 'not_ready') this.backFromNotReady(agent);
        else this.free(agent);
      });
    }
  }

  /** What a free agent does next, in the order a disciplined agent would. */
  protected free(agent: AgentSim): void {
    if (agent.status === 'offline') return;
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
    if (!owes && (this.now >= agent.mealAt || this.now >= agent.nextBreakAt)) return this.takeBreak(agent);
    if (this.callers.count > 0) {
      if (this.breaches.roll('rest-off-hook')) return this.restWhileCallsWait(agent);
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

  /** No caller waiting or ringing, and plenty of agents idle: off-hook rest is allowed. */
  private quiet(): boolean {
    return this.callers.count === 0 && this.ringingCount === 0 && this.idleCount >= Math.max(2, 0.3 * this.takersOnShift);
  }

  /** An idle agent gets up when a callback, a break or lunch comes due. */
  private wakeIdleAgent(agent: AgentSim): void {
    const owes = agent.callbacks.some((c) => !c.late);
    let at = Math.min(...agent.callbacks.map((c) => c.plannedAt));
    if (!owes) at = Math.min(at, agent.nextBreakAt, agent.mealAt);
    if (Number.isFinite(at) && at > this.now) this.atIfUnchanged(agent, at, () => this.leaveIdle(agent));
  }

  private leaveIdle(agent: AgentSim): void {
    this.setStatus(agent, 'busy');
    this.free(agent);
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

  private takeBreak(agent: AgentSim): void {
    // A break due shortly before lunch becomes an early lunch rather than a break then a meal.
    const meal = this.now >= agent.mealAt - 45 * MIN;
    const reason: NotReadyReason = meal ? 'meal' : 'break';
    let ms = meal ? this.limitedLength('meal', 28, 42) : this.limitedLength('break', 8, 14);
    const limit = this.s.rules['away-without-reason'].maxSeconds[reason];
    if (this.breaches.roll('away-without-reason') && limit !== undefined) {
      ms = this.rng.uniform(1.1, 1.6) * limit * S;
      this.breaches.note({ rule: 'away-without-reason', ts: this.now, agentId: agent.profile.agentId, detail: `${reason}-overlong` });
    }
    if (meal) agent.mealAt = Infinity;
    agent.nextBreakAt = this.now + ms + this.rng.uniform(100, 140) * MIN;
    this.notReady(agent, reason, ms);
  }

  /** The away-without-reason slip: not ready with no reason code, past the limit. */
  private stepAway(agent: AgentSim): void {
    const limitMs = this.s.rules['away-without-reason'].noReasonSeconds * S;
    this.breaches.note({ rule: 'away-without-reason', ts: this.now, agentId: agent.profile.agentId, detail: 'no-reason' });
    this.notReady(agent, undefined, this.rng.uniform(1.3, 4) * limitMs);
  }

  /** The rest-off-hook slip: resting although callers queue (not called back by the queue). */
  private restWhileCallsWait(agent: AgentSim): void {
    this.breaches.note({ rule: 'rest-off-hook', ts: this.now, agentId: agent.profile.agentId, detail: 'rest-while-calls-wait' });
    this.notReady(agent, 'rest', this.limitedLength('rest', 2, 6));
  }

  /** Per-agent-hour slips arrive as a Poisson process at the rule's breach rate. */
  private scheduleIncident(agent: AgentSim, rule: RuleId & ('one-agent-one-login' | 'private-call' | 'away-without-reason')): void {
    const rate = this.breaches.rate(rule);
    if (rate <= 0) return;
    this.at(this.now + this.rng.exponential(HOUR / rate), () => {
      if (this.closing || agent.status === 'offline') return;
      if (rule === 'one-agent-one-login') this.borrowedLogin(agent);
      else this.addPending(agent, rule === 'private-call' ? 'private' : 'away');
      this.scheduleIncident(agent, rule);
    });
  }

  private scheduleOther(agent: AgentSim): void {
    this.at(this.now + this.rng.exponential(HOUR / OTHER_PER_HOUR), () => {
      if (this.closing || agent.status === 'offline') return;
      this.addPending(agent, 'other');
      this.scheduleOther(agent);
    });
  }

  private addPending(agent: AgentSim, what: AgentSim['pending'][number]): void {
    agent.pending.push(what);
    if (agent.status === 'idle') this.leaveIdle(agent);
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
