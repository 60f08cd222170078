/**
 * What the server says about an alert in its own words, in the reader's words: the reason
 * an alert cleared by itself ("answered by agent 1001 after 12 s of ringing",
 * server/engine/rules), a hold approval's allowance ("120 s"), a leave approval. The engine
 * writes each with a code and parameters beside the English (shared/alerts.ts
 * ALERT_REASONS), and the desk says the code in its reader's language. A code it does not
 * know (a newer server) is shown in the server's English, marked as the system's words.
 *
 * Alerts stored before the codes existed (an older snapshot, today's history from before
 * an upgrade) have the English only: those are known by the shape of the sentences the
 * engine wrote then. The shapes below are that frozen past: a new or reworded reason needs
 * a code, never a pattern here.
 */
import { isAlertReasonCode, type Alert, type AlertHistoryEntry, type AlertReasonParams } from '../../../shared/alerts.js';
import type { T } from '../i18n/index.js';
import { paramsOf } from '../api.js';

/** The words of entries without a code, as the engine wrote them before codes: their shape and code. */
const LEGACY: ReadonlyArray<{ pattern: RegExp; key: string; vars: readonly string[] }> = [
  { pattern: /^answered by agent (\S+) after (\d+) s of ringing$/, key: 'alerts.why.answeredAfter', vars: ['agent', 'seconds'] },
  // Before ring alerts were per agent.
  { pattern: /^answered after (\d+) s of ringing$/, key: 'alerts.why.answeredAfterSome', vars: ['seconds'] },
  { pattern: /^the call moved on to agent (\S+) unanswered$/, key: 'alerts.why.movedOn', vars: ['agent'] },
  { pattern: /^the call stopped ringing$/, key: 'alerts.why.stoppedRinging', vars: [] },
  { pattern: /^wrap-up recorded$/, key: 'alerts.why.wrapUpRecorded', vars: [] },
  { pattern: /^wrap-up recorded late$/, key: 'alerts.why.wrapUpRecordedLate', vars: [] },
  { pattern: /^after-call work ended$/, key: 'alerts.why.acwEnded', vars: [] },
  { pattern: /^the shift was changed or removed from the plan$/, key: 'alerts.why.shiftChanged', vars: [] },
  { pattern: /^callback made by (\S+), late$/, key: 'alerts.why.callbackLate', vars: ['agent'] },
  { pattern: /^lead (\S+) logged in$/, key: 'alerts.why.leadIn', vars: ['agent'] },
  { pattern: /^pre-shift meeting of team (.+) started$/, key: 'alerts.why.meetingStarted', vars: ['team'] },
  { pattern: /^the hold ended$/, key: 'alerts.why.holdEnded', vars: [] },
  { pattern: /^longer hold approved by (.+)$/, key: 'alerts.why.holdApproved', vars: ['who'] },
  { pattern: /^no call waits too long any more$/, key: 'alerts.why.noLongWait', vars: [] },
  { pattern: /^the agent stopped resting$/, key: 'alerts.why.stoppedResting', vars: [] },
  { pattern: /^the agent is back or changed state$/, key: 'alerts.why.agentBack', vars: [] },
  { pattern: /^agent (\S+) logged in$/, key: 'alerts.why.agentIn', vars: ['agent'] },
  { pattern: /^agent (\S+) is back$/, key: 'alerts.why.agentIsBack', vars: ['agent'] },
  { pattern: /^relief (\S+) logged in$/, key: 'alerts.why.reliefIn', vars: ['agent'] },
];

/** The system's words in the reader's language: by code, else (an older entry) by shape, else marked as the system's. */
export function systemWords(t: T, text: string, code?: unknown, params?: AlertReasonParams): string {
  if (isAlertReasonCode(code)) return t(`alerts.why.${code}`, paramsOf(params));
  // A code this desk does not know is a newer server's: its English, as it is.
  if (code === undefined) {
    for (const { pattern, key, vars } of LEGACY) {
      const match = pattern.exec(text.trim());
      if (match) return t(key, Object.fromEntries(vars.map((name, i) => [name, match[i + 1]])));
    }
  }
  return t('alerts.why.system', { text });
}

/**
 * What the resolution says beyond "resolved by whom, when": the reason in the reader's
 * words when the system worded it (it cleared by itself, a leave approval of article 79);
 * a person's note; nothing for the server's stand-in when the person wrote none
 * ("resolved by demo-lead").
 */
export function resolutionText(t: T, a: Pick<Alert, 'resolvedBy' | 'resolution' | 'resolutionCode' | 'resolutionParams'>): string | undefined {
  const text = a.resolution?.trim();
  if (text === undefined || text === '') return undefined;
  if (a.resolutionCode === 'resolvedBy') return undefined;
  if (a.resolutionCode !== undefined || a.resolvedBy === 'auto') return systemWords(t, text, a.resolutionCode, a.resolutionParams);
  // Older alerts, without a code: the stand-in and the leave approval by their shape.
  if (text === `resolved by ${a.resolvedBy ?? ''}`) return undefined;
  const leave = /^leave approved by (\S+?)(?:: ([\s\S]*))?$/.exec(text);
  if (leave) {
    return leave[2] === undefined || leave[2].trim() === ''
      ? t('alerts.why.leaveApproved', { who: leave[1] })
      : t('alerts.why.leaveApprovedWithNote', { who: leave[1], note: leave[2] });
  }
  return t('alerts.history.note', { note: text });
}

/** A hold approval's allowance ("120 s") in the reader's words. */
export function allowanceText(t: T, entry: Pick<AlertHistoryEntry, 'note' | 'noteCode' | 'noteParams'>): string | undefined {
  const note = entry.note;
  if (note === undefined || note.trim() === '') return undefined;
  if (entry.noteCode !== undefined) return systemWords(t, note, entry.noteCode, entry.noteParams);
  const seconds = /^(\d+) s$/.exec(note.trim());
  return seconds ? t('alerts.why.holdAllowed', { seconds: seconds[1] }) : t('alerts.why.system', { text: note });
}
