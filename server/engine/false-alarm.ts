/**
 * Article 105: a breach that did not happen takes no points. A person says an alert was a
 * false alarm either while it is live (resolving it so) or after it was resolved (it
 * cleared on its own before anyone looked, or was closed before the truth came out); either
 * way the automatic points entries it proposed are reversed, in that person's name.
 */
import { alertReason, falseAlarmBy, type Alert } from '../../shared/alerts.js';
import type { CommandResult, FloorCommand } from '../../shared/commands.js';
import { problem } from '../../shared/problems.js';
import { copyAlert, noteOnAlert, resolveAlert } from './alerts.js';
import type { Ctx } from './context.js';
import { reversePointsTaken } from './schedule/points.js';

type MarkFalseAlarm = Extract<FloorCommand, { type: 'alert.falseAlarm' }>;

function falseAlarmReason(by: string, note: string | undefined) {
  const said = note?.trim();
  return said ? alertReason('falseAlarmWithNote', { who: by, note: said }) : alertReason('falseAlarm', { who: by });
}

/** A live alert resolved as a false alarm; `others`: the call's resolved alerts of the agent, as stored. */
export function resolveAsFalseAlarm(ctx: Ctx, alert: Alert, by: string, note: string | undefined, others: readonly Alert[] = []): CommandResult<Alert> {
  resolveAlert(ctx, alert, by, falseAlarmReason(by, note));
  reversePointsTaken(ctx, alert, by, others);
  return { ok: true, value: copyAlert(alert) };
}

/**
 * A resolved alert marked a false alarm afterwards. Its resolution stays what it was (when
 * and how it closed); the judgement is a history entry of its own. Marked once: a second
 * person's mark would reverse nothing more.
 */
export function markFalseAlarm(ctx: Ctx, command: MarkFalseAlarm): CommandResult<Alert> {
  const live = ctx.state.alerts.get(command.alert.id);
  if (live !== undefined) return resolveAsFalseAlarm(ctx, live, command.by, command.note, command.others);
  if (command.alert.status !== 'resolved') return { ok: false, ...problem('alertNotOpen', { alertId: command.alert.id }), field: 'alertId' };
  const already = falseAlarmBy(command.alert);
  if (already !== undefined) {
    return { ok: false, ...problem('alertAlreadyFalseAlarm', { alertId: command.alert.id, by: already }), field: 'alertId' };
  }
  const alert = copyAlert(command.alert);
  const why = falseAlarmReason(command.by, command.note);
  noteOnAlert(ctx, alert, {
    at: ctx.now, action: 'false-alarm', by: command.by,
    ...(command.note?.trim() ? { note: command.note.trim() } : { note: why.text, noteCode: why.code, noteParams: why.params }),
  });
  reversePointsTaken(ctx, alert, command.by, command.others);
  return { ok: true, value: copyAlert(alert) };
}
