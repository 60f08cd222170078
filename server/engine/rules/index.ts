/** Every rule the engine runs, in the order they see each event. */
import type { RuleId } from '../../../shared/rules.js';
import { absence } from './absence.js';
import { answer3Rings } from './answer-3-rings.js';
import { awayWithoutReason } from './away-without-reason.js';
import { callbackPromise } from './callback-promise.js';
import { forbiddenPhrases } from './forbidden-phrases.js';
import { greeting } from './greeting.js';
import { holdConsent } from './hold-consent.js';
import { leadEarly } from './lead-early.js';
import { noHangupFirst } from './no-hangup-first.js';
import { noLeavingPost } from './no-leaving-post.js';
import { oneAgentOneLogin } from './one-agent-one-login.js';
import { privateCall } from './private-call.js';
import { restOffHook } from './rest-off-hook.js';
import { surveyTransfer } from './survey-transfer.js';
import type { RuleModule } from './types.js';
import { urgentEscalation } from './urgent-escalation.js';
import { wrapUpRecord } from './wrap-up-record.js';

export const RULES: RuleModule[] = [
  answer3Rings, greeting, holdConsent, forbiddenPhrases, noHangupFirst, surveyTransfer, wrapUpRecord,
  callbackPromise, restOffHook, urgentEscalation, oneAgentOneLogin, awayWithoutReason, privateCall,
  leadEarly, noLeavingPost, absence,
] as RuleModule[];

export const RULES_BY_ID = new Map<RuleId, RuleModule>(RULES.map((r) => [r.id, r]));
