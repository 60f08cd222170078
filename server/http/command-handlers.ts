/**
 * The people-commands (acknowledge / resolve an alert, approve a longer hold), once, for
 * both edges: the wallboard's socket events and the REST routes call these, so the two can
 * never validate or answer differently. Each returns the contract's CommandResult plus how
 * it ended, which REST turns into a status code and the socket ignores.
 */
import { alertFor, audienceOf } from '../access/audience.js';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Alert } from '../../shared/alerts.js';
import {
  acknowledgeAlertInput, approveHoldInput, approveLeaveInput, escalateAlertInput, resolveAlertInput, type CommandResult, type FloorCommand,
} from '../../shared/commands.js';
import type { FloorService, HoldApproval, LeaveApproval } from '../floor/types.js';
import { mayCommand, mayEscalateFrom } from '../access/permissions.js';
import type { Viewer } from '../access/principal.js';
import { problem } from '../../shared/problems.js';
import { invalid } from './outcome.js';

/** Where audit entries go (the access service's audit log). */
export interface Auditor {
  record(entry: { actor: string; action: string; target?: string; ip?: string; detail?: Record<string, unknown> }): Promise<unknown>;
}

/** Who gives the command, and from where. */
export interface Actor {
  viewer: Viewer;
  ip?: string;
}

/**
 * done: applied. invalid: the input failed validation (nothing reached the floor).
 * forbidden: not this role's command, or not this lead's team. refused: the floor said no
 * (unknown alert, already resolved...). failed: the floor threw.
 */
export type CommandStatus = 'done' | 'invalid' | 'forbidden' | 'refused' | 'failed';

export interface CommandOutcome<T> {
  status: CommandStatus;
  result: CommandResult<T>;
}

export interface CommandHandlers {
  acknowledgeAlert(input: unknown, actor: Actor): Promise<CommandOutcome<Alert>>;
  resolveAlert(input: unknown, actor: Actor): Promise<CommandOutcome<Alert>>;
  /** Articles 93-94: pass the alert on to the level above now. */
  escalateAlert(input: unknown, actor: Actor): Promise<CommandOutcome<Alert>>;
  approveHold(input: unknown, actor: Actor): Promise<CommandOutcome<HoldApproval>>;
  /** Article 79: a lead lets an agent of their team leave before the relief is in. */
  approveLeave(input: unknown, actor: Actor): Promise<CommandOutcome<LeaveApproval>>;
}

/** The commands people give here (`handover.confirm` comes from the handover service only). */
type PeopleCommand = Exclude<FloorCommand, { type: 'handover.confirm' | 'alert.falseAlarm' }>;
type MarkFalseAlarm = Extract<FloorCommand, { type: 'alert.falseAlarm' }>;

const AUDIT_ACTION: Record<PeopleCommand['type'], string> = {
  'alert.acknowledge': 'alert-acknowledged',
  'alert.resolve': 'alert-resolved',
  'alert.escalate': 'alert-escalated',
  'hold.approve': 'hold-approved',
  'leave.approve': 'leave-approved',
};

/** The team the command is about, for a lead's scope; and what the audit entry names. */
function scopeOf(floor: FloorService, command: PeopleCommand): { teamId: string | undefined; target: string } {
  switch (command.type) {
    case 'hold.approve':
      return { teamId: floor.callOwner(command.callId)?.teamId, target: command.callId };
    case 'leave.approve':
      return { teamId: floor.agent(command.agentId)?.teamId, target: command.agentId };
    default:
      return { teamId: floor.liveAlert(command.alertId)?.teamId, target: command.alertId };
  }
}

/**
 * `alert.resolve` with `falseAlarm` on an alert no longer live (it cleared on its own, or
 * was closed before the truth came out): the floor is given the stored alert whole, as
 * `alert.falseAlarm`. Undefined when the command is not that.
 */
async function falseAlarmAfterResolution(floor: FloorService, command: PeopleCommand): Promise<MarkFalseAlarm | undefined> {
  if (command.type !== 'alert.resolve' || command.falseAlarm !== true || floor.liveAlert(command.alertId) !== undefined) return undefined;
  const stored = await floor.storedAlert(command.alertId);
  if (stored === undefined || stored.status !== 'resolved') return undefined;
  return { type: 'alert.falseAlarm', by: command.by, alert: stored, ...(command.note !== undefined && { note: command.note }) };
}

export function createCommandHandlers(floor: FloorService, audit: Auditor, logger: Logger): CommandHandlers {
  /**
   * Validate, then hand the floor the parsed data only: the schemas refuse unknown keys
   * (a `by` among them), and `type`/`by` are set last, so a client can never pass its own `by`.
   */
  async function run<T>(
    type: PeopleCommand['type'],
    schema: z.ZodType<object>,
    input: unknown,
    actor: Actor,
  ): Promise<CommandOutcome<T>> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      // Names the field, an unknown one too (the inputs are strict): `resolution`, not `(input)`.
      const { ok: _ok, status: _status, ...refusal } = invalid(parsed.error.issues);
      return { status: 'invalid', result: { ok: false, ...refusal } };
    }
    // Alerts name people by their username (what a colleague recognises on the desk);
    // the audit log keeps the account id.
    const by = actor.viewer.kind === 'user' ? actor.viewer.username : actor.viewer.id;
    const command = { ...parsed.data, type, by } as PeopleCommand;
    let marking: MarkFalseAlarm | undefined;
    try {
      marking = await falseAlarmAfterResolution(floor, command);
    } catch (err) {
      logger.error({ err, type, by }, 'command failed: the stored alert could not be read');
      return { status: 'failed', result: { ok: false, ...problem('internal') } };
    }
    const { teamId, target } = marking === undefined ? scopeOf(floor, command) : { teamId: marking.alert.teamId, target: marking.alert.id };
    const permission = mayCommand(actor.viewer, type, teamId);
    if (!permission.ok) return { status: 'forbidden', result: permission };
    const alert = command.type === 'alert.escalate' ? floor.liveAlert(command.alertId) : undefined;
    const upward = alert === undefined ? permission : mayEscalateFrom(actor.viewer, alert.escalationLevel);
    if (!upward.ok) return { status: 'refused', result: { ...upward, field: 'alertId' } };
    try {
      // FloorService.command is not typed per command; the floor answers each type with its own value.
      const raw = await floor.command(marking ?? command);
      const shown = raw.ok && 'rule' in raw.value ? alertFor(raw.value, audienceOf(actor.viewer)) : undefined;
      const result = (shown ? { ok: true, value: shown } : raw) as CommandResult<T>;
      if (!result.ok) {
        logger.info({ type, by, error: result.error }, 'command refused');
        return { status: 'refused', result };
      }
      const { type: _t, by: _b, ...detail } = command;
      await audit.record({
        actor: actor.viewer.id, action: marking === undefined ? AUDIT_ACTION[type] : 'alert-marked-false-alarm', target,
        ...(actor.ip !== undefined && { ip: actor.ip }), detail,
      });
      return { status: 'done', result };
    } catch (err) {
      logger.error({ err, type, by }, 'command failed');
      return { status: 'failed', result: { ok: false, ...problem('internal') } };
    }
  }

  return {
    acknowledgeAlert: (input, actor) => run<Alert>('alert.acknowledge', acknowledgeAlertInput, input, actor),
    resolveAlert: (input, actor) => run<Alert>('alert.resolve', resolveAlertInput, input, actor),
    escalateAlert: (input, actor) => run<Alert>('alert.escalate', escalateAlertInput, input, actor),
    approveHold: (input, actor) => run<HoldApproval>('hold.approve', approveHoldInput, input, actor),
    approveLeave: (input, actor) => run<LeaveApproval>('leave.approve', approveLeaveInput, input, actor),
  };
}
