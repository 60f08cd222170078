/**
 * What the edges (HTTP, socket.io, the CLI) may ask of a running floor. The transport
 * depends on this interface only; server/floor/floor.ts implements it.
 */
import type { Alert } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import type { FloorEvent } from '../../shared/events.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { AgentDay, AgentView, FloorFigures } from '../../shared/figures.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';
import type { ScheduleChange, ScheduleView } from '../../shared/schedule.js';
import type { AlertQuery } from '../storage/types.js';

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  /** Events refused after validation (e.g. a timestamp too far in the future). */
  refused: Array<{ index: number; field: string; reason: string }>;
  /**
   * Accepted events stamped further behind the server's clock than the reorder window:
   * applied at their arrival (minus the window), not at their own time, so timers judged
   * without them (a PBX sending local time as UTC, a forwarder that batches for minutes).
   * `behindMs`: the furthest behind. Absent when none was.
   */
  late?: { count: number; behindMs: number };
}

export interface HoldApproval {
  callId: string;
  allowedSeconds: number;
}

/** What `leave.approve` answers (article 79). */
export interface LeaveApproval {
  agentId: string;
  approvedBy: string;
  at: number;
  /** The no-leaving-post alert the approval resolved, if one was open. */
  resolvedAlertId?: string;
}

/** What `handover.confirm` answers (article 82): the alerts that passed to the incoming lead. */
export interface HandoverTransfer {
  transferred: string[];
}

export interface FloorService {
  /** True while the built-in simulator feeds this floor (the `npm start` demo). */
  readonly demo: boolean;
  /**
   * Takes validated events. Resolves once the accepted ones are durable (only then may
   * the sender be told they were accepted). `index` in `refused` is the position in
   * `events`. `texts[i]`, when given, is `events[i]` as JSON (the ingest parser's own
   * serialisation): the log may store it rather than serialise the event again.
   */
  ingest(events: FloorEvent[], texts?: readonly string[]): Promise<IngestOutcome>;
  /** Acknowledge / resolve an alert, approve a longer hold. Logged, then applied at once. */
  command(command: FloorCommand): Promise<CommandResult<Alert | HoldApproval | LeaveApproval | HandoverTransfer>>;
  /** The current state for a new wallboard client. */
  snapshot(): FloorSnapshot;
  /**
   * The live (open or acknowledged) alerts, copies: what a part starting up needs instead
   * of a whole snapshot (which, on a big floor at the end of a day, is tens of MB).
   */
  liveAlerts(): Alert[];
  /** The engine's time and the floor's figures: the head of a snapshot, without agents and alerts. */
  figures(): { at: number; floor: FloorFigures };
  /** Sequence-numbered deltas, already coalesced; returns an unsubscribe function. */
  onDelta(listener: (delta: FloorDelta) => void): () => void;
  /** Alert history (resolved ones included) from storage. */
  listAlerts(query: AlertQuery): Promise<Alert[]>;
  /** One agent as the wallboard shows it. */
  agent(agentId: string): AgentView | undefined;
  /** The agent's day: timeline of states and calls (read back from the log), compliance. */
  agentDay(agentId: string): Promise<AgentDay | undefined>;
  /** An alert as stored, resolved ones included (a false alarm marked after it closed). */
  storedAlert(alertId: string): Promise<Alert | undefined>;
  /** A live (open or acknowledged) alert, for deciding who may act on it. */
  liveAlert(alertId: string): Alert | undefined;
  /** The calls in progress or waiting, by id (the demo ends a previous run's at its start). */
  openCalls(): string[];
  /** The agent and team a call in progress belongs to (for hold approval by team). */
  callOwner(callId: string): { agentId?: string; teamId?: string } | undefined;
  /** The rules in force. */
  rules(): RulesConfig;
  /** Puts a new, already validated rules config in force (logged like any input). */
  setRules(rules: RulesConfig): Promise<void>;
  /** Changes the plan (import, UI edit); logged like any input, applied at once. */
  changeSchedule(change: ScheduleChange): Promise<CommandResult<{ shifts: number; leads: number }>>;
  /** The plan: shifts and lead duties starting in [from, to). */
  schedule(from: number, to: number): ScheduleView;
}
