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
import { resolveMappingOptions, transferTargetOf, type ResolvedMappingOptions } from '../asterisk-ami/config.js';
import type { MapResult } from '../asterisk-ami/map-context.js';
import type { AgentRow, MemberRow } from './api-replies.js';
import { callerLegs, offerBody, type FsCall, type FsMappingOptions } from './fs-call.js';
import { BridgedUnseen, learntCall, LeftUnseen, withUnseenBridge } from './learnt-calls.js';
import { AgentStatuses } from './agent-status.js';
import { agentTransferOf, channelGone, hangupCauseOf, isSystemCause } from './channel-data.js';
import { fail, fsTimestamp, ignore, produced, type Ctx } from './map-context.js';
import { fsHeader, type FsEvent } from './parser.js';

export type { MapResult, MapOutcome } from '../asterisk-ami/map-context.js';
export type { FsCall, FsMappingOptions } from './fs-call.js';
export { fsTimestamp } from './map-context.js';

type ReleasedBy = 'customer' | 'agent' | 'system';

/** Cancel reasons where the queue gave up on the caller, not the caller on the queue. */
const SYSTEM_CANCELS = new Set(['TIMEOUT', 'NO_AGENT_TIMEOUT']);
const MAX_CALLS = 20_000;

export class FsMapper {
  readonly host: string;
  readonly holdConsent: boolean;
  private readonly agentIds: Map<string, string>;
  private readonly calls = new Map<string, FsCall>();
  private readonly byKey = new Map<string, FsCall>();
  private readonly statuses = new AgentStatuses();
  private readonly seen = new Map<string, number>();
  /** Agent ids and queue names seen, to tell where a transfer went (as the AMI adapter does). */
  private readonly agents = new Set<string>();
  private readonly queues = new Set<string>();
  private readonly targets: ResolvedMappingOptions;
  private coreUuid: string | undefined;
  private readonly leftUnseen = new LeftUnseen();
  private readonly bridgedUnseen = new BridgedUnseen();

  constructor(options: FsMappingOptions) {
    this.host = options.host;
    this.holdConsent = options.holdConsent ?? true;
    this.agentIds = new Map(Object.entries(options.agentIds ?? {}));
    this.targets = resolveMappingOptions({
      host: options.host, ...(options.surveyExtension !== undefined && { surveyExtension: options.surveyExtension }),
    });
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
      if (!call.ended) out.push(this.endedBySystem(call, 'restart', at));
    }
    this.calls.clear();
    this.byKey.clear();
    return out;
  }

  /**
   * After a (re)connect, `show channels` listed the channels alive (`alive`, uuids). Of the
   * calls open when it was asked (`callIds`), those whose caller channel is gone, or whose
   * agent leg is gone once answered (mod_callcenter ends its part of the call with that leg:
   * `bridge-agent-end` then `member-queue-end`), ended while the adapter was not looking:
   * ended now by the system, marked `resync`, and forgotten. Who hung up is not known. Calls
   * opened since the question are left alone (the list predates them).
   */
  endCallsGone(callIds: ReadonlySet<string>, alive: ReadonlySet<string>, at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    for (const call of [...this.calls.values()]) {
      if (!callIds.has(call.callId)) continue;
      const agentGone = call.answered && call.agentUuid !== undefined && !alive.has(call.agentUuid);
      if (alive.has(call.callId) && !agentGone) continue;
      if (!call.ended) out.push(this.endedBySystem(call, 'resync', at));
      call.ended = true;
      this.forget(call);
    }
    return out;
  }

  /** After a (re)connect, `callcenter_config agent list` gave every agent's status now (see AgentStatuses.census). */
  agentCensus(rows: readonly AgentRow[], at: number): FloorEventInput[] {
    const source = this.source();
    const ctx: Ctx = {
      ts: at,
      get: () => undefined,
      emit: (subject, kind, body) => ({
        id: this.makeId(subject, `${kind}-resync`, String(at), false), ts: at, source, ...body,
      }) as FloorEventInput,
    };
    return this.statuses.census(ctx, rows, (name) => this.agentIdOf(name));
  }

  /**
   * After a (re)connect, the members of each queue (`callcenter_config queue list members`):
   * a caller the adapter does not follow (there before it first connected, or come during a
   * gap) is learnt: offered when it joined, then ringing its agent (`Trying`, from now) or
   * answered when bridged (`Answered`), so the queue's figures count it and its later events
   * are read. The offer, ring and answer are marked `resync`: dated in the past by their
   * nature (not a feed's late clock), and an answer whose ringing was not seen is not judged.
   * Ids come from FreeSWITCH's times, so learning a call again after a restart of Floorwatch
   * repeats the same events. A caller whose end came while the question was out
   * is not learnt; one bridged to an agent meanwhile is learnt as answered then.
   */
  learnCalls(rows: readonly MemberRow[], at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    const source = this.source();
    const event = (callId: string, kind: string, ts: number, body: Record<string, unknown>) => ({
      id: this.makeId(callId, `${kind}-learnt`, String(ts), true), ts, source, ...body,
    }) as FloorEventInput;
    for (const row of rows) {
      if (this.byKey.has(row.sessionUuid) || this.byKey.has(row.uuid) || this.leftUnseen.has(row)) continue;
      const listed = learntCall(row, at, (name) => this.agentIdOf(name));
      if (typeof listed === 'string') continue;
      const bridge = this.bridgedUnseen.get(row);
      const learnt = withUnseenBridge(listed, bridge);
      const call = this.track(learnt.callId, learnt.queue, row.uuid);
      if (bridge?.agentUuid !== undefined && learnt.answered?.agentId === bridge.agentId) {
        call.agentUuid = bridge.agentUuid;
        this.link(call, bridge.agentUuid);
      }
      out.push(event(call.callId, `offered-${call.queue}`, learnt.offeredAt, { ...offerBody(call, row.cidNumber), resync: true }));
      if (learnt.ringing !== undefined) {
        out.push(event(call.callId, `ringing-${learnt.ringing}`, at, { type: 'call.ringing', callId: call.callId, agentId: learnt.ringing, resync: true }));
      }
      if (learnt.answered !== undefined) {
        const { agentId, at: answeredAt } = learnt.answered;
        call.answered = true;
        call.agentId = agentId;
        out.push(event(call.callId, `answered-${agentId}`, answeredAt, { type: 'call.answered', callId: call.callId, agentId, resync: true }));
      }
    }
    return out;
  }

  /** The queues' members are being asked for: only bridges seen from now on can be newer than their answer. */
  beginCallCensus(): void {
    this.bridgedUnseen.clear();
  }

  /** Calls being tracked (for tests and diagnostics). */
  openCalls(): FsCall[] {
    return [...this.calls.values()];
  }

  private source(): string {
    return `freeswitch-esl:${this.host}`;
  }

  /**
   * `call.ended` released by the system for a call FreeSWITCH will never end itself: after a
   * restart (marked `pbxRestart`) or found gone at a resync (marked `resync`), as the AMI
   * adapter marks them, so the rules can tell them from a real release.
   */
  private endedBySystem(call: FsCall, why: 'restart' | 'resync', at: number): FloorEventInput {
    return {
      id: this.makeId(call.callId, why, String(at), false),
      type: 'call.ended', ts: at, source: this.source(), callId: call.callId, releasedBy: 'system',
      reason: 'other', ...(why === 'restart' ? { pbxRestart: true } : { resync: true }),
    } as FloorEventInput;
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
      // `resume`: a caller back within abandoned-resume-allowed, keeping its place (and its
      // CC-Member-UUID) but on a new channel: a new call, offered as any other.
      case 'member-queue-start':
      case 'member-queue-resume': return this.offered(ctx);
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
    const id = this.agentIds.get(raw) ?? this.agentIds.get(bare) ?? (bare === '' ? undefined : bare);
    if (id !== undefined && this.agents.size < 10_000) this.agents.add(id);
    return id;
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
   * Who ended a conversation. A cause that means the switch did it -> system. After the
   * agent's transfer only the caller is left: its channel gone -> customer; still up (in the
   * survey, with a colleague) -> system: nobody released it, the queue let go of it.
   * Otherwise the SIP hangup disposition of the channel the event describes (a channel
   * variable: FreeSWITCH adds them to CUSTOM events): `recv_*` means that channel's party hung
   * up, `send_*` that FreeSWITCH hung it up because the other side did. Nothing to go on ->
   * customer.
   */
  private releasedBy(ctx: Ctx, call: FsCall): { by: ReleasedBy; cause?: string } {
    const cause = hangupCauseOf(ctx.get);
    const withCause = (by: ReleasedBy) => ({ by, ...(cause !== undefined && { cause }) });
    if (isSystemCause(cause)) return withCause('system');
    if (call.transferred) return withCause(channelGone(ctx.get) ? 'customer' : 'system');
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
    const call = this.track(uuid, queue, ctx.get('CC-Member-UUID'));
    return produced([ctx.emit(call.callId, `offered-${queue}`, offerBody(call, ctx.get('CC-Member-CID-Number')))]);
  }

  /** The call of caller channel `uuid` (made if new) in `queue`, known by its member uuid too. */
  private track(uuid: string, queue: string, memberUuid: string | undefined): FsCall {
    let call = this.byKey.get(uuid);
    if (!call) {
      call = { callId: uuid, queue, answered: false, ended: false, held: false, transferred: false, keys: new Set() };
      this.calls.set(uuid, call);
      if (this.calls.size > MAX_CALLS) {
        const oldest = this.calls.values().next().value;
        if (oldest) this.forget(oldest);
      }
    }
    call.queue = queue;
    if (this.queues.size < 10_000) this.queues.add(queue);
    this.link(call, uuid);
    this.link(call, memberUuid);
    return call;
  }

  private leftQueue(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) {
      this.leftUnseen.add(ctx.get('CC-Member-Session-UUID'), ctx.get('CC-Member-UUID'));
      return ignore('not a call seen joining a queue');
    }
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
    const agentId = this.agentIdOf(ctx.get('CC-Agent'));
    const agentUuid = ctx.get('CC-Agent-UUID') ?? ctx.get('Unique-ID');
    if (!call) {
      // Remembered for a resync whose members table predates this bridge (learnCalls).
      if (agentId !== undefined) {
        this.bridgedUnseen.add({ agentId, ...(agentUuid !== undefined && { agentUuid }), at: ctx.ts },
          ctx.get('CC-Member-Session-UUID'), ctx.get('CC-Member-UUID'));
      }
      return ignore('not a call seen joining a queue');
    }
    if (agentId === undefined) return fail('bridge-agent-start: no CC-Agent');
    if (agentUuid !== undefined && !call.keys.has(agentUuid)) {
      call.agentUuid = agentUuid;
      this.link(call, agentUuid);
    }
    if (call.ended || (call.answered && call.agentId === agentId)) return ignore('already answered');
    call.answered = true;
    call.agentId = agentId;
    return produced([ctx.emit(call.callId, `answered-${agentId}`, { type: 'call.answered', callId: call.callId, agentId })]);
  }

  /**
   * The agent leg ended: a hang-up, or the agent's phone transferred the caller away (the
   * agent leg ends then too). A transfer is `call.transferred` and leaves the call to
   * `member-queue-end`, which follows at once; a hang-up ends the call here.
   */
  private bridgeEnd(ctx: Ctx): MapResult {
    const call = this.find(ctx, 'CC-Member-Session-UUID', 'CC-Member-UUID');
    if (!call) return ignore('not a call seen joining a queue');
    if (!call.answered) return ignore('bridge end of a call never answered');
    if (call.ended || call.transferred) return ignore('already ended');
    const transfer = agentTransferOf(ctx.get, callerLegs(call));
    if (transfer && call.agentId !== undefined) {
      call.transferred = true;
      call.held = false;
      const ext = transfer.extension;
      const user = ext?.includes('@') ? ext.slice(0, ext.indexOf('@')) : ext;
      const target = transferTargetOf(this.targets, user, { agents: this.agents, queues: this.queues });
      return produced([ctx.emit(call.callId, 'transferred', {
        type: 'call.transferred', callId: call.callId, agentId: call.agentId, target, ...(ext !== undefined && { to: ext }),
      })]);
    }
    const { by, cause } = this.releasedBy(ctx, call);
    return produced(this.end(ctx, call, by, cause !== undefined ? { hangupCause: cause } : {}), 'already ended');
  }

  private agentStatus(ctx: Ctx): MapResult {
    const raw = ctx.get('CC-Agent');
    const agentId = this.agentIdOf(raw);
    const status = ctx.get('CC-Agent-Status');
    if (raw === undefined || agentId === undefined || status === undefined) return fail('agent-status-change: no CC-Agent or CC-Agent-Status');
    if (this.statuses.same(agentId, status)) return ignore('same status already sent');
    if (!this.statuses.mapped(status)) return ignore(`no mapping for agent status ${status}`);
    return produced(this.statuses.events(ctx, agentId, raw, status, false));
  }

  private hold(ctx: Ctx, on: boolean): MapResult {
    const call = this.find(ctx, 'Unique-ID', 'Other-Leg-Unique-ID', 'variable_cc_member_session_uuid', 'variable_bridge_partner_uuid');
    // Only a conversation with an agent counts; a caller still waiting is not "on hold".
    if (!call || !call.answered || call.ended || call.transferred || call.agentId === undefined) return ignore('not a conversation with an agent');
    if (call.held === on) return ignore(on ? 'already on hold' : 'not on hold');
    call.held = on;
    const agentId = call.agentId;
    return produced([ctx.emit(call.callId, on ? 'hold' : 'unhold', on
      ? { type: 'call.hold', callId: call.callId, agentId, consent: this.holdConsent }
      : { type: 'call.unhold', callId: call.callId, agentId })]);
  }
}
