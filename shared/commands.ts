/**
 * Commands people give the floor (shift leads, supervisors). Validated at the edge. The
 * inputs are strict: an unknown field (a misspelt `note`) is refused naming it, rather
 * than dropped with the text in it.
 */
import type { Alert } from './alerts.js';
import type { ProblemCode, ProblemParams } from './problems.js';
import { z } from 'zod';

const id = z.string().min(1).max(200);

export const acknowledgeAlertInput = z.strictObject({
  alertId: id,
  note: z.string().max(2000).optional(),
});
export const resolveAlertInput = z.strictObject({
  alertId: id,
  note: z.string().max(2000).optional(),
  /** The breach did not happen: the automatic points the alert took are reversed (art. 105). */
  falseAlarm: z.boolean().optional(),
});
export const approveHoldInput = z.strictObject({
  callId: id,
  /** The total hold length now allowed, in seconds from the start of the hold. */
  seconds: z.number().int().positive().max(3600),
  note: z.string().max(2000).optional(),
});
/** Article 79: a lead lets an agent leave although the relief for the seat is not in yet. */
export const approveLeaveInput = z.strictObject({
  agentId: id,
  note: z.string().max(2000).optional(),
});
/**
 * Articles 93-94: a lead (or the supervisor) passes an alert up one level now, rather than
 * waiting for nobody to acknowledge it. The note says why; the level above is told.
 */
export const escalateAlertInput = z.strictObject({
  alertId: id,
  note: z.string().max(2000).optional(),
});
export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertInput>;
export type EscalateAlertInput = z.infer<typeof escalateAlertInput>;
export type ResolveAlertInput = z.infer<typeof resolveAlertInput>;
export type ApproveHoldInput = z.infer<typeof approveHoldInput>;
export type ApproveLeaveInput = z.infer<typeof approveLeaveInput>;

/** A command as the engine receives it: the input plus who gave it. */
export type FloorCommand =
  | ({ type: 'alert.acknowledge'; by: string } & AcknowledgeAlertInput)
  | ({ type: 'alert.resolve'; by: string } & ResolveAlertInput)
  | ({ type: 'alert.escalate'; by: string } & EscalateAlertInput)
  | ({ type: 'hold.approve'; by: string } & ApproveHoldInput)
  | ({ type: 'leave.approve'; by: string } & ApproveLeaveInput)
  /**
   * Articles 81-82, given by the handover service once the incoming lead confirms:
   * refused while a critical alert is open on `teamIds`; otherwise every live alert of
   * those teams passes to `toAccount`.
   */
  | { type: 'handover.confirm'; by: string; handoverId: string; teamIds: string[]; toAccount: string }
  /**
   * Article 105: an alert already resolved (it cleared on its own, or a person closed it)
   * turns out a false alarm: `alert.resolve` with `falseAlarm` on an alert no longer live.
   * The edge reads the alert from storage and gives it here whole, so the logged command
   * holds all a replay needs (the engine keeps only live alerts).
   */
  | {
    type: 'alert.falseAlarm'; by: string; note?: string; alert: Alert;
    /** The call's other resolved alerts of the same agent, as stored: 105.7's point may move to one that stands. */
    others?: Alert[];
  };

export type CommandResult<T = unknown> =
  | { ok: true; value: T }
  | {
    ok: false; error: string; field?: string;
    /** Why, for a screen to say in its reader's language (shared/problems.ts). */
    code?: ProblemCode; params?: ProblemParams;
    /** Alerts that block the command (a refused handover names them). */
    alertIds?: string[];
  };
