/**
 * One connected call from pick-up to wrap-up, planned as timed events: the transcript
 * (greeting, the customer's matter, identity check, answers, closing), an optional hold,
 * the survey transfer, the release and the after-call work. The floor model decides
 * *whether* a rule is broken on this call; this file decides what that sounds like and
 * when each event happens. Pure: a plan is data the floor model plays out.
 */
import type { RulesConfig } from '../../shared/rules-config.js';
import {
  BANK_NAME, CALLBACK_CALL, CALLBACK_PROMISE, CLOSING, CLOSING_NO_SURVEY, CUT_OFF, FORBIDDEN_TAILS, HARASSMENT,
  HARASSMENT_REPORT, HOLD_ASK, HOLD_BACK, HOLD_CURT, HOLD_CURT_BACK, HOLD_OK, VERIFY, fill, type Line, type Topic,
} from './dialogue.js';
import { clamp, type Random } from './random.js';
import type { EventBody, Timed } from './sim-event.js';

const S = 1000;
const MIN = 60 * S;

export type Ending = 'survey' | 'no-survey' | 'agent-hangup' | 'harassment' | 'customer';
export type WrapupStyle = 'ok' | 'long' | 'no-call-type' | 'no-notes';

export interface ConversationSpec {
  callId: string;
  agentId: string;
  direction: 'inbound' | 'outbound';
  /** When the call was answered (the plan starts just after). */
  connectedAt: number;
  topic: Topic;
  slots: Record<string, string>;
  /** `service`: the customer's matter; `callback`: the agent calls back with the answer; `private`: no transcript. */
  kind: 'service' | 'callback' | 'private';
  greeting: 'ok' | 'missing' | 'no-number';
  /** Answered late without apologising: keep apology words out of the first agent lines. */
  lateNoApology: boolean;
  forbiddenPhrase?: string;
  hold?: 'ok' | 'no-consent' | 'long';
  promiseCallback: boolean;
  ending: Ending;
  wrapup: WrapupStyle;
  urgent: boolean;
}

export interface ConversationPlan {
  events: Timed[];
  /** When the agent's leg ended (survey transfer or release): after-call work starts. */
  legEndAt: number;
  endedAt: number;
  /** When the agent is free again (wrap-up recorded). */
  doneAt: number;
  /** Set when a callback was promised in the wrap-up. */
  callbackDue?: number;
}

type Rules = RulesConfig['rules'];

/** The prescribed opening, from the configured fragments so a custom rules file still passes. */
export function greetingText(direction: 'inbound' | 'outbound', agentId: string, rules: Rules): string {
  const canned = direction === 'inbound'
    ? `您好！${agentId}号很高兴为您服务！`
    : `您好！我是${BANK_NAME}客服中心${agentId}号客服代表！`;
  const fragments = rules.greeting[direction].map((f) => f.replaceAll('{agent}', agentId));
  return fragments.every((f) => canned.includes(f)) ? canned : `${fragments.join('，')}！`;
}

function badGreeting(spec: ConversationSpec, rules: Rules): string {
  const fragments = rules.greeting[spec.direction].map((f) => f.replaceAll('{agent}', spec.agentId));
  const candidates = spec.greeting === 'missing'
    ? (spec.direction === 'inbound' ? ['喂，请讲。'] : ['喂，您好，是本人吗？'])
    : (spec.direction === 'inbound' ? ['您好！很高兴为您服务！'] : [`您好！我是${BANK_NAME}客服中心的客服代表！`]);
  const text = [...candidates, '喂？'].find((c) => !fragments.every((f) => c.includes(f)));
  return text ?? '喂？';
}

/** The lines of the call, in order; `hold` marks where the hold happens. */
function script(spec: ConversationSpec, rules: Rules, rng: Random): Array<Line | 'hold'> {
  const { topic } = spec;
  const lines: Array<Line | 'hold'> = [];
  const opening = spec.greeting === 'ok' ? greetingText(spec.direction, spec.agentId, rules) : badGreeting(spec, rules);
  const forbidden: Line[] = spec.forbiddenPhrase === undefined
    ? []
    : [['customer', '那我现在该怎么办？'], ['agent', `${spec.forbiddenPhrase}，${rng.pick(FORBIDDEN_TAILS)}`]];
  if (spec.kind === 'callback') {
    const [ready, answer, ...rest] = CALLBACK_CALL;
    lines.push(['agent', `${opening}关于您之前咨询的问题，现在给您回个电话。`], ready, answer, ...forbidden, ...rest);
    return lines;
  }
  lines.push(['agent', spec.direction === 'inbound' ? opening : `${opening}请问是机主本人吗？`]);
  lines.push(['customer', rng.pick(topic.opening)]);
  if (topic.verify) lines.push(...VERIFY);
  if (spec.hold === 'no-consent') lines.push(HOLD_CURT, 'hold', HOLD_CURT_BACK);
  else if (spec.hold) lines.push(HOLD_ASK, HOLD_OK, 'hold', HOLD_BACK);
  // A harassing caller cuts the matter short; a hang-up comes after the first answer.
  const body = spec.ending === 'harassment' ? [] : spec.ending === 'agent-hangup' ? topic.body.slice(0, 1) : topic.body;
  lines.push(...body);
  lines.push(...forbidden);
  if (spec.ending === 'harassment') {
    lines.push(...HARASSMENT);
    return lines;
  }
  if (spec.ending === 'agent-hangup') {
    lines.push(...CUT_OFF);
    return lines;
  }
  if (spec.promiseCallback) lines.push(...CALLBACK_PROMISE);
  lines.push(...(spec.ending === 'no-survey' ? CLOSING_NO_SURVEY : CLOSING));
  return lines;
}

/**
 * Lines that would break a rule by accident are swapped for a neutral one: a custom
 * forbidden-phrase list may catch ordinary wording, and a late answer's first agent lines
 * must carry no apology when the plan is "late, no apology".
 */
function sanitize(lines: Array<Line | 'hold'>, spec: ConversationSpec, rules: Rules): Array<Line | 'hold'> {
  const forbidden = rules['forbidden-phrases'].phrases;
  const apologies = rules['answer-3-rings'].apologyPhrases.map((p) => p.toLowerCase());
  const within = rules['answer-3-rings'].apologyWithinUtterances;
  let agentLines = 0;
  return lines.map((line) => {
    if (line === 'hold' || line[0] !== 'agent') return line;
    agentLines += 1;
    let text = line[1];
    const intended = spec.forbiddenPhrase !== undefined && text.startsWith(spec.forbiddenPhrase);
    if (!intended && forbidden.some((p) => text.includes(p))) text = '好的，我明白了。';
    if (spec.lateNoApology && agentLines <= within && apologies.some((p) => text.toLowerCase().includes(p))) {
      text = agentLines === 1 ? text.replace(/抱歉|对不起|不好意思|sorry/gi, '') || '您好。' : '好的。';
    }
    return ['agent', text] as const;
  });
}

export function planConversation(spec: ConversationSpec, rules: Rules, rng: Random): ConversationPlan {
  const { callId, agentId } = spec;
  const events: Timed[] = [];
  const add = (at: number, body: EventBody): void => {
    events.push({ at: Math.round(at), body });
  };
  const slots = { ...spec.slots, callback: spec.topic.callback ?? '您的问题', idtail: spec.slots.tail };
  const maxHoldMs = rules['hold-consent'].maxHoldSeconds * S;
  const maxAcwMs = rules['wrap-up-record'].maxAfterCallSeconds * S;

  // Talk time: log-normal, long tail; callbacks are short, private chats run past 3 minutes.
  const talkMs = spec.kind === 'callback'
    ? clamp(rng.lognormal(70 * S, 0.4), 30 * S, 4 * MIN)
    : spec.kind === 'private'
      ? rng.uniform(1.15, 3) * rules['private-call'].maxSeconds * S
      : clamp(rng.lognormal(150 * S, 0.5), 50 * S, 10 * MIN);

  let t = spec.connectedAt + rng.uniform(0.6, 1.8) * S;
  if (spec.kind === 'private') {
    t = spec.connectedAt + talkMs;
  } else {
    const lines = sanitize(script(spec, rules, rng), spec, rules);
    // Gaps follow line length (a long explanation takes longer), scaled to the talk time.
    const weights = lines.map((l) => (l === 'hold' ? 0 : 1.5 + l[1].length / 8));
    const total = weights.reduce((a, b) => a + b, 0);
    lines.forEach((line, i) => {
      if (line === 'hold') {
        const consent = spec.hold !== 'no-consent';
        const holdMs = spec.hold === 'long'
          ? rng.uniform(1.15, 2.5) * maxHoldMs
          : rng.uniform(0.15, 0.8) * maxHoldMs;
        add(t, { type: 'call.hold', callId, agentId, consent, ...(consent ? { reason: spec.topic.holdReason } : {}) });
        t += holdMs;
        add(t, { type: 'call.unhold', callId, agentId });
        t += rng.uniform(0.8, 2) * S;
        return;
      }
      const [speaker, text] = line;
      add(t, {
        type: 'transcript.utterance', callId, speaker, text: fill(text, slots), ...(speaker === 'agent' ? { agentId } : {}),
      });
      t += (talkMs * weights[i]) / total * rng.uniform(0.8, 1.2);
    });
  }

  // The release. A survey transfer hands the caller to the evaluation IVR, which ends the
  // call (or the caller hangs up during it); the agent's leg, and after-call work, start
  // at the transfer, as the engine counts it.
  let legEndAt: number;
  let endedAt: number;
  const surveyMs = Math.min(rng.uniform(8, 40) * S, maxAcwMs * 0.3);
  switch (spec.ending) {
    case 'survey':
      legEndAt = t + rng.uniform(0.5, 2) * S;
      add(legEndAt, { type: 'call.transferred', callId, agentId, target: 'survey' });
      endedAt = legEndAt + surveyMs;
      add(endedAt, { type: 'call.ended', callId, releasedBy: rng.chance(0.65) ? 'system' : 'customer' });
      break;
    case 'no-survey':
      // The agent closes the call from the desktop without transferring; the switch reports that as a system release.
      legEndAt = endedAt = t + rng.uniform(0.5, 2) * S;
      add(endedAt, { type: 'call.ended', callId, releasedBy: 'system' });
      break;
    case 'agent-hangup':
    case 'harassment':
      legEndAt = endedAt = t + rng.uniform(0.3, 1.5) * S;
      add(endedAt, { type: 'call.ended', callId, releasedBy: 'agent', ...(spec.ending === 'harassment' ? { reason: 'harassment' as const } : {}) });
      break;
    case 'customer':
      legEndAt = endedAt = t + rng.uniform(0.5, 3) * S;
      add(endedAt, { type: 'call.ended', callId, releasedBy: 'customer' });
      break;
  }

  // After-call work counts from the leg's end; the record is written once the call is over.
  const acwMs = spec.wrapup === 'long'
    ? rng.uniform(1.1, 2.5) * maxAcwMs
    : clamp(rng.lognormal(25 * S, 0.6), 5 * S, 0.85 * maxAcwMs);
  const doneAt = Math.round(Math.max(legEndAt + acwMs, endedAt + rng.uniform(1, 3) * S));
  if (spec.urgent || spec.ending === 'harassment') {
    const summary = spec.ending === 'harassment' ? HARASSMENT_REPORT : fill(spec.topic.urgent ?? '客户反映紧急情况，需上报', slots);
    add(legEndAt + (doneAt - legEndAt) * rng.uniform(0.2, 0.6), { type: 'urgent.reported', agentId, callId, summary });
  }
  const callbackDue = spec.promiseCallback ? doneAt + Math.round(rng.uniform(25, 40) * MIN) : undefined;
  const notes = spec.kind === 'private'
    ? '其他事务'
    : spec.kind === 'callback'
      ? `回电告知客户${slots.callback}的处理结果，客户已知悉`
      : `${spec.topic.notes}${callbackDue !== undefined ? `；${slots.callback}待后台核实，已承诺回电` : ''}`;
  add(doneAt, {
    type: 'wrapup.completed',
    callId,
    agentId,
    ...(spec.wrapup === 'no-call-type' ? {} : { callType: spec.kind === 'private' ? '其他' : spec.kind === 'callback' ? '客户回电' : spec.topic.callType }),
    ...(spec.wrapup === 'no-notes' ? {} : { notes }),
    ...(callbackDue !== undefined ? { callbackDue } : {}),
  });

  // Stable sort: same-millisecond events keep their spoken order.
  events.sort((a, b) => a.at - b.at);
  return { events, legEndAt: Math.round(legEndAt), endedAt: Math.round(endedAt), doneAt, callbackDue };
}
