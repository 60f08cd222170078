/**
 * Article 79's approval: a shift lead lets an agent leave although the relief for the seat
 * is not in yet (`leave.approve`). Recorded whether or not the rule is enabled (attendance
 * uses it too); an open no-leaving-post alert for the agent is resolved in the lead's name.
 */
import type { CommandResult, FloorCommand } from '../../../shared/commands.js';
import { alertReason } from '../../../shared/alerts.js';
import { liveAlert, resolveAlert } from '../alerts.js';
import type { Ctx } from '../context.js';
import { recordApproval } from './attendance.js';
import { problem } from '../../../shared/problems.js';

type Approve = Extract<FloorCommand, { type: 'leave.approve' }>;

export interface LeaveApprovalResult {
  agentId: string;
  approvedBy: string;
  at: number;
  /** The no-leaving-post alert the approval resolved, if one was open. */
  resolvedAlertId?: string;
}

export function approveLeave(ctx: Ctx, command: Approve): CommandResult<LeaveApprovalResult> {
  const { agentId, by } = command;
  if (!ctx.state.agents.has(agentId) && !ctx.state.plan.byAgent.has(agentId)) {
    return { ok: false, ...problem('agentUnknown', { agentId }), field: 'agentId' };
  }
  recordApproval(ctx, agentId, by, command.note);
  ctx.state.plan.leftPosts.delete(agentId);
  const alert = liveAlert(ctx, 'no-leaving-post', { kind: 'agent', id: agentId });
  if (alert) {
    resolveAlert(ctx, alert, by, command.note ? alertReason('leaveApprovedWithNote', { who: by, note: command.note }) : alertReason('leaveApproved', { who: by }));
  }
  return { ok: true, value: { agentId, approvedBy: by, at: ctx.now, ...(alert && { resolvedAlertId: alert.id }) } };
}
