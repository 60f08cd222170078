/**
 * The typed socket.io contract of the wallboard namespace (`/wallboard`) and the ingest
 * namespace (`/ingest`). Imported by the server and the client; never re-declared.
 *
 * Protocol: on connect the server sends a `snapshot`; after that, `delta`s numbered by
 * `seq` (each delta's seq is the previous one's plus one). Status changes are coalesced
 * to a few deltas a second; alert changes are sent at once and never merged away. A
 * client that sees a gap asks for `resync` and replaces its state with the answer.
 */
import type { TeamAdherence } from './schedule.js';
import type { Alert } from './alerts.js';
import type { ApproveHoldInput, AcknowledgeAlertInput, CommandResult, ResolveAlertInput } from './commands.js';
import type { FloorEventInput } from './events.js';
import type {
  AgentView, ComplianceByRule, ComplianceView, FloorFigures, IntervalFigures, QueueFigures, ServiceLevelSpec,
} from './figures.js';
import type { IngestResult } from './ingest.js';

export interface FloorSnapshot {
  seq: number;
  /** Engine time the snapshot describes. */
  at: number;
  /** Server wall-clock time when sent, so clients can correct for clock skew. */
  serverTime: number;
  /** True while the floor is fed by the built-in simulator (`npm start` demo). */
  demo: boolean;
  day: string;
  timezone: string;
  agents: AgentView[];
  queues: QueueFigures[];
  floor: FloorFigures;
  /** Open and acknowledged alerts. */
  alerts: Alert[];
  compliance: ComplianceView;
  intervals: IntervalFigures[];
  serviceLevel: ServiceLevelSpec;
  /** Schedule adherence per team (teams with a shift today). */
  adherence: TeamAdherence[];
}

export interface FloorDelta {
  seq: number;
  at: number;
  serverTime: number;
  agents: AgentView[];
  queues: QueueFigures[];
  floor?: FloorFigures;
  /** Alerts whose status changed (including ones now resolved). */
  alerts: Alert[];
  /** Today's floor-wide compliance per rule (small: one pair of counts per rule). */
  compliance?: ComplianceByRule;
  /** Team adherence, when any agent's adherence changed. */
  adherence?: TeamAdherence[];
  /** Set when the day rolled over: clients should request a resync. */
  newDay?: string;
}

export interface WallboardServerToClient {
  snapshot: (snapshot: FloorSnapshot) => void;
  delta: (delta: FloorDelta) => void;
}

export interface WallboardClientToServer {
  resync: (ack: (snapshot: FloorSnapshot) => void) => void;
  'alert:acknowledge': (input: AcknowledgeAlertInput, ack: (result: CommandResult<Alert>) => void) => void;
  'alert:resolve': (input: ResolveAlertInput, ack: (result: CommandResult<Alert>) => void) => void;
  'hold:approve': (input: ApproveHoldInput, ack: (result: CommandResult<{ callId: string; allowedSeconds: number }>) => void) => void;
}

export interface IngestServerToClient {}

export interface IngestClientToServer {
  events: (batch: FloorEventInput[] | unknown, ack: (result: IngestResult | { error: string }) => void) => void;
}
