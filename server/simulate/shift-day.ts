/**
 * The floor's comings and goings, as the plan (shift-plan.ts) has them: the opening (the
 * leads, their pre-shift meeting, the agents), the shift change (the incoming lead
 * `arriveMinutes` early, the meeting, the relief agents on the same seats, the outgoing
 * agents leaving once relieved and the outgoing lead after the handover), and the close.
 * The planned slips of the plan's rules happen here: an agent who never comes, a late
 * lead or meeting, an agent who leaves before the relief. What agents do while on shift
 * is agent-day.ts; calls are floor-model.ts.
 */
import type { BreachPlanner } from './breaches.js';
import { FloorModel, type AgentSim, type FloorSettings } from './floor-model.js';
import type { Random } from './random.js';
import { leadAccount, type FloorPlan } from './shift-plan.js';

const S = 1000;
const MIN = 60 * S;
/** A late relief still comes before the absence rule's grace runs out (15 min by default). */
const LATE_RELIEF_LIMIT_MS = 13 * MIN;

export abstract class ShiftFloor extends FloorModel {
  protected readonly agents: AgentSim[];
  private readonly byId = new Map<string, AgentSim>();
  /** Call-takers of the last crew still logged in, per team: its lead leaves after the last. */
  private readonly teamLeft = new Map<string, number>();
  private readonly closingLeads = new Map<string, AgentSim>();
  private readonly lastCrew: Set<string>;

  constructor(s: FloorSettings, rng: Random, breaches: BreachPlanner, protected readonly plan: FloorPlan) {
    super(s, rng, breaches, plan.crews[0].filter((p) => p.role === 'agent').length);
    this.agents = plan.crews.flat().map((profile) => ({
      profile, status: 'offline', token: 0, nudgeable: false, windows: [], unarrangedMealAt: Infinity, leaving: false, callbacks: [], pending: [],
    }));
    for (const agent of this.agents) this.byId.set(agent.profile.agentId, agent);
    this.lastCrew = new Set(plan.crews[plan.crews.length - 1].map((p) => p.agentId));
    this.arrange();
  }

  /** A call-taker just logged in: their day starts (agent-day.ts). */
  protected abstract startWorking(agent: AgentSim): void;

  private arrange(): void {
    const { start, loginWindowMs: w } = this.s;
    const { crews, changeAt, slips } = this.plan;
    crews.forEach((crew, c) => {
      const outgoing = c < crews.length - 1;
      for (const { agentId, role, teamId } of crew) {
        const agent = this.byId.get(agentId)!;
        if (role === 'lead') {
          if (!outgoing) this.closingLeads.set(teamId, agent);
          if (c === 0) {
            const loginAt = start + this.rng.uniform(0, 0.1) * w;
            this.at(loginAt, () => this.login(agent));
            // The lead holds the pre-shift meeting before the agents log in (art. 78).
            this.at(loginAt + this.rng.uniform(0.1, 0.2) * w, () => this.emit({ type: 'meeting.started', teamId, kind: 'pre_shift' }));
          } else {
            this.arriveForChange(agent, changeAt!);
          }
          // The outgoing lead hands over, then goes.
          if (outgoing) this.at(changeAt! + this.rng.uniform(2, 6) * MIN, () => this.logout(agent));
          continue;
        }
        if (slips.absent.has(agentId)) {
          // Never comes: the plan's absence rule sees it once the grace after the shift start is over.
          const due = this.plan.shifts.get(agentId)!.start + this.s.rules.absence.graceMinutes * MIN;
          this.at(due, () => this.breaches.note({ rule: 'absence', ts: this.now, agentId, detail: 'absent', needsPlan: true }));
          continue;
        }
        if (c === 0) {
          this.at(start + this.rng.uniform(0.3, 1) * w, () => this.login(agent));
        } else if (slips.leavesEarly.has(this.plan.partner.get(agentId)!)) {
          // The late relief: comes a few minutes after the seat was left (see leave()), at the latest here.
          this.at(changeAt! + LATE_RELIEF_LIMIT_MS, () => this.reliefArrives(agent));
        } else {
          // The relief comes a few minutes early, after the meeting.
          this.at(changeAt! - this.rng.uniform(0.5, 4) * MIN, () => this.login(agent));
        }
        if (outgoing) this.at(changeAt!, () => this.endShift(agent));
      }
    });
    this.startArrivals(start + 0.6 * w);
    this.at(this.s.end, () => this.close());
  }

  /** The incoming lead: in `arriveMinutes` before the change, the meeting before `meetingMinutes` (art. 78), unless a slip is planned. */
  private arriveForChange(lead: AgentSim, changeAt: number): void {
    const config = this.s.rules['lead-early'];
    const arriveBy = changeAt - config.arriveMinutes * MIN;
    const meetBy = changeAt - config.meetingMinutes * MIN;
    const { agentId, teamId } = lead.profile;
    const slip = this.plan.slips.lateLeads.get(agentId);
    let loginAt = arriveBy - this.rng.uniform(1, 4) * MIN;
    let meetingAt = meetBy - this.rng.uniform(1, 4) * MIN;
    if (slip === 'late') {
      loginAt = arriveBy + this.rng.uniform(3, 8) * MIN;
      // Straight into the meeting, still in time for it.
      meetingAt = Math.min(loginAt + this.rng.uniform(0.5, 1.5) * MIN, meetBy - 30 * S);
      this.at(arriveBy, () => this.breaches.note({ rule: 'lead-early', ts: this.now, agentId, detail: 'lead-late', needsPlan: true }));
    } else if (slip === 'meeting') {
      meetingAt = meetBy + this.rng.uniform(3, 7) * MIN;
      this.at(meetBy, () => this.breaches.note({ rule: 'lead-early', ts: this.now, agentId, detail: 'meeting-late', needsPlan: true }));
    }
    this.at(loginAt, () => this.login(lead));
    this.at(Math.max(meetingAt, loginAt + 20 * S), () => this.emit({ type: 'meeting.started', teamId, kind: 'pre_shift' }));
  }

  private login(agent: AgentSim): void {
    const { agentId, stationId, name, teamId, role } = agent.profile;
    this.emit({ type: 'agent.login', agentId, stationId, name, teamId, role });
    this.setStatus(agent, 'not_ready');
    if (role === 'lead') return;
    this.takersOnShift += 1;
    if (this.lastCrew.has(agentId)) this.teamLeft.set(teamId, (this.teamLeft.get(teamId) ?? 0) + 1);
    // The windows still ahead (a late relief may have missed none; nobody comes back for a past one).
    agent.windows = (this.plan.shifts.get(agentId)?.breaks ?? []).filter((b) => b.end > this.now).map((b) => ({ ...b }));
    agent.unarrangedMealAt = this.plan.slips.unarrangedMeal.get(agentId) ?? Infinity;
    this.startWorking(agent);
    // The colleague this one relieves may go now.
    const partner = this.byId.get(this.plan.partner.get(agentId) ?? '');
    if (partner?.leaving) this.wake(partner);
  }

  private reliefArrives(agent: AgentSim): void {
    if (agent.status === 'offline') this.login(agent);
  }

  /** The outgoing agent's shift is over: they leave once relieved (or let go), at the next free moment. */
  private endShift(agent: AgentSim): void {
    if (agent.status === 'offline') return;
    agent.leaving = true;
    const relief = this.plan.partner.get(agent.profile.agentId);
    if (relief !== undefined && this.plan.slips.absent.has(relief)) {
      // Article 79: the relief is not coming; after a few minutes the incoming lead lets the agent go.
      const lead = this.plan.crews[1].find((p) => p.role === 'lead' && p.teamId === agent.profile.teamId);
      this.at(this.now + this.rng.uniform(2, 5) * MIN, () => {
        agent.approvedBy = lead ? leadAccount(lead.agentId) : 'supervisor';
        this.wake(agent);
      });
    }
    this.wake(agent);
  }

  /** An idle agent reconsiders at once; one on a call or a break does when it ends. */
  protected wake(agent: AgentSim): void {
    if (agent.status !== 'idle') return;
    this.setStatus(agent, 'busy');
    this.free(agent);
  }

  /** May the outgoing agent leave the seat now (article 79)? */
  private mayLeave(agent: AgentSim): boolean {
    const relief = this.byId.get(this.plan.partner.get(agent.profile.agentId) ?? '');
    return !relief || relief.status !== 'offline' || agent.approvedBy !== undefined || this.plan.slips.leavesEarly.has(agent.profile.agentId);
  }

  /** What an outgoing agent does when free: promised callbacks, then go if relieved, else keep answering. */
  protected finishShift(agent: AgentSim): void {
    const cb = agent.callbacks.shift();
    if (cb) return this.placeCallback(agent, cb);
    if (this.mayLeave(agent)) return this.leave(agent);
    if (this.takeWaiting(agent)) return;
    this.setStatus(agent, 'idle');
  }

  private leave(agent: AgentSim): void {
    const { agentId } = agent.profile;
    const relief = this.byId.get(this.plan.partner.get(agentId) ?? '');
    const unrelieved = relief !== undefined && relief.status === 'offline';
    if (unrelieved && agent.approvedBy === undefined) {
      this.breaches.note({ rule: 'no-leaving-post', ts: this.now, agentId, detail: 'left-before-relief', needsPlan: true });
      const latest = this.plan.changeAt! + LATE_RELIEF_LIMIT_MS;
      this.at(Math.min(this.now + this.rng.uniform(3, 6) * MIN, latest), () => this.reliefArrives(relief));
    }
    this.logout(agent, unrelieved ? agent.approvedBy : undefined);
  }

  protected logout(agent: AgentSim, approvedBy?: string): void {
    const { agentId, stationId, teamId, role } = agent.profile;
    this.emit({ type: 'agent.logout', agentId, stationId, ...(approvedBy !== undefined && { approvedBy }) });
    this.setStatus(agent, 'offline');
    if (role === 'lead') return;
    this.takersOnShift -= 1;
    if (!this.lastCrew.has(agentId)) return;
    const left = (this.teamLeft.get(teamId) ?? 1) - 1;
    this.teamLeft.set(teamId, left);
    if (left === 0 && this.closing) this.leadLeaves(teamId);
  }

  private leadLeaves(teamId: string): void {
    const lead = this.closingLeads.get(teamId);
    if (lead) this.at(this.now + this.rng.uniform(1, 3) * MIN, () => lead.status !== 'offline' && this.logout(lead));
  }

  /** The floor closes: no new callers; agents leave once nothing is left for them. */
  private close(): void {
    this.closing = true;
    for (const [teamId, lead] of this.closingLeads) if ((this.teamLeft.get(teamId) ?? 0) === 0 && lead.status !== 'offline') this.leadLeaves(teamId);
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
}
