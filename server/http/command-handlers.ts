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
  acknowledgeAlertInput, approveHoldInput, resolveAlertInput, type CommandResult, type FloorCommand,
} from '../../shared/commands.js';
import type { FloorService, HoldApproval } from '../floor/types.js';
import { mayCommand } from '../access/permissions.js';
import type { Viewer } from '../access/principal.js';

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
  approveHold(input: unknown, actor: Actor): Promise<CommandOutcome<HoldApproval>>;
}

const AUDIT_ACTION: Record<FloorCommand['type'], string> = {
  'alert.acknowledge': 'alert-acknowledged',
  'alert.resolve': 'alert-resolved',
  'hold.approve': 'hold-approved',
};

export function createCommandHandlers(floor: FloorService, audit: Auditor, logger: Logger): CommandHandlers {
  /**
   * Validate, then hand the floor the parsed data only: the schemas strip unknown keys, and
   * `type`/`by` are set last, so a client can never pass its own `by`.
   */
  async function run<T>(
    type: FloorCommand['type'],
    schema: z.ZodType<object>,
    input: unknown,
    actor: Actor,
  ): Promise<CommandOutcome<T>> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0 ? issue.path.join('.') : '(input)';
      return { status: 'invalid', result: { ok: false, error: `invalid ${field}: ${issue.message}`, field } };
    }
    // Alerts name people by their username (what a colleague recognises on the desk);
    // the audit log keeps the account id.
    const by = actor.viewer.kind === 'user' ? actor.viewer.username : actor.viewer.id;
    const command = { ...parsed.data, type, by } as FloorCommand;
    const teamId = command.type === 'hold.approve'
      ? floor.callOwner(command.callId)?.teamId
      : floor.liveAlert(command.alertId)?.teamId;
    const permission = mayCommand(actor.viewer, type, teamId);
    if (!permission.ok) return { status: 'forbidden', result: { ok: false, error: permission.error } };
    try {
      // FloorService.command is not typed per command; the floor answers each type with its own value.
      const raw = await floor.command(command);
      const shown = raw.ok && 'rule' in raw.value ? alertFor(raw.value, audienceOf(actor.viewer)) : undefined;
      const result = (shown ? { ok: true, value: shown } : raw) as CommandResult<T>;
      if (!result.ok) {
        logger.info({ type, by, error: result.error }, 'command refused');
        return { status: 'refused', result };
      }
      const { type: _t, by: _b, ...detail } = command;
      await audit.record({
        actor: actor.viewer.id, action: AUDIT_ACTION[type], target: 'alertId' in command ? command.alertId : command.callId,
        ...(actor.ip !== undefined && { ip: actor.ip }), detail,
      });
      return { status: 'done', result };
    } catch (err) {
      logger.error({ err, type, by }, 'command failed');
      return { status: 'failed', result: { ok: false, error: 'internal error' } };
    }
  }

  return {
    acknowledgeAlert: (input, actor) => run<Alert>('alert.acknowledge', acknowledgeAlertInput, input, actor),
    resolveAlert: (input, actor) => run<Alert>('alert.resolve', resolveAlertInput, input, actor),
    approveHold: (input, actor) => run<HoldApproval>('hold.approve', approveHoldInput, input, actor),
  };
}
