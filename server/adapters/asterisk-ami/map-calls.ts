/**
 * Queue call events: a caller joins a queue, agents are rung, one answers, the call is held,
 * transferred, and ends. Asterisk 13+ names first, the Asterisk 11 names beside them.
 *
 * A call is known by its caller channel's Uniqueid (the callId). Events about calls the
 * adapter never saw join a queue (internal calls, calls already running when it connected)
 * are ignored: the floor only watches queue traffic. One exception: a QueueCallerAbandon for
 * an unseen call carries enough (queue, wait) to count the offer and its abandon.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { CallState } from './call-index.js';
import { agentIdOf, isLocalChannel, transferTargetOf } from './config.js';
import { produced, type Handler, type MapContext, type MapResult } from './map-context.js';
import { isWithheldNumber } from '../caller-number.js';


function findCall(ctx: MapContext, ...keys: string[]): CallState | undefined {
  return ctx.calls.find(...keys.map((k) => ctx.get(k)));
}

function callEvent(ctx: MapContext, call: CallState, kind: string, body: Record<string, unknown>): FloorEventInput {
  return ctx.emit(call.callerUniqueid, kind, { callId: call.callId, ...body });
}

function end(ctx: MapContext, call: CallState, releasedBy: 'customer' | 'agent' | 'system'): FloorEventInput[] {
  if (call.ended) return [];
  call.ended = true;
  const cause = ctx.get('Cause');
  return [callEvent(ctx, call, 'ended', {
    type: 'call.ended', releasedBy,
    // Kept for diagnostics (the contract is loose): the Q.850 cause of a Hangup.
    ...(ctx.event === 'Hangup' && cause !== undefined && { hangupCause: cause }),
  })];
}

function offerEvent(ctx: MapContext, call: CallState, queue: string): FloorEventInput {
  const from = ctx.get('CallerIDNum');
  const withheld = isWithheldNumber(from);
  return callEvent(ctx, call, `offered-${queue}`, {
    type: 'call.offered', queue, direction: 'inbound',
    ...(!withheld && { from }),
    numberClass: withheld ? 'unknown' : 'customer',
  });
}

/** The caller `uid` waiting in `queue`: its call (opened if new), with the caller's channel linked. */
function openCall(ctx: MapContext, uid: string, queue: string): CallState {
  ctx.queues.add(queue);
  const call = ctx.calls.find(uid) ?? ctx.calls.open(uid, queue, uid);
  call.queue = queue;
  call.leftQueue = false;
  call.callerChannel = ctx.get('Channel');
  ctx.calls.link(call, call.callerChannel);
  return call;
}

const offered: Handler = (ctx) => {
  const uid = ctx.get('Uniqueid');
  const queue = ctx.get('Queue');
  if (uid === undefined || queue === undefined) return ctx.fail('no Uniqueid or Queue');
  return produced([offerEvent(ctx, openCall(ctx, uid, queue), queue)]);
};

const ringing: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Channel', 'ChannelCalling', 'Linkedid');
  if (!call) return ctx.ignore('not a queued call');
  const agentId = agentIdOf(ctx.options, ctx.get('Interface') ?? ctx.get('AgentCalled'), ctx.get('MemberName') ?? ctx.get('AgentName'));
  if (agentId === undefined) return ctx.fail('no Interface/MemberName');
  for (const leg of [ctx.get('DestChannel') ?? ctx.get('DestinationChannel'), ctx.get('DestUniqueid')]) {
    if (leg !== undefined) {
      call.legs.set(leg, agentId);
      ctx.calls.link(call, leg);
    }
  }
  if (call.answered || call.ended) return ctx.ignore('call already answered');
  call.ringingAgentId = agentId;
  return produced([callEvent(ctx, call, `ringing-${agentId}`, { type: 'call.ringing', agentId })]);
};

/** No event: the next AgentCalled moves the ringing on, and the ring time keeps counting per agent. */
const ringNoAnswer: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Channel', 'Linkedid');
  if (call && call.ringingAgentId === agentIdOf(ctx.options, ctx.get('Interface'), ctx.get('MemberName'))) {
    delete call.ringingAgentId;
  }
  return ctx.ignore('ring no answer: the next AgentCalled carries the ringing on');
};

function answer(ctx: MapContext, call: CallState, agentId: string, channel?: string, uniqueid?: string): MapResult {
  ctx.calls.link(call, channel);
  ctx.calls.link(call, uniqueid);
  if (channel !== undefined) call.agentChannel = channel;
  if (uniqueid !== undefined) call.agentUniqueid = uniqueid;
  if (call.ended || (call.answered && call.agentId === agentId)) return ctx.ignore('already answered');
  call.answered = true;
  call.agentId = agentId;
  delete call.ringingAgentId;
  return produced([callEvent(ctx, call, `answered-${agentId}`, { type: 'call.answered', agentId })]);
}

const connect: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Linkedid');
  if (!call) return ctx.ignore('not a queued call');
  const iface = ctx.get('Interface') ?? ctx.get('Member');
  const agentId = agentIdOf(ctx.options, iface, ctx.get('MemberName'));
  if (agentId === undefined) return ctx.fail('no Interface/MemberName');
  // Asterisk 13+ names the agent's channel DestChannel; Asterisk 11 puts it in Channel.
  const dest = ctx.get('DestChannel');
  // `/n` tells Asterisk not to optimise the Local channel away: its hang-up is then the agent's.
  call.agentLocalOptimised = iface !== undefined && isLocalChannel(iface) && !iface.toLowerCase().endsWith('/n');
  return answer(ctx, call, agentId, dest ?? ctx.get('Channel'), ctx.get('DestUniqueid'));
}

/** Asterisk 11 `Bridge` (Bridgestate: Link): the queued caller was bridged to an agent. */
const bridge: Handler = (ctx) => {
  if (ctx.get('Bridgestate')?.toLowerCase() !== 'link') return ctx.ignore('bridge unlink');
  const call = findCall(ctx, 'Uniqueid1', 'Channel1');
  if (!call) return ctx.ignore('not a queued call');
  const ch2 = ctx.get('Channel2');
  const uid2 = ctx.get('Uniqueid2');
  const agentId = (ch2 && call.legs.get(ch2)) ?? (uid2 && call.legs.get(uid2)) ?? call.ringingAgentId
    ?? agentIdOf(ctx.options, ch2, undefined);
  if (agentId === undefined) return ctx.fail('no agent channel');
  return answer(ctx, call, agentId, ch2, uid2);
};

const RELEASED_BY: Record<string, 'customer' | 'agent' | 'system'> = { caller: 'customer', agent: 'agent', transfer: 'system' };

const complete: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Linkedid');
  if (!call) return ctx.ignore('not a queued call');
  return produced(end(ctx, call, RELEASED_BY[ctx.get('Reason')?.toLowerCase() ?? ''] ?? 'system'), 'already ended');
};

const abandon: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Channel', 'Linkedid');
  if (!call) return abandonUnseen(ctx);
  call.leftQueue = true;
  return produced(end(ctx, call, 'customer'), 'already ended');
};

/**
 * An abandon whose QueueCallerJoin was never seen (the caller joined before Floorwatch
 * connected, or during a gap in the AMI stream). It still names the queue, the caller and
 * how long they waited (HoldTime, seconds), so the offer is rebuilt at abandon time minus
 * the wait, then ended by the customer: the queue's offered and abandoned figures count it.
 */
function abandonUnseen(ctx: MapContext): MapResult {
  const late = offeredUnseen(ctx, 'HoldTime');
  if (late === undefined) return ctx.fail('no Uniqueid or Queue');
  late.call.leftQueue = true;
  // The call stays indexed (ended) so its Hangup is recognised and forgets it.
  return produced([late.offer, ...end(ctx, late.call, 'customer')]);
}

/**
 * A call first met after it joined its queue (QueueCallerAbandon, QueueEntry): opened, and
 * its offer dated back by how long the message says the caller has waited (`waitField`,
 * seconds), marked `resync` (learnt after the fact: its wait counts from then). Undefined
 * when the message names no Uniqueid or Queue.
 */
function offeredUnseen(ctx: MapContext, waitField: string): { call: CallState; offer: FloorEventInput } | undefined {
  const uid = ctx.get('Uniqueid');
  const queue = ctx.get('Queue');
  if (uid === undefined || queue === undefined) return undefined;
  const waited = Number(ctx.get(waitField));
  const offeredAt = ctx.ts - (Number.isFinite(waited) && waited > 0 ? Math.round(waited * 1000) : 0);
  const call = openCall(ctx, uid, queue);
  // Learnt after the fact, dated back by its wait: late by its nature, not by a wrong clock.
  return { call, offer: { ...offerEvent(ctx, call, queue), ts: offeredAt, resync: true } as FloorEventInput };
}

/**
 * QueueEntry: a caller waiting in a queue, listed in answer to the QueueStatus the adapter
 * asks after each login. A caller who joined before Floorwatch connected (or during a gap)
 * is offered then, dated back by `Wait`, so the queue's waiting figures count them; one
 * already known is left as it is.
 */
const waiting: Handler = (ctx) => {
  const uid = ctx.get('Uniqueid');
  if (uid !== undefined && ctx.calls.find(uid) !== undefined) return ctx.ignore('caller already known');
  const late = offeredUnseen(ctx, 'Wait');
  if (late === undefined) return ctx.fail('no Uniqueid or Queue');
  return produced([late.offer]);
};

/** Sent on answer, abandon and timeout alike: remembered, so a later Hangup can tell a timeout. */
const leave: Handler = (ctx) => {
  const call = findCall(ctx, 'Uniqueid', 'Channel', 'Linkedid');
  if (call) call.leftQueue = true;
  return ctx.ignore('caller left the waiting list');
};

function hold(ctx: MapContext, on: boolean): MapResult {
  const call = findCall(ctx, 'Uniqueid', 'Channel', 'Linkedid');
  // Music on hold also plays while a caller waits in the queue: only a held conversation counts.
  if (!call || !call.answered || call.ended || call.transferred || call.agentId === undefined) {
    return ctx.ignore('not a conversation with an agent');
  }
  if (call.held === on) return ctx.ignore(on ? 'already on hold' : 'not on hold');
  call.held = on;
  const agentId = call.agentId;
  return produced([callEvent(ctx, call, on ? 'hold' : 'unhold', on
    ? { type: 'call.hold', agentId, consent: ctx.options.holdConsent }
    : { type: 'call.unhold', agentId })]);
}

function transfer(ctx: MapContext, call: CallState | undefined, extension: string | undefined): MapResult {
  const result = ctx.get('Result');
  if (result !== undefined && result.toLowerCase() !== 'success') return ctx.ignore(`transfer ${result}`);
  if (!call || !call.answered || call.ended || call.agentId === undefined) return ctx.ignore('not a conversation with an agent');
  if (call.transferred) return ctx.ignore('already transferred');
  call.transferred = true;
  call.held = false;
  const target = transferTargetOf(ctx.options, extension, { agents: ctx.agents, queues: ctx.queues });
  return produced([callEvent(ctx, call, 'transferred', {
    type: 'call.transferred', agentId: call.agentId, target, ...(extension !== undefined && { to: extension }),
  })]);
}

const hangup: Handler = (ctx) => {
  const uid = ctx.get('Uniqueid');
  const channel = ctx.get('Channel');
  const call = ctx.calls.find(uid, channel);
  if (!call) return ctx.ignore('not a queued call');
  const isCaller = uid === call.callerUniqueid || (channel !== undefined && channel === call.callerChannel);
  if (isCaller) {
    ctx.calls.forget(call);
    // Left the queue unanswered without abandoning it: timed out or dialled out of the queue.
    const releasedBy = !call.answered && call.leftQueue ? 'system' : 'customer';
    return produced(end(ctx, call, releasedBy), 'already ended');
  }
  const isAgent = (uid !== undefined && uid === call.agentUniqueid) || (channel !== undefined && channel === call.agentChannel);
  // A member rung through a Local channel without `/n` (`Local/1023@agents`): once answered,
  // Asterisk optimises the Local channel away and hangs it up while the caller talks on
  // with the agent's own phone. Its hang-up is not the agent's; AgentComplete ends the call.
  // With `/n` the Local channel stays in the call, and its hang-up is the agent's.
  if (isAgent && call.agentLocalOptimised === true && isLocalChannel(channel)) return ctx.ignore('a Local channel optimised away: AgentComplete ends the call');
  if (isAgent && call.answered && !call.transferred) return produced(end(ctx, call, 'agent'), 'already ended');
  return ctx.ignore('a leg that was not the conversation');
};

export const callHandlers: Record<string, Handler> = {
  QueueCallerJoin: offered,
  Join: offered,
  AgentCalled: ringing,
  AgentRingNoAnswer: ringNoAnswer,
  AgentConnect: connect,
  Bridge: bridge,
  AgentComplete: complete,
  QueueCallerAbandon: abandon,
  QueueEntry: waiting,
  QueueCallerLeave: leave,
  Leave: leave,
  Hold: (ctx) => hold(ctx, ctx.get('Status')?.toLowerCase() !== 'off'),
  Unhold: (ctx) => hold(ctx, false),
  MusicOnHoldStart: (ctx) => hold(ctx, true),
  MusicOnHoldStop: (ctx) => hold(ctx, false),
  MusicOnHold: (ctx) => hold(ctx, ctx.get('State')?.toLowerCase() !== 'stop'),
  BlindTransfer: (ctx) => transfer(ctx,
    findCall(ctx, 'TransfereeUniqueid', 'TransfereeChannel', 'TransfererUniqueid', 'TransfererChannel', 'TransfereeLinkedid', 'TransfererLinkedid'),
    ctx.get('Extension')),
  AttendedTransfer: (ctx) => transfer(ctx,
    findCall(ctx, 'TransfereeUniqueid', 'TransfereeChannel', 'OrigTransfererUniqueid', 'OrigTransfererChannel', 'TransfereeLinkedid',
      // Asterisk 13 often sends no Transferee* fields: the original call's Linkedid is the caller's Uniqueid.
      'OrigTransfererLinkedid'),
    ctx.get('SecondTransfererExten') ?? ctx.get('TransferTargetCallerIDNum')),
  // Asterisk 11: one Transfer event (TransferType Blind or Attended).
  Transfer: (ctx) => transfer(ctx, findCall(ctx, 'TargetUniqueid', 'TargetChannel', 'Uniqueid', 'Channel'), ctx.get('TransferExten')),
  Hangup: hangup,
};
