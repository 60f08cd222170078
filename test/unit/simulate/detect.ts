/**
 * Independent checks over a simulated event stream, written from the policy and the
 * contract (not from the simulator's code): which rule breaches the stream shows, and
 * whether call lifecycles are consistent. The simulator's own `onBreach` report is then
 * compared against what the stream really contains.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { RuleId } from '../../../shared/rules.js';
import type { RulesConfig } from '../../../shared/rules-config.js';

type Ev = FloorEventInput & { ts: number };
type Rules = RulesConfig['rules'];

interface CallView {
  direction?: 'inbound' | 'outbound';
  numberClass?: string;
  offeredAt?: number;
  ringingAgent?: string;
  ringingAt?: number;
  answeredAt?: number;
  agentId?: string;
  legEndAt?: number;
  endedAt?: number;
  releasedBy?: string;
  reason?: string;
  survey: boolean;
  firstAgentLine?: string;
  holdAt?: number;
  wrapupAt?: number;
  callbackDue?: number;
  callbackAt?: number;
}

export function detectBreaches(events: readonly Ev[], rules: Rules): Record<RuleId, number> {
  const found: Record<string, number> = {};
  const hit = (rule: RuleId): void => {
    found[rule] = (found[rule] ?? 0) + 1;
  };
  const calls = new Map<string, CallView>();
  const call = (id: string): CallView => {
    let c = calls.get(id);
    if (!c) calls.set(id, (c = { survey: false }));
    return c;
  };
  const stations = new Map<string, Set<string>>();
  const notReady = new Map<string, { at: number; reason?: string }>();
  const rests: Array<{ from: number; to: number }> = [];
  const maxSeconds = rules['away-without-reason'].maxSeconds as Record<string, number | undefined>;

  const endStretch = (agentId: string, at: number): void => {
    const open = notReady.get(agentId);
    if (!open) return;
    notReady.delete(agentId);
    const ms = at - open.at;
    const limit = open.reason === undefined ? rules['away-without-reason'].noReasonSeconds : maxSeconds[open.reason];
    if (limit !== undefined && ms > limit * 1000) hit('away-without-reason');
    if (open.reason === 'rest') rests.push({ from: open.at, to: at });
  };

  for (const e of events) {
    switch (e.type) {
      case 'agent.login': {
        const set = stations.get(e.agentId) ?? new Set<string>();
        if ([...set].some((s) => s !== e.stationId)) hit('one-agent-one-login');
        set.add(e.stationId);
        stations.set(e.agentId, set);
        break;
      }
      case 'agent.logout':
        stations.get(e.agentId)?.delete(e.stationId);
        if ((stations.get(e.agentId)?.size ?? 0) === 0) endStretch(e.agentId, e.ts);
        break;
      case 'agent.state':
        endStretch(e.agentId, e.ts);
        if (e.state === 'not_ready') notReady.set(e.agentId, { at: e.ts, reason: e.reason });
        break;
      case 'call.offered': {
        const c = call(e.callId);
        c.direction = e.direction;
        c.numberClass = e.numberClass;
        c.offeredAt = e.ts;
        break;
      }
      case 'call.ringing':
        Object.assign(call(e.callId), { ringingAgent: e.agentId, ringingAt: e.ts });
        break;
      case 'call.answered': {
        const c = call(e.callId);
        c.answeredAt = e.ts;
        c.agentId = e.agentId;
        if (c.direction === 'inbound' && c.ringingAt !== undefined && e.ts - c.ringingAt > rules['answer-3-rings'].ringSeconds * 1000) {
          hit('answer-3-rings');
        }
        if (c.numberClass === 'private') hit('private-call');
        break;
      }
      case 'transcript.utterance': {
        const c = call(e.callId);
        if (e.speaker !== 'agent') break;
        if (rules['forbidden-phrases'].phrases.some((p) => e.text.includes(p))) hit('forbidden-phrases');
        if (c.firstAgentLine === undefined) {
          c.firstAgentLine = e.text;
          const fragments = rules.greeting[c.direction ?? 'inbound'].map((f) => f.replaceAll('{agent}', c.agentId ?? '?'));
          if (!fragments.every((f) => e.text.includes(f))) hit('greeting');
        }
        break;
      }
      case 'call.hold':
        if (!e.consent) hit('hold-consent');
        call(e.callId).holdAt = e.ts;
        break;
      case 'call.unhold': {
        const c = call(e.callId);
        if (c.holdAt !== undefined && e.ts - c.holdAt > rules['hold-consent'].maxHoldSeconds * 1000) hit('hold-consent');
        c.holdAt = undefined;
        break;
      }
      case 'call.transferred': {
        const c = call(e.callId);
        if (e.target === 'survey') c.survey = true;
        c.legEndAt = e.ts;
        break;
      }
      case 'call.ended': {
        const c = call(e.callId);
        c.endedAt = e.ts;
        c.legEndAt ??= e.ts;
        c.releasedBy = e.releasedBy;
        c.reason = e.reason;
        if (c.answeredAt === undefined) break;
        if (e.releasedBy === 'agent' && !c.survey) hit('no-hangup-first');
        // docs/rules.md: released by the system without the survey (agent hang-ups are no-hangup-first's).
        if (c.direction === 'inbound' && !c.survey && e.releasedBy === 'system' && e.reason !== 'harassment') hit('survey-transfer');
        break;
      }
      case 'wrapup.completed': {
        const c = call(e.callId);
        c.wrapupAt = e.ts;
        const missing = !e.callType || (rules['wrap-up-record'].requireNotes && !e.notes);
        const long = c.legEndAt !== undefined && e.ts - c.legEndAt > rules['wrap-up-record'].maxAfterCallSeconds * 1000;
        if (missing || long) hit('wrap-up-record');
        if (typeof e.callbackDue === 'number') c.callbackDue = e.callbackDue;
        break;
      }
      case 'callback.completed':
        call(e.callId).callbackAt = e.ts;
        break;
      case 'urgent.reported':
        hit('urgent-escalation');
        break;
      default:
    }
  }
  for (const c of calls.values()) {
    if (c.callbackDue !== undefined && (c.callbackAt === undefined || c.callbackAt > c.callbackDue)) hit('callback-promise');
  }
  // A rest off-hook during which some call waited (offered, not yet answered) past the limit: one per rest.
  const waitMs = rules['rest-off-hook'].waitSeconds * 1000;
  const longWaits = [...calls.values()].flatMap((c) => {
    if (c.direction !== 'inbound' || c.offeredAt === undefined) return [];
    const from = c.offeredAt + waitMs;
    const to = c.answeredAt ?? c.endedAt ?? Infinity;
    return to > from ? [{ from, to }] : [];
  });
  for (const r of rests) if (longWaits.some((w) => r.from < w.to && r.to > w.from)) hit('rest-off-hook');
  return found as Record<RuleId, number>;
}

/** Lifecycle problems in the stream (empty when consistent). */
export function lifecycleProblems(events: readonly Ev[]): string[] {
  const problems: string[] = [];
  const offered = new Map<string, Ev & { type: 'call.offered' }>();
  const ringingAt = new Map<string, string>();
  const answeredBy = new Map<string, string>();
  const ended = new Map<string, number>();
  const wrapped = new Set<string>();
  /** agent -> the call occupying them (from ring or dial until wrap-up, or the end of an unanswered call). */
  const busy = new Map<string, string>();
  const occupy = (agentId: string, callId: string, ts: number): void => {
    const other = busy.get(agentId);
    if (other !== undefined && other !== callId) problems.push(`${ts}: agent ${agentId} on ${callId} while on ${other}`);
    busy.set(agentId, callId);
  };
  for (const e of events) {
    switch (e.type) {
      case 'call.offered':
        if (offered.has(e.callId)) problems.push(`${e.callId} offered twice`);
        offered.set(e.callId, e);
        if (e.direction === 'outbound') occupy(String(e.agentId), e.callId, e.ts);
        break;
      case 'call.ringing':
        if (!offered.has(e.callId)) problems.push(`${e.callId} rang before it was offered`);
        ringingAt.set(e.callId, e.agentId);
        occupy(e.agentId, e.callId, e.ts);
        break;
      case 'call.answered': {
        const o = offered.get(e.callId);
        if (!o) problems.push(`${e.callId} answered but never offered`);
        else if (o.direction === 'inbound' && ringingAt.get(e.callId) !== e.agentId) problems.push(`${e.callId} answered by ${e.agentId} without ringing there`);
        if (answeredBy.has(e.callId)) problems.push(`${e.callId} answered twice`);
        answeredBy.set(e.callId, e.agentId);
        occupy(e.agentId, e.callId, e.ts);
        break;
      }
      case 'transcript.utterance':
      case 'call.hold':
      case 'call.unhold':
      case 'call.transferred':
        if (!answeredBy.has(e.callId) || ended.has(e.callId)) problems.push(`${e.type} on ${e.callId} outside its connected time`);
        break;
      case 'call.ended':
        if (!offered.has(e.callId)) problems.push(`${e.callId} ended but never offered`);
        if (ended.has(e.callId)) problems.push(`${e.callId} ended twice`);
        ended.set(e.callId, e.ts);
        if (!answeredBy.has(e.callId)) {
          const agent = ringingAt.get(e.callId);
          if (agent !== undefined) problems.push(`${e.callId} ended while ringing at ${agent}`);
        }
        break;
      case 'wrapup.completed':
        if (!ended.has(e.callId)) problems.push(`${e.callId} wrapped up before it ended`);
        if (answeredBy.get(e.callId) !== e.agentId) problems.push(`${e.callId} wrapped up by ${e.agentId}, not the agent who answered`);
        if (wrapped.has(e.callId)) problems.push(`${e.callId} wrapped up twice`);
        wrapped.add(e.callId);
        if (busy.get(e.agentId) === e.callId) busy.delete(e.agentId);
        break;
      default:
    }
  }
  for (const callId of offered.keys()) if (!ended.has(callId)) problems.push(`${callId} never ended`);
  for (const callId of answeredBy.keys()) if (!wrapped.has(callId)) problems.push(`${callId} never wrapped up`);
  return problems;
}
