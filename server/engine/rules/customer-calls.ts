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

/**
 * The event is about a call the feed classed as a colleague's or a personal one, which
 * these rules have never judged. A call they saw as a customer's (its first events came
 * before its offer, which classed it afterwards) stays theirs to the end: what they opened
 * on it (a ring alert, a hold's timer) is closed by its later events, never left open.
 */
export function aboutNonCustomerCall(state: EngineState, event: FloorEvent): boolean {
  if (!('callId' in event) || typeof event.callId !== 'string') return false;
  const call = state.calls.get(event.callId);
  if (call === undefined) return false;
  const notCustomers = !call.judgedAsCustomers && (call.numberClass === 'internal' || call.numberClass === 'private');
  if (!notCustomers) call.judgedAsCustomers = true;
  return notCustomers;
}
