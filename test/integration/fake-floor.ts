/**
 * A FloorService stand-in for transport tests: records what the edges hand it, answers
 * with outcomes the test sets, and lets the test push deltas. No engine, no storage.
 */
import type { Alert } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import type { CallFigures, FloorFigures } from '../../shared/figures.js';
import { defaultRulesConfig, type RulesConfig } from '../../shared/rules-config.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';
import type { ScheduleChange, ScheduleView } from '../../shared/schedule.js';
import type { FloorService, HandoverTransfer, HoldApproval, IngestOutcome, LeaveApproval } from '../../server/floor/types.js';
import type { AlertQuery } from '../../server/storage/types.js';

export class FakeFloor implements FloorService {
  readonly demo = false;
  /** Every event ingest() was given, in order (duplicates included). */
  readonly ingested: FloorEvent[] = [];
  readonly commands: FloorCommand[] = [];
  readonly alertQueries: AlertQuery[] = [];
  alerts: Alert[] = [sampleAlert('alert-1')];
  seq = 1;
  /** Refuse an event after validation (as a real floor might, e.g. a future timestamp). */
  refuse: (event: FloorEvent) => { field: string; reason: string } | undefined = () => undefined;
  /** Override what command() answers; by default it acts on `alerts`. */
  commandResult?: (command: FloorCommand) => CommandResult<Alert | HoldApproval | LeaveApproval | HandoverTransfer>;
  /** Every plan change changeSchedule() was given, in order. */
  readonly scheduleChanges: ScheduleChange[] = [];

  private readonly seen = new Set<string>();
  private readonly listeners = new Set<(delta: FloorDelta) => void>();
  private currentRules: RulesConfig = defaultRulesConfig();

  /** While set, ingest() waits for it: lets a test see that no answer goes out before durability. */
  ingestGate?: Promise<void>;
  /** Called as soon as ingest() is entered. */
  onIngest?: () => void;
  /** Make listAlerts() fail, to see what a client is told. */
  failListAlerts = false;

  agent(): undefined {
    return undefined;
  }

  async agentDay(): Promise<undefined> {
    return undefined;
  }

  liveAlert(alertId: string): Alert | undefined {
    return this.alerts.find((a) => a.id === alertId && a.status !== 'resolved');
  }

  openCalls(): string[] {
    return [];
  }

  async storedAlert(alertId: string): Promise<Alert | undefined> {
    return this.alerts.find((a) => a.id === alertId);
  }

  callOwner(): { agentId?: string; teamId?: string } | undefined {
    return { agentId: '1001', teamId: 'A' };
  }

  async ingest(events: FloorEvent[]): Promise<IngestOutcome> {
    this.onIngest?.();
    if (this.ingestGate) await this.ingestGate;
    const outcome: IngestOutcome = { accepted: 0, duplicates: 0, refused: [] };
    events.forEach((event, index) => {
      this.ingested.push(event);
      const refusal = this.refuse(event);
      if (refusal) outcome.refused.push({ index, ...refusal });
      else if (this.seen.has(event.id)) outcome.duplicates++;
      else {
        this.seen.add(event.id);
        outcome.accepted++;
      }
    });
    return outcome;
  }

  async command(command: FloorCommand): Promise<CommandResult<Alert | HoldApproval | LeaveApproval | HandoverTransfer>> {
    this.commands.push(command);
    if (this.commandResult) return this.commandResult(command);
    if (command.type === 'hold.approve') {
      return { ok: true, value: { callId: command.callId, allowedSeconds: command.seconds } };
    }
    if (command.type === 'leave.approve') {
      return { ok: true, value: { agentId: command.agentId, approvedBy: command.by, at: 1_000 * this.seq } };
    }
    if (command.type === 'handover.confirm') return { ok: true, value: { transferred: [] } };
    if (command.type === 'alert.falseAlarm') return { ok: true, value: command.alert };
    const alert = this.alerts.find((a) => a.id === command.alertId);
    if (!alert) return { ok: false, error: 'no such alert', field: 'alertId' };
    const changed: Alert = command.type === 'alert.acknowledge'
      ? { ...alert, status: 'acknowledged', acknowledgedBy: command.by, acknowledgeNote: command.note }
      : { ...alert, status: 'resolved', resolvedBy: command.by, resolution: command.note };
    this.alerts = this.alerts.map((a) => (a.id === alert.id ? changed : a));
    return { ok: true, value: changed };
  }

  snapshot(): FloorSnapshot {
    return emptySnapshot(this.seq, this.alerts.filter((a) => a.status !== 'resolved'));
  }

  liveAlerts(): Alert[] {
    return this.snapshot().alerts;
  }

  figures(): { at: number; floor: FloorFigures } {
    const { at, floor } = this.snapshot();
    return { at, floor };
  }

  onDelta(listener: (delta: FloorDelta) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sends a delta to every subscriber, as the real floor does after coalescing. */
  pushDelta(partial: Partial<FloorDelta> = {}): FloorDelta {
    this.seq++;
    const delta: FloorDelta = {
      seq: this.seq, at: 1_000 * this.seq, serverTime: Date.now(), agents: [], queues: [], alerts: [], ...partial,
    };
    for (const listener of this.listeners) listener(delta);
    return delta;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async listAlerts(query: AlertQuery): Promise<Alert[]> {
    this.alertQueries.push(query);
    if (this.failListAlerts) throw new Error('disk on fire at /var/lib/floorwatch');
    return this.alerts.filter((a) => !query.status || query.status.includes(a.status));
  }

  rules(): RulesConfig {
    return this.currentRules;
  }

  async setRules(rules: RulesConfig): Promise<void> {
    this.currentRules = rules;
  }

  async changeSchedule(change: ScheduleChange): Promise<CommandResult<{ shifts: number; leads: number }>> {
    this.scheduleChanges.push(change);
    return change.op === 'remove'
      ? { ok: true, value: { shifts: change.shiftIds.length, leads: change.leadShiftIds.length } }
      : { ok: true, value: { shifts: change.shifts.length, leads: change.leads.length } };
  }

  /** The plan as the recorded changes left it is not modelled: an empty plan for the window. */
  schedule(from: number, to: number): ScheduleView {
    return { from, to, timezone: this.currentRules.timezone, shifts: [], leads: [] };
  }
}

export function sampleAlert(id: string): Alert {
  return {
    id,
    rule: 'answer-3-rings',
    article: '60',
    severity: 'warning',
    kind: 'condition',
    status: 'open',
    title: 'Call ringing for 14 s at agent 1001',
    subject: { kind: 'call', id: 'call-1' },
    agentId: '1001',
    callId: 'call-1',
    openedAt: 1_000,
    updatedAt: 1_000,
    escalationLevel: 'lead',
    evidence: ['e1'],
    occurrences: 1,
    history: [{ at: 1_000, action: 'opened' }],
  };
}

function emptyCalls(): CallFigures {
  return {
    offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0, answeredInThreshold: 0,
    serviceLevel: null, asaSeconds: null, abandonRate: null, ahtSeconds: null, handled: 0, waiting: 0,
    oldestWaitingSince: null, longestWaitSeconds: 0,
  };
}

export function emptySnapshot(seq: number, alerts: Alert[]): FloorSnapshot {
  return {
    seq,
    at: 1_000 * seq,
    serverTime: Date.now(),
    demo: false,
    day: '2026-11-28',
    timezone: 'Asia/Shanghai',
    agents: [],
    queues: [],
    floor: {
      ...emptyCalls(),
      agentsByState: {
        logged_out: 0, available: 0, ringing: 0, talking: 0, on_hold: 0, after_call_work: 0, not_ready: 0,
      },
      openAlertsBySeverity: { info: 0, warning: alerts.length, critical: 0 },
    },
    alerts,
    compliance: { floor: {}, byAgent: {}, byTeam: {}, byQueue: {}, byInterval: {}, byTeamInterval: {}, byQueueInterval: {} },
    intervals: [],
    serviceLevel: { mode: 'abandons-against', thresholdSeconds: 10, shortAbandonSeconds: 5, formula: 'test' },
    adherence: [],
  };
}
