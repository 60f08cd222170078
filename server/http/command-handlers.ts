/**
 * The people-commands (acknowledge / resolve an alert, approve a longer hold), once, for
 * both edges: the wallboard's socket events and the REST routes call these, so the two can
 * never validate or answer differently. Each returns the contract's CommandResult plus how
 * it ended, which REST turns into a status code and the socket ignores.
 */
import { redactAlert } from '../wallboard/redact.js';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Alert } from '../../shared/alerts.js';
import {
  acknowledgeAlertInput, approveHoldInput, resolveAlertInput, type CommandResult, type FloorCommand,
} from '../../shared/commands.js';
import type { FloorService, HoldApproval } from '../floor/types.js';

/**
 * Who gave a command: the one seam access control will replace (it will read the identity
 * its middleware attached to the socket handshake or the request).
 */
export type Identify = (source: Socket | Request) => string;

/** Until access control lands, every command is given by `local`. */
export const identifyLocal: Identify = () => 'local';

/**
 * done: applied. invalid: the input failed validation (nothing reached the floor).
 * refused: the floor said no (unknown alert, already resolved...). failed: the floor threw.
 */
export type CommandStatus = 'done' | 'invalid' | 'refused' | 'failed';

export interface CommandOutcome<T> {
  status: CommandStatus;
  result: CommandResult<T>;
}

export interface CommandHandlers {
  acknowledgeAlert(input: unknown, by: string): Promise<CommandOutcome<Alert>>;
  resolveAlert(input: unknown, by: string): Promise<CommandOutcome<Alert>>;
  approveHold(input: unknown, by: string): Promise<CommandOutcome<HoldApproval>>;
}

export function createCommandHandlers(floor: FloorService, logger: Logger): CommandHandlers {
  /**
   * Validate, then hand the floor the parsed data only: the schemas strip unknown keys, and
   * `type`/`by` are set last, so a client can never pass its own `by`.
   */
  async function run<T>(
    type: FloorCommand['type'],
    schema: z.ZodType<object>,
    input: unknown,
    by: string,
  ): Promise<CommandOutcome<T>> {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.length > 0 ? issue.path.join('.') : '(input)';
      return { status: 'invalid', result: { ok: false, error: `invalid ${field}: ${issue.message}`, field } };
    }
    const command = { ...parsed.data, type, by } as FloorCommand;
    try {
      // FloorService.command is not typed per command; the floor answers each type with its own value.
      const raw = await floor.command(command);
      const result = (raw.ok && 'rule' in raw.value ? { ok: true, value: redactAlert(raw.value) } : raw) as CommandResult<T>;
      if (!result.ok) logger.info({ type, by, error: result.error }, 'command refused');
      return { status: result.ok ? 'done' : 'refused', result };
    } catch (err) {
      logger.error({ err, type, by }, 'command failed');
      return { status: 'failed', result: { ok: false, error: 'internal error' } };
    }
  }

  return {
    acknowledgeAlert: (input, by) => run<Alert>('alert.acknowledge', acknowledgeAlertInput, input, by),
    resolveAlert: (input, by) => run<Alert>('alert.resolve', resolveAlertInput, input, by),
    approveHold: (input, by) => run<HoldApproval>('hold.approve', approveHoldInput, input, by),
  };
}
