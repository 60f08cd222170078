/**
 * A false alarm, as the floor logs it: `alert.resolve` with `falseAlarm`, or the edge's
 * `alert.falseAlarm`, becomes `alert.falseAlarm` carrying the alert as it is now (live, or
 * as stored once resolved) and the call's other alerts of the same agent as stored. Read
 * here, in the floor's turn, so a second mark waiting behind the first reads the first
 * one's result and is refused (the engine keeps only live alerts); logged whole, so a
 * rebuild judges exactly what was judged.
 */
import type { Alert } from '../../shared/alerts.js';
import type { FloorCommand } from '../../shared/commands.js';
import type { AlertStore } from '../storage/types.js';

/** How far before the alert its call's other alerts are looked for (a call lasts less than a day). */
const SAME_CALL_WINDOW_MS = 24 * 3_600_000;

export async function falseAlarmInput(command: FloorCommand, alerts: AlertStore, live: (alertId: string) => Alert | undefined): Promise<FloorCommand> {
  const asked = command.type === 'alert.falseAlarm' || (command.type === 'alert.resolve' && command.falseAlarm === true);
  if (!asked) return command;
  const id = command.type === 'alert.falseAlarm' ? command.alert.id : command.alertId;
  const alert = live(id) ?? (await alerts.get(id)) ?? undefined;
  // Unknown here: the engine answers as for any alert it does not know.
  if (alert === undefined) return command;
  const others = await sameCallAlerts(alerts, alert);
  return {
    type: 'alert.falseAlarm', by: command.by, alert,
    ...(command.note !== undefined && { note: command.note }),
    ...(others.length > 0 && { others }),
  };
}

/** The call's other resolved alerts of the same agent, as stored (105.7's point may move to one of them). */
async function sameCallAlerts(alerts: AlertStore, alert: Alert): Promise<Alert[]> {
  if (alert.callId === undefined || alert.agentId === undefined) return [];
  const near = await alerts.list({ agentId: alert.agentId, status: ['resolved'], from: alert.openedAt - SAME_CALL_WINDOW_MS });
  return near.filter((a) => a.callId === alert.callId && a.id !== alert.id);
}
