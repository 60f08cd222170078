/**
 * Turns engine effects into sequence-numbered wallboard deltas. Agent and queue changes
 * are collected and sent a few times a second (the last state wins); alert changes are
 * kept in order and sent at once, never merged away.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorDelta } from '../../shared/wallboard.js';
import type { Effect } from '../engine/context.js';
import type { EngineState } from '../engine/state.js';
import { agentsPerQueue, agentView, floorFigures, queueFigures } from '../engine/views.js';
import { agentChange } from './agent-changes.js';
import { screenAdherence } from './not-in.js';

export class DeltaCollector {
  /** Agents changed since the last delta, and what of them (AGENT_FIELDS bits, or-ed). */
  private agents = new Map<string, number>();
  private queues = new Set<string>();
  private alerts: Alert[] = [];
  private newDay: string | undefined;
  /** Some agent's adherence changed: the team figures go with the next delta. */
  private adherence = false;

  /** The seq of the last delta sent; a snapshot carries it so clients know where they are. */
  seq = 0;

  add(effects: Effect[]): void {
    for (const e of effects) {
      if (e.type === 'agent') this.agents.set(e.agentId, (this.agents.get(e.agentId) ?? 0) | e.fields);
      else if (e.type === 'queue') this.queues.add(e.queue);
      else if (e.type === 'alert') this.alerts.push(e.alert);
      else if (e.type === 'day') this.newDay = e.day;
      else if (e.type === 'adherence') this.adherence = true;
      // Points entries go to the ledger, not to the wallboard.
    }
  }

  get urgent(): boolean {
    return this.alerts.length > 0 || this.newDay !== undefined;
  }

  get empty(): boolean {
    return this.agents.size === 0 && this.queues.size === 0 && !this.adherence && !this.urgent;
  }

  /** Forgets what was collected (after a rebuild, or with nobody to send to: screens start from a snapshot). */
  clear(): void {
    this.agents.clear();
    this.queues.clear();
    this.alerts = [];
    this.newDay = undefined;
    this.adherence = false;
  }

  /**
   * A delta of the alerts (and a new day) only, leaving the collected agent and queue
   * changes for the next full one: alerts go out at once even while status waits. An
   * agent's change carries its fields as they are when it is sent (the latest state
   * wins), so sending it later loses nothing.
   */
  buildAlerts(state: EngineState, serverTime: number): FloorDelta {
    const delta: FloorDelta = {
      seq: ++this.seq,
      at: state.time,
      serverTime,
      agents: [],
      queues: [],
      alerts: this.alerts,
      ...(this.newDay !== undefined && { newDay: this.newDay }),
    };
    this.alerts = [];
    this.newDay = undefined;
    return delta;
  }

  /** Agent, queue or adherence changes are waiting. */
  get statusPending(): boolean {
    return this.agents.size > 0 || this.queues.size > 0 || this.adherence;
  }

  build(state: EngineState, serverTime: number): FloorDelta {
    const perQueue = this.queues.size > 0 ? agentsPerQueue(state) : undefined;
    const delta: FloorDelta = {
      seq: ++this.seq,
      at: state.time,
      serverTime,
      agents: [...this.agents].flatMap(([id, fields]) => {
        const a = state.agents.get(id);
        return a ? [agentChange(agentView(state, a), fields)] : [];
      }),
      queues: [...this.queues].flatMap((name) => {
        const q = state.queues.get(name);
        return q ? [queueFigures(state, q, state.time, perQueue)] : [];
      }),
      floor: floorFigures(state),
      compliance: state.compliance.floor,
      alerts: this.alerts,
      ...(this.adherence && { adherence: screenAdherence(state) }),
      ...(this.newDay !== undefined && { newDay: this.newDay }),
    };
    this.clear();
    return delta;
  }
}
