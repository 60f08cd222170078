/**
 * The floor as the rest of a cluster process sees it: the same FloorService as a single
 * process's Floor, so the HTTP and socket.io edges, the access rules, points and
 * handovers work unchanged.
 *
 * Reads come from the local floor (the owner's, or this process's replica of it). Inputs
 * go into the floor's input stream whoever owns it: events are acknowledged once the
 * stream has them, commands once the owner has applied them.
 *
 * When the local floor is replaced (this process took the floor over, lost it, or its
 * replica was opened again) the delta numbering skips one: every wallboard of this
 * process sees a gap and asks for a fresh snapshot, the protocol's own way to recover.
 */
import type { Alert } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import type { AgentDay, AgentView, FloorFigures } from '../../shared/figures.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { ScheduleChange, ScheduleView } from '../../shared/schedule.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';
import type { Floor } from '../floor/floor.js';
import type { FloorService, HandoverTransfer, HoldApproval, IngestOutcome, LeaveApproval } from '../floor/types.js';
import type { AlertQuery } from '../storage/types.js';
import type { ClusterInputs } from './inputs.js';
import type { FloorHolder } from './owner.js';

type CommandAnswer = CommandResult<Alert | HoldApproval | LeaveApproval | HandoverTransfer>;

export class ClusterFloor implements FloorService {
  private readonly listeners = new Set<(delta: FloorDelta) => void>();
  private readonly ownerListeners = new Set<(delta: FloorDelta) => void>();
  /** Added to the local floor's delta seqs, so the numbering goes on across replacements. */
  private offset = 0;
  /** The last seq this facade has given out (in a delta or a snapshot). */
  private lastSeq = 0;
  private unsubscribe: () => void = () => undefined;

  constructor(
    private readonly holder: FloorHolder,
    private readonly inputs: ClusterInputs,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.attach(holder.current);
    holder.onReplace((next) => this.attach(next));
  }

  private attach(floor: Floor): void {
    this.unsubscribe();
    // One seq left out: clients holding the old numbering see a gap and resync.
    this.offset = this.lastSeq + 1 - floor.deltaSeq;
    this.unsubscribe = floor.onDelta((delta) => {
      const numbered = { ...delta, seq: delta.seq + this.offset };
      this.lastSeq = numbered.seq;
      for (const listener of this.listeners) this.emit(listener, numbered);
      if (this.holder.owner) for (const listener of this.ownerListeners) this.emit(listener, numbered);
    });
  }

  private emit(listener: (delta: FloorDelta) => void, delta: FloorDelta): void {
    try {
      listener(delta);
    } catch (err) {
      this.onError(err);
    }
  }

  private get floor(): Floor {
    return this.holder.current;
  }

  get demo(): boolean {
    return this.floor.demo;
  }

  /** Whether this process owns the floor's engine now. */
  get owner(): boolean {
    return this.holder.owner;
  }

  ingest(events: FloorEvent[], texts?: readonly string[]): Promise<IngestOutcome> {
    return this.inputs.ingest(events, texts);
  }

  command(command: FloorCommand): Promise<CommandAnswer> {
    return this.inputs.submit<CommandAnswer>('command', command);
  }

  async setRules(rules: RulesConfig): Promise<void> {
    const answer = await this.inputs.submit<CommandResult<unknown>>('rules', rules);
    if (!answer.ok) throw new Error(`the rules change was not applied: ${answer.error}`);
  }

  changeSchedule(change: ScheduleChange): Promise<CommandResult<{ shifts: number; leads: number }>> {
    return this.inputs.submit('schedule', change);
  }

  snapshot(): FloorSnapshot {
    const snapshot = this.floor.snapshot();
    snapshot.seq += this.offset;
    this.lastSeq = Math.max(this.lastSeq, snapshot.seq);
    return snapshot;
  }

  liveAlerts(): Alert[] {
    return this.floor.liveAlerts();
  }

  figures(): { at: number; floor: FloorFigures } {
    return this.floor.figures();
  }

  onDelta(listener: (delta: FloorDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  listAlerts(query: AlertQuery): Promise<Alert[]> {
    return this.floor.listAlerts(query);
  }

  agent(agentId: string): AgentView | undefined {
    return this.floor.agent(agentId);
  }

  agentDay(agentId: string): Promise<AgentDay | undefined> {
    return this.floor.agentDay(agentId);
  }

  liveAlert(alertId: string): Alert | undefined {
    return this.floor.liveAlert(alertId);
  }

  callOwner(callId: string): { agentId?: string; teamId?: string } | undefined {
    return this.floor.callOwner(callId);
  }

  openCalls(): string[] {
    return this.floor.openCalls();
  }

  storedAlert(alertId: string): Promise<Alert | undefined> {
    return this.floor.storedAlert(alertId);
  }

  rules(): RulesConfig {
    return this.floor.rules();
  }

  schedule(from: number, to: number): ScheduleView {
    return this.floor.schedule(from, to);
  }

  /** The server's timer (server/serve.ts). */
  tick(): Promise<void> {
    return this.holder.tick();
  }

  snapshotNow(): Promise<void> {
    return this.holder.snapshotNow();
  }

  close(): Promise<void> {
    return this.holder.close();
  }

  /**
   * The floor as seen by what must act once per floor, not once per process (alert
   * notifications): deltas only while this process owns the floor, and only the owner's
   * live alerts in its snapshot.
   */
  ownerView(): FloorService {
    const facade = this; // for the getter below, whose own `this` is the view
    return {
      get demo() {
        return facade.demo;
      },
      ingest: (events, texts) => this.ingest(events, texts),
      command: (command) => this.command(command),
      snapshot: () => {
        const snapshot = this.snapshot();
        return this.holder.owner ? snapshot : { ...snapshot, alerts: [] };
      },
      liveAlerts: () => (this.holder.owner ? this.liveAlerts() : []),
      figures: () => this.figures(),
      onDelta: (listener) => {
        this.ownerListeners.add(listener);
        return () => this.ownerListeners.delete(listener);
      },
      listAlerts: (query) => this.listAlerts(query),
      agent: (agentId) => this.agent(agentId),
      agentDay: (agentId) => this.agentDay(agentId),
      liveAlert: (alertId) => this.liveAlert(alertId),
      callOwner: (callId) => this.callOwner(callId),
      openCalls: () => this.openCalls(),
      storedAlert: (alertId) => this.storedAlert(alertId),
      rules: () => this.rules(),
      setRules: (rules) => this.setRules(rules),
      changeSchedule: (change) => this.changeSchedule(change),
      schedule: (from, to) => this.schedule(from, to),
    };
  }
}
