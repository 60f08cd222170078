/**
 * Queue member events -> agent login, logout and ready/not-ready.
 *
 * Asterisk reports membership per queue; the floor knows agents. An agent in three queues is
 * added three times and paused three times (one QueueMemberPause per queue), so a login is
 * sent for the first queue (or from another station), a logout only when the member leaves
 * its last queue, and a state only when it differs from the last one sent.
 */
import { agentIdOf, isLocalChannel, pauseReasonOf } from './config.js';
import { produced, type Handler, type MapContext } from './map-context.js';
import type { FloorEventInput } from '../../../shared/events.js';

interface Member {
  agentId: string;
  stationId: string;
  queue: string;
  /** The member's interface (`Interface`, 11: `Location`). */
  iface: string;
}

function member(ctx: MapContext): Member | undefined {
  // Asterisk 13+: Interface; Asterisk 11: Location.
  const iface = ctx.get('Interface') ?? ctx.get('Location');
  // QueueMember (the QueueStatus answer) names the member `Name` before Asterisk 13.
  const agentId = agentIdOf(ctx.options, iface, ctx.get('MemberName') ?? ctx.get('Name'));
  if (agentId === undefined || iface === undefined) return undefined;
  return { agentId, stationId: stationOf(iface, ctx.get('StateInterface')), queue: ctx.get('Queue') ?? '', iface };
}

/**
 * The seat's phone. A member rung through a Local channel (agent callback: `Local/id-3@
 * agentcallback`, the same for every seat) names the phone it watches in StateInterface
 * (`SIP/999999`): that is the station, so a login at another's seat (art. 100) shows.
 */
function stationOf(iface: string, stateInterface: string | undefined): string {
  const watched = stateInterface?.trim();
  return isLocalChannel(iface) && watched !== undefined && watched !== '' && !isLocalChannel(watched) ? watched : iface;
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

/** Records the member in its queue; true if it was in none before (the agent's first queue). */
function join(ctx: MapContext, m: Member): boolean {
  ctx.agents.add(m.agentId);
  if (m.queue !== '') ctx.queues.add(m.queue);
  return ctx.memberships.join(m.agentId, m.queue, m.stationId, m.iface);
}

const added: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/MemberName');
  const stationBefore = ctx.memberships.station(m.agentId);
  const first = join(ctx, m);
  // Joining another queue from the same phone is no new login (art. 100 checks each login once).
  const login = first || stationBefore !== m.stationId
    ? [ctx.emit(m.agentId, `login-${m.queue}`, { type: 'agent.login', agentId: m.agentId, stationId: m.stationId })]
    : [];
  // A member added paused (QueueAdd with Paused: true) starts not ready; a first login starts available.
  const paused = isPaused(ctx.get('Paused'));
  if (!paused && first) ctx.presence.set(m.agentId, 'available');
  else if (!paused) ctx.presence.delete(m.agentId);
  return produced([...login, ...(paused ? state(ctx, m.agentId, true) : [])], 'another queue joined from the same station');
};

const removed: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/MemberName');
  const still = ctx.memberships.leave(m.agentId, m.queue);
  if (still.length > 0) return ctx.ignore(`still a member of ${still.join(', ')}`);
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

/**
 * QueueMember (one per member in the answer to `Action: QueueStatus`, sent after every
 * login) and QueueMemberStatus (a member's device or pause changed): how agents logged in
 * before Floorwatch connected, or during a gap, reach the floor. An agent the adapter does
 * not know yet gets its login and its state; a known one only a state that differs from
 * the last one sent (QueueMemberStatus repeats on every device change).
 */
const status: Handler = (ctx) => {
  const m = member(ctx);
  if (!m) return ctx.fail('no Interface/Location or MemberName/Name');
  const known = !join(ctx, m);
  const out: FloorEventInput[] = [];
  if (!known) {
    out.push(ctx.emit(m.agentId, `login-${m.queue}`, { type: 'agent.login', agentId: m.agentId, stationId: m.stationId }));
    // Its state is sent explicitly: the floor may hold an older one for this agent.
    ctx.presence.delete(m.agentId);
  }
  const paused = ctx.get('Paused');
  // A status without a reason (Asterisk before 13, or none given) does not wipe the reason
  // the pause itself (QueueMemberPause) carried.
  const keepReason = isPaused(paused) && ctx.get('PausedReason') === undefined && ctx.presence.get(m.agentId)?.startsWith('not_ready');
  if (paused !== undefined && !keepReason) out.push(...state(ctx, m.agentId, isPaused(paused)));
  return produced(out, 'member already known in that state');
};

export const memberHandlers: Record<string, Handler> = {
  QueueMemberAdded: added,
  QueueMemberRemoved: removed,
  QueueMemberPause: pause,
  // Asterisk 11 name.
  QueueMemberPaused: pause,
  // Device and call-count changes are derived from call events; only membership and pause count.
  QueueMemberStatus: status,
  QueueMember: status,
};
