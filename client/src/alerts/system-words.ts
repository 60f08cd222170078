/**
 * What the server says in English about an alert, in the reader's words. The engine writes
 * the reason an alert cleared by itself ("answered by agent 1001 after 12 s of ringing",
 * server/engine/rules) and a hold approval's allowance ("120 s"): one sentence each, with
 * no code beside it, so the desk knows them by their shape. A sentence it does not know
 * (a newer server) is shown as it is, marked as the system's own words.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { T } from '../i18n/index.js';

/** Each automatic resolution the engine writes: its shape and the message saying it. */
const AUTOMATIC: ReadonlyArray<{ pattern: RegExp; key: string; vars: readonly string[] }> = [
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

/** An automatic resolution's reason in the reader's words; an unknown one marked as the system's. */
export function systemWords(t: T, text: string): string {
  for (const { pattern, key, vars } of AUTOMATIC) {
    const match = pattern.exec(text.trim());
    if (match) return t(key, Object.fromEntries(vars.map((name, i) => [name, match[i + 1]])));
  }
  return t('alerts.why.system', { text });
}

/**
 * What the resolution says beyond "resolved by whom, when": the reason in the reader's
 * words when it cleared by itself; a person's note; nothing for the server's stand-in when
 * the person wrote none ("resolved by demo-lead"). A leave approval (article 79) resolves
 * with the approval and the lead's note.
 */
export function resolutionText(t: T, a: Pick<Alert, 'resolvedBy' | 'resolution'>): string | undefined {
  const text = a.resolution?.trim();
  if (text === undefined || text === '') return undefined;
  if (a.resolvedBy === 'auto') return systemWords(t, text);
  if (text === `resolved by ${a.resolvedBy ?? ''}`) return undefined;
  const leave = /^leave approved by (\S+?)(?:: ([\s\S]*))?$/.exec(text);
  if (leave) {
    const approved = t('alerts.why.leaveApproved', { who: leave[1] });
    return leave[2] === undefined || leave[2].trim() === '' ? approved : `${approved} — ${t('alerts.history.note', { note: leave[2] })}`;
  }
  return t('alerts.history.note', { note: text });
}

/** A hold approval's allowance ("120 s") in the reader's words. */
export function allowanceText(t: T, note: string | undefined): string | undefined {
  if (note === undefined || note.trim() === '') return undefined;
  const seconds = /^(\d+) s$/.exec(note.trim());
  return seconds ? t('alerts.history.holdAllowed', { seconds: seconds[1] }) : t('alerts.why.system', { text: note });
}
