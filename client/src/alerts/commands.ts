/**
 * The desk's commands, over REST (the CSRF header is added by api.ts). The floor's
 * answer arrives on the socket as well; the returned alert lets the desk update at once.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { CommandResult } from '../../../shared/commands.js';
import { api, ApiError, problemText } from '../api.js';

function valueOf<T>(result: CommandResult<T>): T {
  if (result.ok) return result.value;
  // The refusal itself goes with the error, for the desk to say it in the language of the moment.
  throw new ApiError(409, problemText(result) ?? result.error, result.field, [], undefined, result);
}

const noteBody = (note: string) => (note.trim() === '' ? {} : { note: note.trim() });

export async function acknowledgeAlert(alertId: string, note: string): Promise<Alert> {
  return valueOf(await api.post<CommandResult<Alert>>(`/api/v1/alerts/${encodeURIComponent(alertId)}/acknowledge`, noteBody(note)));
}

/** Articles 93-94: pass the alert on to the level above now. */
export async function escalateAlert(alertId: string, note: string): Promise<Alert> {
  return valueOf(await api.post<CommandResult<Alert>>(`/api/v1/alerts/${encodeURIComponent(alertId)}/escalate`, noteBody(note)));
}

/** `falseAlarm`: the breach did not happen; the server gives back the points the alert took (art. 105). */
export async function resolveAlert(alertId: string, note: string, falseAlarm = false): Promise<Alert> {
  const body = { ...noteBody(note), ...(falseAlarm && { falseAlarm: true }) };
  return valueOf(await api.post<CommandResult<Alert>>(`/api/v1/alerts/${encodeURIComponent(alertId)}/resolve`, body));
}

export async function approveHold(callId: string, seconds: number, note: string): Promise<{ callId: string; allowedSeconds: number }> {
  return valueOf(await api.post<CommandResult<{ callId: string; allowedSeconds: number }>>(
    `/api/v1/calls/${encodeURIComponent(callId)}/hold-approval`, { seconds, ...noteBody(note) },
  ));
}

/** Article 79: the lead lets an agent leave although the seat's relief is not in yet. */
export async function approveLeave(agentId: string, note: string): Promise<void> {
  valueOf(await api.post<CommandResult>(`/api/v1/agents/${encodeURIComponent(agentId)}/leave-approval`, noteBody(note)));
}

/** Today's acknowledged and resolved alerts (the server cuts a lead's list to their teams). */
export async function fetchHistory(fromMs: number): Promise<Alert[]> {
  return api.get<Alert[]>(`/api/v1/alerts?status=acknowledged,resolved&from=${Math.floor(fromMs)}`);
}

/**
 * An alert that has just been resolved, whole (who resolved it and why), or undefined when
 * the server does not list it (yet). Screens are not sent resolved alerts; the history
 * lists them, found here by the rule and the moment they opened.
 */
export async function fetchResolvedAlert(a: Pick<Alert, 'id' | 'rule' | 'openedAt'>): Promise<Alert | undefined> {
  const query = `status=resolved&rule=${encodeURIComponent(a.rule)}&from=${Math.floor(a.openedAt)}&to=${Math.floor(a.openedAt) + 1}`;
  const found = await api.get<Alert[]>(`/api/v1/alerts?${query}`);
  return Array.isArray(found) ? found.find((x) => x.id === a.id) : undefined;
}

/** One live alert whole (its evidence: screens are sent alerts without it). */
export async function fetchAlert(alertId: string): Promise<Alert> {
  return api.get<Alert>(`/api/v1/alerts/${encodeURIComponent(alertId)}`);
}
