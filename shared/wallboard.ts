/**
 * The typed socket.io contract of the wallboard namespace (`/wallboard`) and the ingest
 * namespace (`/ingest`). Imported by the server and the client; never re-declared.
 *
 * Protocol: on connect the server sends a `snapshot`; after that, `delta`s numbered by
 * `seq` (each delta's seq is the previous one's plus one; the numbering is the screen's
 * audience's own, which skips deltas of alerts it may not see). Status changes are coalesced
 * to a few deltas a second, each agent as what changed since the last delta that named it
 * (AgentChange, applied with applyAgentChange); alert changes are sent at once and never
 * merged away. A client that sees a gap asks for `resync` and replaces its state with the
 * answer. A screen that cannot read as fast is held out of the deltas until it has read
 * what it has, then sent the ones it missed as one (`after`), or a snapshot.
 */
import { z } from 'zod';
import type { ScheduledActivity, TeamAdherence } from './schedule.js';
import type { Alert, AlertSummary } from './alerts.js';
import type { ApproveHoldInput, AcknowledgeAlertInput, CommandResult, EscalateAlertInput, ResolveAlertInput } from './commands.js';
import type { FloorEventInput } from './events.js';
import type { AgentChange } from './agent-changes.js';
import type {
  AgentView, ComplianceByRule, ComplianceView, FloorFigures, IntervalFigures, QueueFigures, ServiceLevelSpec,
} from './figures.js';
import type { IngestResult } from './ingest.js';
import type { MaybePacked } from './packed.js';

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
  adherence: TeamAdherenceView[];
}

/**
 * An agent the plan has on shift now (working, on a break or at a meal) who is not logged
 * in: one who never came in is on no other list the floor sends (the agents are those a
 * feed has named), so without this a lead knows from the team's count that someone is
 * missing, but not who, until the absence alert a quarter of an hour later.
 */
export interface NotInAgent {
  agentId: string;
  /** The floor's name for the agent (a login's), else the shift's. */
  name?: string;
  scheduled: Exclude<ScheduledActivity, 'off'>;
  /** When they stopped being where the plan says: the shift's start, for one who never came in. */
  since: number;
}

/**
 * A team's adherence as the floor sends it, with who of the team is scheduled now and not
 * logged in (by agent number). Sent wherever the team's figures go and with them (a delta
 * that carries `adherence`), so a team-scoped screen gets its own teams' only; a public
 * screen (the TV) gets the figures without `notIn` (access/audience.ts).
 */
export interface TeamAdherenceView extends TeamAdherence {
  notIn?: NotInAgent[];
}

export interface FloorDelta {
  seq: number;
  at: number;
  serverTime: number;
  /** What changed of each agent since the last delta that named it (see AgentChange). */
  agents: AgentChange[];
  queues: QueueFigures[];
  floor?: FloorFigures;
  /** Alerts whose status changed (including ones now resolved). */
  alerts: Alert[];
  /** Today's floor-wide compliance per rule (small: one pair of counts per rule). */
  compliance?: ComplianceByRule;
  /** Team adherence, when any agent's adherence changed. */
  adherence?: TeamAdherenceView[];
  /** Set when the day rolled over: clients should request a resync. */
  newDay?: string;
}

/**
 * The snapshot a screen is sent: the floor as the wallboard shows it. `FloorSnapshot` is
 * the REST body (`GET /api/v1/floor`); a screen gets its alerts as summaries (no history
 * or customer data) and the floor-wide compliance only, since the wallboard shows
 * nothing else of them (an agent's compliance comes with the agent panel's
 * `GET /api/v1/agents/:id/day`). On a floor of 6,000 agents with thousands of open alerts
 * that was 5 of 11 MB, sent to every screen that connects or catches up.
 */
export interface ScreenSnapshot extends Omit<FloorSnapshot, 'alerts' | 'compliance'> {
  alerts: AlertSummary[];
  /** Today's floor-wide compliance per rule (a delta's `compliance` replaces it). */
  compliance: ComplianceByRule;
}

/** A delta as a screen is sent it: alerts as summaries (see ScreenSnapshot). */
export interface ScreenDelta extends Omit<FloorDelta, 'alerts'> {
  alerts: AlertSummary[];
  /**
   * Set on a catch-up: this delta is every delta after seq `after` up to `seq` in one (a
   * screen that could not keep up is sent what changed while it read, not each delta).
   * Apply it when your seq is from `after` up to `seq - 1`: each part says what a thing is
   * now, so the deltas you already have in it change nothing.
   */
  after?: number;
}

/** Most teams one screen may ask for (a scope is a section of the floor, not a list of all of it). */
export const MAX_SCOPE_TEAMS = 200;

/**
 * A screen may narrow what it receives to some teams: handshake `auth.teams` (the wallboard
 * and TV pages take it from `?teams=a,b` in their address). A TV over one section of a big
 * floor, or a supervisor's screen for one group, then gets only those teams' agents, alerts
 * and adherence, and its deltas stay small however big the floor is. It never widens a
 * view: a shift lead asking for other teams still sees only their own.
 */
export const wallboardScopeSchema = z.array(z.string().trim().min(1, 'a team id must not be empty').max(100, 'a team id is at most 100 characters'))
  .min(1, 'list at least one team, or leave teams out for the whole view')
  .max(MAX_SCOPE_TEAMS, `at most ${MAX_SCOPE_TEAMS} teams per screen`);

/** Big snapshots and deltas come packed (shared/packed.ts): a screen unpacks each frame it is sent. */
export interface WallboardServerToClient {
  snapshot: (snapshot: MaybePacked<ScreenSnapshot>) => void;
  delta: (delta: MaybePacked<ScreenDelta>) => void;
}

export interface WallboardClientToServer {
  resync: (ack: (snapshot: MaybePacked<ScreenSnapshot>) => void) => void;
  /**
   * The screen has applied every frame up to this seq (sent after each frame). The server
   * then knows how far behind the screen really is, past its own queue: one that does not
   * read what it is sent is held out of the deltas and caught up once it has.
   */
  read: (seq: number) => void;
  'alert:acknowledge': (input: AcknowledgeAlertInput, ack: (result: CommandResult<Alert>) => void) => void;
  'alert:resolve': (input: ResolveAlertInput, ack: (result: CommandResult<Alert>) => void) => void;
  'alert:escalate': (input: EscalateAlertInput, ack: (result: CommandResult<Alert>) => void) => void;
  'hold:approve': (input: ApproveHoldInput, ack: (result: CommandResult<{ callId: string; allowedSeconds: number }>) => void) => void;
}

export interface IngestServerToClient {}

export interface IngestClientToServer {
  events: (batch: FloorEventInput[] | unknown, ack: (result: IngestResult | { error: string }) => void) => void;
}
