/**
 * Queue member events -> agent login, logout and ready/not-ready.
 *
 * Asterisk reports membership per queue; the floor knows agents. An agent in three queues is
 * added three times and paused three times (one QueueMemberPause per queue), so logins are
 * sent per queue (harmless: the floor keeps one station), a logout only when the member
 * leaves its last queue, and a state only when it differs from the last one sent.
 */
import { agentIdOf, pauseReasonOf } from './config.js';
import { produced, type Handler, type MapContext } from './map-context.js';
import type { FloorEventInput } from '../../../shared/events.js';

function member(ctx: MapContext): { agentId: string; stationId: string; queue: string } | undefined {
  // Asterisk 13+: Interface; Asterisk 11: Location.
  const iface = ctx.get('Interface') ?? ctx.get('Location');
  const agentId = agentIdOf(ctx.options, iface, ctx.get('MemberName'));
  if (agentId === undefined || iface === undefined) return undefined;
  return { agentId, stationId: iface, queue: ctx.get('Queue') ?? '' };
}

function isPaused(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

function state(ctx: MapContext, agentId: string, paused: boolean): FloorEventInput[] {
  const reason = paused ? pauseReasonOf(ctx.options, ctx.get('PausedReason') ?? ctx.get('Reason')) : undefined;
  const key = paused ? `not_ready:${reason ?? ''}` : 'available';
  if (ctx.presence.get(agentId) === key) return [];
  ctx.presence.set(agentId, key);
  return [ctx.emit(agentId, 'state', {
    type: 'agent.state', agentId, state: paused ? 'not_ready' : 'available',
    ...(reason !== undefined && { reason }),
  })];
}

const added: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/MemberName');
  ctx.agents.add(m.agentId);
  if (m.queue !== '') ctx.queues.add(m.queue);
  const queues = ctx.memberships.get(m.agentId) ?? new Set<string>();
  queues.add(m.queue);
  ctx.memberships.set(m.agentId, queues);
  const login = ctx.emit(m.agentId, `login-${m.queue}`, { type: 'agent.login', agentId: m.agentId, stationId: m.stationId });
  // A member added paused (QueueAdd with Paused: true) starts not ready.
  const paused = isPaused(ctx.get('Paused'));
  if (!paused) ctx.presence.delete(m.agentId);
  return produced([login, ...(paused ? state(ctx, m.agentId, true) : [])]);
};

const removed: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/MemberName');
  const queues = ctx.memberships.get(m.agentId);
  queues?.delete(m.queue);
  if (queues && queues.size > 0) return ctx.ignore(`still a member of ${[...queues].join(', ')}`);
  ctx.memberships.delete(m.agentId);
  ctx.presence.delete(m.agentId);
  return produced([ctx.emit(m.agentId, 'logout', { type: 'agent.logout', agentId: m.agentId, stationId: m.stationId })]);
};

const pause: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/MemberName');
  const paused = ctx.get('Paused');
  if (paused === undefined) return ctx.fail('no Paused');
  ctx.agents.add(m.agentId);
  return produced(state(ctx, m.agentId, isPaused(paused)), 'same state already sent');
};

export const memberHandlers: Record<string, Handler> = {
  QueueMemberAdded: added,
  QueueMemberRemoved: removed,
  QueueMemberPause: pause,
  // Asterisk 11 name.
  QueueMemberPaused: pause,
  // Device and call-count changes: the floor derives talking and ringing from call events,
  // and pauses arrive as QueueMemberPause, so status updates carry nothing new for it.
  QueueMemberStatus: (ctx) => ctx.ignore('member status: derived from call events'),
};
