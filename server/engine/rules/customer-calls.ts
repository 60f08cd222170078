/**
 * Articles 60-76 are about customers' calls (客户来电): answering within three rings, the
 * greeting, holds, the phrases, who hangs up, the survey, callbacks. A colleague's call
 * (`numberClass: internal`) or a personal one (`private`, which art. 105.4 judges) is not
 * judged by them; a caller whose number is not known (`unknown`) is taken for a customer.
 */
import type { FloorEvent } from '../../../shared/events.js';
import type { RuleId } from '../../../shared/rules.js';
import type { EngineState } from '../state.js';

export const CUSTOMER_CALL_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'answer-3-rings', 'greeting', 'forbidden-phrases', 'hold-consent', 'no-hangup-first', 'survey-transfer', 'callback-promise',
]);

/** The event is about a call the feed classed as a colleague's or a personal one. */
export function aboutNonCustomerCall(state: EngineState, event: FloorEvent): boolean {
  if (!('callId' in event) || typeof event.callId !== 'string') return false;
  const numberClass = state.calls.get(event.callId)?.numberClass;
  return numberClass === 'internal' || numberClass === 'private';
}
