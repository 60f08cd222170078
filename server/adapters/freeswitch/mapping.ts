/**
 * FreeSWITCH events (mod_callcenter `callcenter::info`, CHANNEL_HOLD / CHANNEL_UNHOLD) -> v1
 * contract events. Pure translation with a small memory (which uuids belong to which queued
 * call, each agent's last status): no rule logic, no timers, no I/O. `map` never throws: an
 * unknown event is `ignored`, one missing what its translation needs is `failed`.
 *
 * A call is known by the caller's channel uuid (`CC-Member-Session-UUID`), which is the callId.
 * See docs/adapters/freeswitch.md for the mapping table and its judgement calls.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { MapResult } from '../asterisk-ami/map-context.js';
import { fsHeader, type FsEvent } from './parser.js';

export type { MapResult, MapOutcome } from '../asterisk-ami/map-context.js';

export interface FsMappingOptions {
  /** Host name used in event ids and `source` (e.g. `fs1`). */
  host: string;
  /**
   * FreeSWITCH cannot know whether the agent asked before putting the caller on hold, so every
   * hold carries this value. Default true (as the AMI adapter): set false where every hold
   * should be reviewed.
   */
  holdConsent?: boolean;
  /** `CC-Agent` (as sent, or without `@domain`) -> agent id, where the floor's ids differ. */
  agentIds?: Record<string, string>;
}

export interface FsCall {
  callId: string;
  queue: string;
  answered: boolean;
  ended: boolean;
  held: boolean;
  agentId?: string;
  /** The agent leg's uuid (bridge-agent-start `CC-Agent-UUID`). */
  agentUuid?: string;
  keys: Set<string>;
}

type ReleasedBy = 'customer' | 'agent' | 'system';

/** Q.850 / FreeSWITCH causes that mean the switch, not a person, ended the call. */
const SYSTEM_CAUSES = new Set([
  'SYSTEM_SHUTDOWN', 'MANAGER_REQUEST', 'ALLOTTED_TIMEOUT', 'MEDIA_TIMEOUT', 'RECOVERY_ON_TIMER_EXPIRE',
  'NORMAL_TEMPORARY_FAILURE', 'DESTINATION_OUT_OF_ORDER', 'NETWORK_OUT_OF_ORDER', 'SWITCH_CONGESTION',
  'CRASH', 'LOSE_RACE', 'PROGRESS_TIMEOUT', 'GATEWAY_DOWN',
]);
/** Cancel reasons where the queue gave up on the caller, not the caller on the queue. */
const SYSTEM_CANCELS = new Set(['TIMEOUT', 'NO_AGENT_TIMEOUT']);
const WITHHELD = new Set(['anonymous', 'unknown', 'private', 'restricted', 'unavailable', '0000000000']);
const MAX_CALLS = 20_000;

interface Ctx {
  ts: number;
  get(key: string): string | undefined;
  emit(subject: string, kind: string, body: Record<string, unknown>): FloorEventInput;
}

const ignore = (reason: string): MapResult => ({ outcome: 'ignored', events: [], reason });
const fail = (reason: string): MapResult => ({ outcome: 'failed', events: [], reason });
const produced = (events: FloorEventInput[], reason = 'nothing to send'): MapResult =>
  (events.length > 0 ? { outcome: 'mapped', events } : ignore(reason));

/** `Event-Date-Timestamp: 1764291605100200` (microseconds) -> epoch ms, else undefined. */
export function fsTimestamp(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,19}$/.test(value.trim())) return undefined;
  const ms = Math.floor(Number(value.trim()) / 1000);
  return Number.isSafeInteger(ms) && ms > 0 ? ms : undefined;
}

export class FsMapper {
  readonly host: string;
  readonly holdConsent: boolean;
  private readonly agentIds: Map<string, string>;
  private readonly calls = new Map<string, FsCall>();
  private readonly byKey = new Map<string, FsCall>();
  /** agent id -> last `CC-Agent-Status` acted on, lower-cased (`available` for both Available kinds). */
  private readonly status = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  private coreUuid: string | undefined;

  constructor(options: FsMappingOptions) {
    this.host = options.host;
    this.holdConsent = options.holdConsent ?? true;
    this.agentIds = new Map(Object.entries(options.agentIds ?? {}));
  }

  /** Translates one event received at `receivedAt` (epoch ms). Never throws. */
  map(event: FsEvent, receivedAt: number): MapResult {
    try {
      const ctx = this.context(event, receivedAt);
      // Every event names the switch instance; a new one means FreeSWITCH restarted and the
      // calls it carried are gone without their end events.
      const restarted = this.checkCore(ctx);
      const result = this.dispatch(ctx, event);
      if (restarted.length === 0) return result;
      return { outcome: 'mapped', events: [...restarted, ...result.events] };
    } catch (err) {
      // A bug must cost one event, never the connection.
      return fail(`mapping error: ${(err as Error).message}`);
    }
  }

  /** FreeSWITCH went away for good (or restarted): ends every open call, released by the system. */
  endAllCalls(at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    for (const call of this.calls.values()) {
      if (!call.ended) {
        out.push({
          id: this.makeId(call.callId, 'restart', String(at), false),
          type: 'call.ended', ts: at, source: this.source(), callId: call.callId, releasedBy: 'system',
        });
      }
    }
    this.calls.clear();
    this.byKey.clear();
    return out;
  }

  /** Calls being tracked (for tests and diagnostics). */
  openCalls(): FsCall[] {
    return [...this.calls.values()];
  }

  private source(): string {
    return `freeswitch-esl:${this.host}`;
  }

  private context(event: FsEvent, receivedAt: number): Ctx {
    const raw = fsHeader(event, 'Event-Date-Timestamp');
    const stamped = fsTimestamp(raw);
    const ts = stamped ?? receivedAt;
    const stamp = stamped === undefined ? String(receivedAt) : raw!;
    const source = this.source();
    return {
      ts,
      get: (key) => fsHeader(event, key),
      emit: (subject, kind, body) => ({
        id: this.makeId(subject, kind, stamp, stamped !== undefined), ts, source, ...body,
      }) as FloorEventInput,
    };
  }

  /**
   * `fs-<host>-<uuid or agent>-<kind>-<Event-Date-Timestamp µs>`: the same event always gives
   * the same id, so a resend or a replayed recording is idempotent. Without a timestamp the
   * receipt time is used and a counter separates events that would share an id.
   */
  private makeId(subject: string, kind: string, stamp: string, exact: boolean): string {
    const base = `fs-${this.host}-${subject}-${kind}-${stamp}`.slice(0, 190);
    if (exact) return base;
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    if (this.seen.size > 50_000) this.seen.clear();
    return n === 0 ? base : `${base}.${n}`;
  }

  private checkCore(ctx: Ctx): FloorEventInput[] {
    const core = ctx.get('Core-UUID');
    if (core === undefined) return [];
    const previous = this.coreUuid;
    this.coreUuid = core;
    return previous !== undefined && previous !== core ? this.endAllCalls(ctx.ts) : [];
  }

  private dispatch(ctx: Ctx, event: FsEvent): MapResult {
    const name = fsHeader(event, 'Event-Name');
    if (name === undefined) return fail('no Event-Name');
    if (name === 'CHANNEL_HOLD') return this.hold(ctx, true);
    if (name === 'CHANNEL_UNHOLD') return this.hold(ctx, false);
    if (name !== 'CUSTOM' || ctx.get('Event-Subclass') !== 'callcenter::info') return ignore(`no mapping for ${name}`);
    const action = ctx.get('CC-Action');
    switch (action) {
      case 'member-queue-start': return this.offered(ctx);
      case 'member-queue-end': return this.leftQueue(ctx);
      case 'agent-offering': return this.ringing(ctx);
      case 'bridge-agent-start': return this.answered(ctx);
      case 'bridge-agent-end': return this.bridgeEnd(ctx);
      case 'bridge-agent-fail': return ignore('the agent did not answer: the next agent-offering carries the ringing on');
      case 'agent-status-change': return this.agentStatus(ctx);
      case 'agent-state-change': return ignore('agent state: ringing and talking come from the call events');
      case undefined: return fail('callcenter::info without CC-Action');
      default: return ignore(`no mapping for CC-Action ${action}`);
    }
  }

  private agentIdOf(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    const bare = raw.includes('@') ? raw.slice(0, raw.indexOf('@')) : raw;
    return this.agentIds.get(raw) ?? this.agentIds.get(bare) ?? (bare === '' ? undefined : bare);
  }

  private link(call: FsCall, key: string | undefined): void {
    if (key === undefined) return;
    call.keys.add(key);
    this.byKey.set(key, call);
  }

  private find(ctx: Ctx, ...keys: string[]): FsCall | undefined {
    for (const k of keys) {
      const v = ctx.get(k);
      const call = v === undefined ? undefined : this.byKey.get(v);
      if (call) return call;
    }
    return undefined;
  }

  private forget(call: FsCall): void {
    for (const k of call.keys) if (this.byKey.get(k) === call) this.byKey.delete(k);
    this.calls.delete(call.callId);
  }

  private end(ctx: Ctx, call: FsCall, releasedBy: ReleasedBy, extra: Record<string, unknown> = {}): FloorEventInput[] {
    if (call.ended) return [];
    call.ended = true;
    return [ctx.emit(call.callId, 'ended', { type: 'call.ended', callId: call.callId, releasedBy, ...extra })];
  }

  /**
   * Who ended a conversation. A cause that means the switch did it -> system. Otherwise the
   * SIP hangup disposition of the channel the event describes (present when the channel has
   * `verbose_events`): `recv_*` means that channel's party hung up, `send_*` that FreeSWITCH
   * hung it up because the other side did. Nothing to go on -> customer.
   */
  private releasedBy(ctx: Ctx, call: FsCall): { by: ReleasedBy; cause?: string } {
    const cause = ctx.get('CC-Hangup-Cause') ?? ctx.get('variable_hangup_cause') ?? ctx.get('Hangup-Cause');
    const withCause = (by: ReleasedBy) => ({ by, ...(cause !== undefined && { cause }) });
    if (cause !== undefined && SYSTEM_CAUSES.has(cause.toUpperCase())) return withCause('system');
    const disposition = ctx.get('variable_sip_hangup_disposition')?.toLowerCase();
    const uid = ctx.get('Unique-ID');
    const party: ReleasedBy | undefined = uid === undefined ? undefined
      : uid === call.agentUuid ? 'agent' : call.keys.has(uid) ? 'customer' : undefined;
    if (disposition !== undefined && party !== undefined) {
      const other: ReleasedBy = party === 'agent' ? 'customer' : 'agent';
      if (disposition.startsWith('recv_')) return withCause(party);
      if (disposition.startsWith('send_')) return withCause(other);
    }
    return withCause('customer');
  }

  private offered(ctx: Ctx): MapResult {
    const uuid = ctx.get('CC-Member-Session-UUID') ?? ctx.get('CC-Member-UUID');
    const queue = ctx.get('CC-Queue');
    if (uuid === undefined || queue === undefined) return fail('member-queue-start: no CC-Member-Session-UUID or CC-Queue');
    let call = this.byKey.get(uuid);
    if (!call) {
      call = { callId: uuid, queue, answered: false, ended: false, held: false, keys: new Set() };
      this.calls.set(uuid, call);
      if (this.calls.size > MAX_CALLS) {
        const oldest = this.calls.values().next().value;
        if (oldest) this.forget(oldest);
      }
    }
    call.queue = queue;
    this.link(call, uuid);
    this.link(call, ctx.get('CC-Member-UUID'));
    const from = ctx.get('CC-Member-CID-Number');
    const withheld = from === undefined || WITHHELD.has(from.toLowerCase());
    return produced([ctx.emit(call.callId, `offered-${queue}`, {
      type: 'call.offered', callId: call.callId, queue, direction: 'inbound',
      ...(!withheld && { from }),
      numberClass: withheld ? 'private' : 'customer',
    })]);
  }

  private leftQueue(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) return ignore('not a call seen joining a queue');
    this.forget(call);
    const cause = ctx.get('CC-Cause');
    if (cause === 'Cancel') {
      const reason = ctx.get('CC-Cancel-Reason');
      const by: ReleasedBy = reason !== undefined && SYSTEM_CANCELS.has(reason.toUpperCase()) ? 'system' : 'customer';
      return produced(this.end(ctx, call, by, reason !== undefined ? { cancelReason: reason } : {}), 'already ended');
    }
    if (cause === 'Terminated') {
      const { by, cause: hangupCause } = call.answered ? this.releasedBy(ctx, call) : { by: 'customer' as const, cause: undefined };
      return produced(this.end(ctx, call, by, hangupCause !== undefined ? { hangupCause } : {}), 'already ended');
    }
    return produced(this.end(ctx, call, 'customer'), 'already ended');
  }

  private ringing(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) return ignore('not a call seen joining a queue');
    const agentId = this.agentIdOf(ctx.get('CC-Agent'));
    if (agentId === undefined) return fail('agent-offering: no CC-Agent');
    if (call.answered || call.ended) return ignore('call already answered');
    return produced([ctx.emit(call.callId, `ringing-${agentId}`, { type: 'call.ringing', callId: call.callId, agentId })]);
  }

  private answered(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) return ignore('not a call seen joining a queue');
    const agentId = this.agentIdOf(ctx.get('CC-Agent'));
    if (agentId === undefined) return fail('bridge-agent-start: no CC-Agent');
    const agentUuid = ctx.get('CC-Agent-UUID') ?? ctx.get('Unique-ID');
    if (agentUuid !== undefined && !call.keys.has(agentUuid)) {
      call.agentUuid = agentUuid;
      this.link(call, agentUuid);
    }
    if (call.ended || (call.answered && call.agentId === agentId)) return ignore('already answered');
    call.answered = true;
    call.agentId = agentId;
    return produced([ctx.emit(call.callId, `answered-${agentId}`, { type: 'call.answered', callId: call.callId, agentId })]);
  }

  private bridgeEnd(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) return ignore('not a call seen joining a queue');
    if (!call.answered) return ignore('bridge end of a call never answered');
    const { by, cause } = this.releasedBy(ctx, call);
    return produced(this.end(ctx, call, by, cause !== undefined ? { hangupCause: cause } : {}), 'already ended');
  }

  private agentStatus(ctx: Ctx): MapResult {
    const raw = ctx.get('CC-Agent');
    const agentId = this.agentIdOf(raw);
    const status = ctx.get('CC-Agent-Status');
    if (raw === undefined || agentId === undefined || status === undefined) return fail('agent-status-change: no CC-Agent or CC-Agent-Status');
    const key = status.toLowerCase() === 'available (on demand)' ? 'available' : status.toLowerCase();
    const previous = this.status.get(agentId);
    if (previous === key) return ignore('same status already sent');
    const stationId = raw;
    if (key === 'logged out') {
      this.status.set(agentId, key);
      return produced([ctx.emit(agentId, 'logout', { type: 'agent.logout', agentId, stationId })]);
    }
    let state: Record<string, unknown>;
    if (key === 'available') state = { type: 'agent.state', agentId, state: 'available' };
    else if (key === 'on break') state = { type: 'agent.state', agentId, state: 'not_ready', reason: 'break' };
    else return ignore(`no mapping for agent status ${status}`);
    this.status.set(agentId, key);
    const out: FloorEventInput[] = [];
    // Coming back from Logged Out is a login; a first status seen mid-shift is only a state.
    if (previous === 'logged out') out.push(ctx.emit(agentId, 'login', { type: 'agent.login', agentId, stationId }));
    out.push(ctx.emit(agentId, 'state', state));
    return produced(out);
  }

  private hold(ctx: Ctx, on: boolean): MapResult {
    const call = this.find(ctx, 'Unique-ID', 'Other-Leg-Unique-ID', 'variable_cc_member_session_uuid', 'variable_bridge_partner_uuid');
    // Only a conversation with an agent counts; a caller still waiting is not "on hold".
    if (!call || !call.answered || call.ended || call.agentId === undefined) return ignore('not a conversation with an agent');
    if (call.held === on) return ignore(on ? 'already on hold' : 'not on hold');
    call.held = on;
    const agentId = call.agentId;
    return produced([ctx.emit(call.callId, on ? 'hold' : 'unhold', on
      ? { type: 'call.hold', callId: call.callId, agentId, consent: this.holdConsent }
      : { type: 'call.unhold', callId: call.callId, agentId })]);
  }
}
