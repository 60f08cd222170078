/**
 * AMI event -> v1 contract events. Pure translation with a small memory (CallIndex, queue
 * memberships): no rule logic, no timers, no I/O. `map` never throws: an unknown event is
 * `ignored`, one missing what its translation needs is `failed`.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { Handler, MapContext, MapResult } from './map-context.js';
import { CallIndex, IdMaker, type CallState } from './call-index.js';
import { amiTimestamp, resolveMappingOptions, type AmiMappingOptions, type ResolvedMappingOptions } from './config.js';
import { callHandlers } from './map-calls.js';
import { memberHandlers } from './map-members.js';
import { conversationsIn, createdAtOf, interfaceOfChannel, memberInterfaceKey, type ListedChannel } from './learnt-calls.js';
import { Memberships } from './memberships.js';
import { header, type AmiMessage } from './parser.js';

export type { MapContext, MapOutcome, MapResult } from './map-context.js';

export class AmiMapper {
  readonly options: ResolvedMappingOptions;
  private readonly calls = new CallIndex();
  private readonly ids: IdMaker;
  private readonly agents = new Set<string>();
  private readonly queues = new Set<string>();
  private readonly memberships = new Memberships();
  private readonly presence = new Map<string, string>();
  private readonly handlers: Map<string, Handler>;

  constructor(options: AmiMappingOptions) {
    this.options = resolveMappingOptions(options);
    this.ids = new IdMaker(this.options.host);
    this.handlers = new Map(Object.entries({ ...callHandlers, ...memberHandlers }).map(([k, v]) => [k.toLowerCase(), v]));
  }

  /** Translates one AMI message received at `receivedAt` (epoch ms). Never throws. */
  map(message: AmiMessage, receivedAt: number): MapResult {
    try {
      const event = header(message, 'Event')?.trim();
      if (event === undefined || event === '') return { outcome: 'ignored', events: [], reason: 'not an event' };
      const handler = this.handlers.get(event.toLowerCase());
      if (!handler) return { outcome: 'ignored', events: [], reason: `no mapping for ${event}` };
      return handler(this.context(message, event, receivedAt));
    } catch (err) {
      // A handler bug must cost one message, never the connection.
      return { outcome: 'failed', events: [], reason: `mapping error: ${(err as Error).message}` };
    }
  }

  /**
   * The PBX restarted: every call it was carrying is gone and no Hangup will ever come.
   * Ends them (released by the system) and forgets them.
   */
  endAllCalls(at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    for (const call of this.calls.all()) {
      if (!call.ended) {
        out.push(this.endedBySystem(call, 'restart', at));
      }
    }
    this.calls.clear();
    return out;
  }

  /**
   * After a (re)connect, CoreShowChannels listed the channels alive (`alive`: Uniqueids and
   * channel names). Of the calls open when it was asked (`callIds`), those whose caller
   * channel is gone ended while the adapter was not looking (hung up during a gap, or cut
   * by a PBX restart): ended now by the system, marked `resync`, and forgotten. So do the
   * conversations whose agent's channel is gone while the caller's lives on (the agent hung
   * up during the gap, the caller went on, to the survey say): the agent is free, and the
   * call stays known so the caller's Hangup, when it comes, closes nothing more. Who hung
   * up is not known. Calls opened since the question are left alone (the list predates
   * them), and so are conversations that began since (their agent's channel may be younger
   * than the list).
   */
  endCallsGone(followed: FollowedCalls, alive: Set<string>, at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    for (const call of this.calls.all()) {
      const asked = followed.get(call.callId);
      if (asked === undefined) continue;
      if (alive.has(call.callerUniqueid) || (call.callerChannel !== undefined && alive.has(call.callerChannel))) {
        if (asked.agentLeg !== undefined && agentLegOf(call) === asked.agentLeg && agentLegGone(call, alive)) {
          call.ended = true;
          out.push(this.endedBySystem(call, 'resync', at));
        }
        continue;
      }
      if (!call.ended) {
        call.ended = true;
        out.push(this.endedBySystem(call, 'resync', at));
      }
      this.calls.forget(call);
    }
    return out;
  }

  /**
   * After a (re)connect, the conversations CoreShowChannels listed (`channels`): a caller
   * talking with a queue member that the adapter does not follow (answered before it first
   * connected, or during a gap) is learnt as answered by that member, and one it followed as
   * still waiting or ringing was answered during the gap: `call.answered` marked `resync`
   * (how long it rang is not known, so the ring rule does not judge it), dated when the
   * member's channel was made, so the agent shows on the call and its holds, transfers and
   * hang-up are read. A learnt call gets no `call.offered`: when it joined its queue is not known, so
   * the queue's figures do not count it (the floor knows it as a call with no queue). The
   * agent is the one the queue member events named for the channel's interface (or the
   * site's `agentIds` for it): a member the adapter was never told of is skipped, rather
   * than guessed at under an id the floor may know by another name.
   */
  learnCalls(channels: readonly ListedChannel[], at: number): FloorEventInput[] {
    const out: FloorEventInput[] = [];
    for (const { queue, caller, agent } of conversationsIn(channels)) {
      const known = this.calls.find(caller.uniqueid, caller.channel);
      if (known !== undefined && (known.answered || known.ended)) continue;
      const iface = interfaceOfChannel(agent.channel);
      const agentId = this.memberships.agentAt(iface) ?? this.agentIdOfInterface(iface);
      if (agentId === undefined) continue;
      const call = known ?? this.calls.open(caller.uniqueid, queue, caller.uniqueid);
      call.callerChannel ??= caller.channel;
      this.calls.link(call, caller.channel);
      this.calls.link(call, agent.channel);
      this.calls.link(call, agent.uniqueid);
      call.agentChannel = agent.channel;
      call.agentUniqueid = agent.uniqueid;
      call.answered = true;
      call.leftQueue = true;
      call.agentId = agentId;
      delete call.ringingAgentId;
      // Dated when the member's channel was made (its Uniqueid says so, to the second; else
      // its age), and named after it: learnt again (after a restart of Floorwatch), it is the
      // same event, which the log keeps once.
      const created = createdAtOf(agent.uniqueid);
      const ts = created !== undefined && created <= at ? created : at - agent.ageSeconds * 1000;
      out.push({
        id: this.ids.make(caller.uniqueid, `answered-learnt-${agent.uniqueid}`, 'resync', true),
        type: 'call.answered', ts, source: this.source(), callId: call.callId, agentId, resync: true,
      } as FloorEventInput);
    }
    return out;
  }

  /** The site's `agentIds` entry for a member interface, however it was written there. */
  private agentIdOfInterface(iface: string): string | undefined {
    const key = memberInterfaceKey(iface);
    for (const [k, agentId] of this.options.agentIds) if (memberInterfaceKey(k) === key) return agentId;
    return undefined;
  }

  /** `Action: QueueStatus` is going out: its answer will confirm the memberships held now. */
  beginMemberCensus(): void {
    this.memberships.beginCensus();
  }

  /** The QueueStatus question was refused: memberships stay as they are. */
  cancelMemberCensus(): void {
    this.memberships.cancelCensus();
  }

  /**
   * The QueueStatus answer is complete (`QueueStatusComplete`): a membership held when it
   * was asked that it did not list, and that no live event named since, ended while the
   * adapter was not looking. An agent left in no queue is logged out now, marked `resync`
   * (when it left is not known).
   */
  endMembershipsGone(at: number): FloorEventInput[] {
    return this.memberships.endCensus().map(({ agentId, stationId }) => {
      this.presence.delete(agentId);
      return {
        id: this.ids.make(agentId, 'logout-resync', String(at), false),
        type: 'agent.logout', ts: at, source: this.source(), agentId, stationId, resync: true,
      } as FloorEventInput;
    });
  }

  /** Calls being tracked (for tests and diagnostics). */
  /** The calls followed now, each with its agent's leg if it is in conversation: what endCallsGone is told after the list. */
  followedCalls(): FollowedCalls {
    return new Map(this.calls.all().map((call) => [call.callId, {
      ...(call.answered && !call.ended && !call.transferred && { agentLeg: agentLegOf(call) }),
    }]));
  }

  openCalls(): CallState[] {
    return this.calls.all();
  }

  /**
   * `call.ended` released by the system for a call the PBX will never end itself: after a
   * PBX restart (marked `pbxRestart`) or found gone at a resync (marked `resync`).
   */
  private endedBySystem(call: CallState, why: 'restart' | 'resync', at: number): FloorEventInput {
    return {
      id: this.ids.make(call.callerUniqueid, why, String(at), false),
      type: 'call.ended', ts: at, source: this.source(), callId: call.callId, releasedBy: 'system',
      // As the queue_log adapter marks them: a reader (and the rules) can tell them from a real release.
      reason: 'other', ...(why === 'restart' ? { pbxRestart: true } : { resync: true }),
    } as FloorEventInput;
  }

  private source(): string {
    return `asterisk-ami:${this.options.host}`;
  }

  private context(message: AmiMessage, event: string, receivedAt: number): MapContext {
    const stamped = amiTimestamp(header(message, 'Timestamp'));
    const ts = stamped ?? receivedAt;
    const stamp = stamped === undefined ? String(receivedAt) : header(message, 'Timestamp')!.trim();
    const source = this.source();
    return {
      event, ts, options: this.options, calls: this.calls, agents: this.agents, queues: this.queues,
      memberships: this.memberships, presence: this.presence,
      get: (key) => {
        const v = header(message, key)?.trim();
        return v === undefined || v === '' || v === '<unknown>' ? undefined : v;
      },
      emit: (subject, kind, body) => ({
        id: this.ids.make(subject, kind, stamp, stamped !== undefined),
        ts, source, ...body,
      }) as FloorEventInput,
      ignore: (reason) => ({ outcome: 'ignored', events: [], reason }),
      fail: (reason) => ({ outcome: 'failed', events: [], reason: `${event}: ${reason}` }),
    };
  }
}

/** What endCallsGone knows of the calls followed when the list was asked for. */
export type FollowedCalls = ReadonlyMap<string, { agentLeg?: string | undefined }>;

function agentLegOf(call: CallState): string | undefined {
  return call.agentUniqueid ?? call.agentChannel;
}

/**
 * An answered conversation whose agent's channel is not in the list. Not when it was
 * transferred (the agent's leg may go: the call went on without them) nor rung through a
 * Local channel Asterisk optimises away (that channel goes while the agent talks on).
 */
function agentLegGone(call: CallState, alive: Set<string>): boolean {
  if (!call.answered || call.ended || call.transferred || call.agentLocalOptimised === true) return false;
  const legs = [call.agentUniqueid, call.agentChannel].filter((leg): leg is string => leg !== undefined);
  return legs.length > 0 && !legs.some((leg) => alive.has(leg));
}
