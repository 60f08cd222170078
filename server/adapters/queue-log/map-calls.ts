/**
 * Call events. The field positions follow app_queue.c:
 *   ENTERQUEUE      url|callerid[|position]
 *   RINGNOANSWER    ringtime (ms)           RINGCANCELED  ringtime (ms)
 *   CONNECT         holdtime (s)[|bridged uniqueid[|ringtime (s)]]
 *   COMPLETECALLER  holdtime|calltime|origposition       COMPLETEAGENT (same)
 *   ABANDON         position|origposition|waittime
 *   EXITWITHTIMEOUT position[|origposition|waittime]     EXITEMPTY (same)
 *   EXITWITHKEY     key|position[|origposition|waittime]
 *   TRANSFER        extension|context|holdtime|calltime[|origposition]  BLINDTRANSFER (same)
 *   ATTENDEDTRANSFER method|data|...|holdtime|calltime|origposition (target not in the log)
 *   AGENTDUMP       (none): the member hung up during the announcement (see mapping.ts)
 * The agent field of every call line is the member's name (`member->membername`), which is
 * its interface only when it was added without one.
 */
import { num, workingAgentOf, type MapCtx } from './map-context.js';
import { transferTarget } from './options.js';
import { present } from './record.js';

/**
 * A call first seen at its answer or its end (the log started mid-call, or the follower
 * began at the file's end) is offered retroactively at `now - waited`, so the queue's
 * figures still count it. The engine ignores an offer of a call it already knows.
 */
function ensureOffered(ctx: MapCtx, waitedSeconds: number | undefined): void {
  const { r, s } = ctx;
  if (s.calls.has(r.callId)) return;
  if (waitedSeconds === undefined || !present(r.queue)) return;
  const at = r.timeMs - waitedSeconds * 1000;
  ctx.emit('offer', { type: 'call.offered', callId: r.callId, queue: r.queue, direction: 'inbound' }, at);
  s.calls.set(r.callId, { queue: r.queue, offeredAt: at });
}

/** A ring that began `ms` before this line, but never before the call was offered. */
function ringStart(ctx: MapCtx, ms: number): number {
  const offered = ctx.s.calls.get(ctx.r.callId)?.offeredAt ?? Number.NEGATIVE_INFINITY;
  return Math.max(ctx.r.timeMs - ms, offered);
}

function end(ctx: MapCtx, releasedBy: 'customer' | 'agent' | 'system'): void {
  ctx.emit('end', { type: 'call.ended', callId: ctx.r.callId, releasedBy });
  ctx.s.calls.delete(ctx.r.callId);
}

export function enterQueue(ctx: MapCtx): void {
  const { r, s } = ctx;
  const from = r.data[1];
  const at = ctx.emit('offer', {
    type: 'call.offered', callId: r.callId, queue: r.queue, direction: 'inbound',
    ...(present(from) && from !== 'unknown' && { from }),
  });
  s.calls.set(r.callId, { queue: r.queue, offeredAt: at });
}

/**
 * RINGNOANSWER / RINGCANCELED are written when a ring ends, carrying how long it rang (ms).
 * The ring is replayed at its start so the engine's 10 s check sees it as it happened.
 */
export function ringEnded(ctx: MapCtx): void {
  const agentId = workingAgentOf(ctx);
  const ms = num(ctx.r.data[0]);
  if (agentId === undefined) return ctx.ignore('no agent');
  if (ms === undefined || ms <= 0) return ctx.ignore('no ring time');
  ctx.emit('ring', { type: 'call.ringing', callId: ctx.r.callId, agentId }, ringStart(ctx, ms));
}

/**
 * CONNECT: answered now. With a ring time (Asterisk 1.6+) the ring is replayed at
 * `now - ringtime` so a late answer is seen as late; without one (older logs) only the
 * answer is sent and the engine counts a 0 s ring.
 */
export function connect(ctx: MapCtx): void {
  const { r, s } = ctx;
  const agentId = workingAgentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  ensureOffered(ctx, num(r.data[0]));
  const ringSeconds = num(r.data[2]);
  if (ringSeconds !== undefined) {
    ctx.emit('ring', { type: 'call.ringing', callId: r.callId, agentId }, Math.min(ringStart(ctx, ringSeconds * 1000), r.timeMs));
  }
  ctx.emit('answer', { type: 'call.answered', callId: r.callId, agentId });
  const call = s.calls.get(r.callId);
  if (call) call.agentId = agentId;
}

export function completeCaller(ctx: MapCtx): void {
  end(ctx, 'customer');
}

export function completeAgent(ctx: MapCtx): void {
  end(ctx, 'agent');
}

/** ABANDON and EXITWITHKEY: the caller left; EXITWITHTIMEOUT and EXITEMPTY: the PBX sent it away. */
export function leftQueue(ctx: MapCtx): void {
  const { r } = ctx;
  const byCaller = r.event === 'ABANDON' || r.event === 'EXITWITHKEY';
  const waitedField = r.event === 'EXITWITHKEY' ? 3 : 2;
  ensureOffered(ctx, num(r.data[waitedField]));
  end(ctx, byCaller ? 'customer' : 'system');
}

/**
 * TRANSFER / BLINDTRANSFER / ATTENDEDTRANSFER close the queue's part of the call. The log
 * says no more about a call that went to the survey, an agent or outside, so it ends
 * there (released by the system). One sent to a queue extension stays open: it comes
 * back as an ENTERQUEUE with the same callid.
 */
export function transfer(ctx: MapCtx): void {
  const { r, s, o } = ctx;
  const agentId = workingAgentOf(ctx) ?? s.calls.get(r.callId)?.agentId;
  if (agentId === undefined) return ctx.ignore('no agent');
  const to = r.event === 'ATTENDEDTRANSFER' ? undefined : present(r.data[0]) ? r.data[0] : undefined;
  const target = transferTarget(o, to);
  ctx.emit('xfer', { type: 'call.transferred', callId: r.callId, agentId, target, ...(to !== undefined && { to }) });
  if (target === 'queue') {
    const call = s.calls.get(r.callId);
    if (call) delete call.agentId;
    return;
  }
  end(ctx, 'system');
}

/**
 * QUEUESTART is written when app_queue loads: the PBX (re)started, so every call the log
 * left open died with it. They end as released by the system, marked `pbxRestart` (the
 * contract keeps unknown fields) so a reader can tell them from a real release.
 */
export function queueStart(ctx: MapCtx): void {
  const { s } = ctx;
  s.restarts += 1;
  const open = [...s.calls.keys()];
  if (open.length === 0) return ctx.ignore('PBX start with no open calls');
  for (const callId of open) {
    ctx.emit(`restart-${callId}`, { type: 'call.ended', callId, releasedBy: 'system', reason: 'other', pbxRestart: true });
  }
  s.callsClosedByRestart += open.length;
  s.calls.clear();
}
