/**
 * Articles 81-82: the incoming lead's confirmation of the seat handover, given to the engine
 * by the handover service. No handover while an exception or emergency is unresolved: a
 * live critical alert on the teams refuses it, naming each one. Once confirmed, problems
 * belong to the incoming team: every live alert of those teams passes to the incoming lead.
 */
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import { alertReason } from '../../shared/alerts.js';
import { noteOnAlert, systemNote } from './alerts.js';
import type { Ctx } from './context.js';
import { problem } from '../../shared/problems.js';

type Confirm = Extract<FloorCommand, { type: 'handover.confirm' }>;

export function confirmHandover(ctx: Ctx, command: Confirm): CommandResult<{ transferred: string[] }> {
  const teams = new Set(command.teamIds);
  const live = [...ctx.state.alerts.values()]
    .filter((a) => a.teamId !== undefined && teams.has(a.teamId))
    .sort((a, b) => a.openedAt - b.openedAt || (a.id < b.id ? -1 : 1));
  const blocking = live.filter((a) => a.severity === 'critical');
  if (blocking.length > 0) {
    return {
      ok: false,
      ...problem('handoverBlocked', { alerts: blocking.map((a) => `${a.id} ${a.title}`).join(', ') }),
      field: 'alerts',
      alertIds: blocking.map((a) => a.id),
    };
  }
  for (const alert of live) {
    alert.owner = { account: command.toAccount, teamIds: [...command.teamIds], since: ctx.now, handoverId: command.handoverId };
    noteOnAlert(ctx, alert, { at: ctx.now, action: 'handed-over', by: command.by, ...systemNote(alertReason('handedOver', { account: command.toAccount })) });
  }
  return { ok: true, value: { transferred: live.map((a) => a.id) } };
}
