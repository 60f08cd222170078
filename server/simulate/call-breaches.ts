/**
 * The breaches one connected call may carry, rolled in a fixed order (greeting, phrase,
 * hold, release, wrap-up, urgent report) so a seed always gives the same call. Each roll
 * is one opportunity of its rule; what a breach sounds like is conversation.ts's job.
 */
import type { RuleId } from '../../shared/rules.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { BreachPlanner } from './breaches.js';
import type { ConversationSpec, Ending, WrapupStyle } from './conversation.js';
import type { Topic } from './dialogue.js';
import type { Random } from './random.js';

/** Share of service calls with a hold (looking something up). */
const HOLD_SHARE = 0.15;
/** Share of calls on a topic that may need the back office where the agent promises a callback. */
const PROMISE_SHARE = 0.3;
/** Of agent hang-ups, the share that are a harassing caller released after a warning (art. 65). */
const HARASSMENT_SHARE = 0.2;

export interface CallFacts {
  callId: string;
  agentId: string;
  direction: 'inbound' | 'outbound';
  topic: Topic;
  kind: ConversationSpec['kind'];
  /** The caller left a number the agent can call back. */
  canPromise: boolean;
  now: number;
}

export type CallChoices = Pick<
  ConversationSpec,
  'greeting' | 'forbiddenPhrase' | 'hold' | 'ending' | 'wrapup' | 'urgent' | 'promiseCallback'
>;

export function rollCallBreaches(facts: CallFacts, rules: RulesConfig['rules'], breaches: BreachPlanner, rng: Random): CallChoices {
  const note = (rule: RuleId, detail: string): void =>
    breaches.note({ rule, ts: facts.now, agentId: facts.agentId, callId: facts.callId, detail });
  const transcript = facts.kind !== 'private';
  const service = facts.kind === 'service';

  let greeting: ConversationSpec['greeting'] = 'ok';
  if (transcript && breaches.roll('greeting') && rules.greeting[facts.direction].length > 0) {
    greeting = rng.chance(0.5) ? 'missing' : 'no-number';
    note('greeting', `greeting-${greeting}`);
  }
  let forbiddenPhrase: string | undefined;
  const phrases = rules['forbidden-phrases'].phrases;
  if (transcript && breaches.roll('forbidden-phrases') && phrases.length > 0) {
    forbiddenPhrase = rng.pick(phrases);
    note('forbidden-phrases', forbiddenPhrase);
  }
  let hold: ConversationSpec['hold'];
  if (service && rng.chance(HOLD_SHARE)) {
    hold = 'ok';
    if (breaches.roll('hold-consent')) {
      hold = rng.chance(0.5) ? 'no-consent' : 'long';
      note('hold-consent', hold);
    }
  }
  // Outbound calls end when the customer hangs up after the goodbye (no survey for them).
  let ending: Ending = service ? 'survey' : 'customer';
  if (service && breaches.roll('no-hangup-first')) {
    ending = rng.chance(HARASSMENT_SHARE) ? 'harassment' : 'agent-hangup';
    // No survey either, but that is one breach (docs/rules.md): no-hangup-first's, not survey-transfer's.
    note('no-hangup-first', ending);
    // Art. 65: the agent reports a harassing caller upward, which opens an urgent matter.
    if (ending === 'harassment') note('urgent-escalation', 'harassment-reported');
  } else if (service && breaches.roll('survey-transfer')) {
    ending = 'no-survey';
    note('survey-transfer', 'closed-without-survey');
  }
  let wrapup: WrapupStyle = 'ok';
  if (breaches.roll('wrap-up-record')) {
    const styles: WrapupStyle[] = rules['wrap-up-record'].requireNotes ? ['long', 'no-call-type', 'no-notes'] : ['long', 'no-call-type'];
    wrapup = rng.pick(styles);
    note('wrap-up-record', wrapup);
  }
  const urgent = service && breaches.roll('urgent-escalation');
  if (urgent) note('urgent-escalation', 'urgent-reported');
  const promiseCallback = facts.canPromise && facts.topic.callback !== undefined
    && (ending === 'survey' || ending === 'no-survey') && rng.chance(PROMISE_SHARE);
  return { greeting, forbiddenPhrase, hold, ending, wrapup, urgent, promiseCallback };
}
