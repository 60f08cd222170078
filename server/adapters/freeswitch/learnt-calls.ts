/**
 * Calls the event socket never showed the adapter: callers already waiting, being offered or
 * talking when it connected (the first time, or after a gap), read from mod_callcenter's
 * members table (`callcenter_config queue list members <queue>`). Pure: a row in, what the
 * floor should be told about it out.
 */
import type { MemberRow } from './api-replies.js';

/** What a member row says happened to its call, with FreeSWITCH's own times where it has them. */
export interface LearntCall {
  callId: string;
  queue: string;
  /** When the caller joined the queue (or rejoined it, resumed), epoch ms. */
  offeredAt: number;
  /** `Trying`: the queue is ringing this agent now (since when, the table does not say). */
  ringing?: string;
  /** `Answered`: the agent talking with the caller, and since when (epoch ms). */
  answered?: { agentId: string; at: number };
}

/** Member states of a call still in the queue's hands; `Abandoned` rows are the queue's memory of a caller gone. */
const LIVE_STATES = new Set(['waiting', 'trying', 'answered']);

/**
 * The call a member row describes, or why it teaches nothing. `at` is when the answer came
 * (epoch ms): a time the table gives that lies after it (the two clocks differ) is taken as
 * `at`, so nothing is dated in the future.
 */
export function learntCall(
  row: MemberRow, at: number, agentIdOf: (name: string) => string | undefined,
): LearntCall | string {
  const state = row.state.trim().toLowerCase();
  if (!LIVE_STATES.has(state)) return `member state ${row.state || '(none)'}`;
  if (row.sessionUuid === '') return 'no caller channel (session_uuid)';
  if (row.queue === '') return 'no queue';
  const ms = (epoch: number): number | undefined => (epoch > 0 ? Math.min(epoch * 1000, at) : undefined);
  const offeredAt = ms(row.rejoinedEpoch) ?? ms(row.joinedEpoch) ?? at;
  const call: LearntCall = { callId: row.sessionUuid, queue: row.queue, offeredAt };
  if (state === 'waiting') return call;
  const agentId = row.servingAgent === '' ? undefined : agentIdOf(row.servingAgent);
  if (agentId === undefined) return `member state ${row.state} without serving_agent`;
  if (state === 'trying') return { ...call, ringing: agentId };
  return { ...call, answered: { agentId, at: Math.max(ms(row.bridgeEpoch) ?? at, offeredAt) } };
}

/**
 * Callers whose `member-queue-end` came for a call the adapter did not know. The members
 * table is read a moment before its answer arrives, so a caller who left in between is
 * still listed: it must not be learnt as waiting, for no end would ever come for it.
 * Bounded: only the last moments matter.
 */
export class LeftUnseen {
  private readonly keys = new Set<string>();

  add(...keys: Array<string | undefined>): void {
    if (this.keys.size > 10_000) this.keys.clear();
    for (const k of keys) if (k !== undefined && k !== '') this.keys.add(k);
  }

  has(row: MemberRow): boolean {
    return this.keys.has(row.sessionUuid) || this.keys.has(row.uuid);
  }
}

/** A `bridge-agent-start` seen for a call the adapter did not follow. */
export interface UnseenBridge {
  agentId: string;
  agentUuid?: string;
  /** When it was bridged (the event's time), epoch ms. */
  at: number;
}

/**
 * Callers bridged to an agent (`bridge-agent-start`) while the adapter did not follow them.
 * The members table is read a moment before its answer arrives, so a caller answered in
 * between is still listed as waiting or ringing: learnt as the table had it, its end would
 * read as an abandon. Cleared when the question goes out (an older bridge is in the table
 * already); bounded, as LeftUnseen.
 */
export class BridgedUnseen {
  private readonly bridges = new Map<string, UnseenBridge>();

  add(bridge: UnseenBridge, ...keys: Array<string | undefined>): void {
    if (this.bridges.size > 10_000) this.bridges.clear();
    for (const k of keys) if (k !== undefined && k !== '') this.bridges.set(k, bridge);
  }

  clear(): void {
    this.bridges.clear();
  }

  get(row: MemberRow): UnseenBridge | undefined {
    return this.bridges.get(row.sessionUuid) ?? this.bridges.get(row.uuid);
  }
}

/** The call as the table had it, answered by `bridge` when the table still had it waiting or ringing. */
export function withUnseenBridge(call: LearntCall, bridge: UnseenBridge | undefined): LearntCall {
  if (bridge === undefined || call.answered !== undefined) return call;
  return { callId: call.callId, queue: call.queue, offeredAt: call.offeredAt, answered: { agentId: bridge.agentId, at: Math.max(bridge.at, call.offeredAt) } };
}
