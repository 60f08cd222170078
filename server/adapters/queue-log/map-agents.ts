/**
 * Member and agent events. A queue member is one agent at one station; an agent who is a
 * member of five queues is logged in once, so logins and logouts follow the first
 * membership added and the last removed, not every queue's line.
 *
 *   ADDMEMBER                  agent = member interface (its name with log_membername_as_agent),
 *                              data1 = `PAUSED` when added paused (AMI QueueAdd `Paused: true`)
 *   REMOVEMEMBER               agent as ADDMEMBER, data empty
 *   PAUSE / UNPAUSE            agent = member name (its interface when it has none),
 *                              data1 = reason (Asterisk 1.8+), per queue or queue NONE
 *   PAUSEALL / UNPAUSEALL      queue NONE; agent = interface (1.8), member name (13+)
 *   AGENTLOGIN                 data1 = the agent's channel (chan_agent, <= 11)
 *   AGENTLOGOFF                data1 = channel, data2 = seconds logged in
 *   AGENTCALLBACKLOGIN         data1 = exten@context (<= 1.4)
 *   AGENTCALLBACKLOGOFF        data1 = exten@context, data2 = seconds, data3 = reason
 */
import type { NotReadyReason } from '../../../shared/events.js';
import { agentOf, workingAgentOf, type MapCtx } from './map-context.js';
import { isInterface, stationOf } from './options.js';
import { present } from './record.js';

const AGENT_CHANNEL_LOGIN = '*';

/**
 * `byName`: the line named the member, not its interface, so `stationId` is only that name.
 * An agent already logged in keeps its station then: older FreePBX follows AddQueueMember's
 * ADDMEMBER (interface) with its own QueueLog(queue,MANAGER,<display name>,ADDMEMBER), which
 * `agentNames` makes the same agent.
 */
function login(ctx: MapCtx, agentId: string, stationId: string, membership: string, byName = false): void {
  const { s } = ctx;
  let queues = s.memberships.get(agentId);
  const first = !queues || queues.size === 0;
  if (!queues) s.memberships.set(agentId, (queues = new Set()));
  queues.add(membership);
  s.loggedOut.delete(agentId);
  if (!first && (byName || s.stations.get(agentId) === stationId)) return ctx.ignore('already logged in through another queue');
  s.stations.set(agentId, stationId);
  // A fresh login starts available in the engine; forget the last presence sent.
  s.presence.delete(agentId);
  ctx.emit('login', { type: 'agent.login', agentId, stationId });
}

function logout(ctx: MapCtx, agentId: string, fallbackStation: string, membership: string | undefined): void {
  const { s } = ctx;
  const queues = s.memberships.get(agentId);
  if (membership === undefined) queues?.clear();
  else queues?.delete(membership);
  // An agent whose memberships the log never showed (a follower that began mid-day) is
  // taken at its word: this removal logs it out. One this log has logged out already is
  // not logged out twice (older FreePBX's own REMOVEMEMBER line by name, see login).
  if (queues && queues.size > 0) return ctx.ignore('still a member of another queue');
  if (!queues && s.loggedOut.has(agentId)) return ctx.ignore('already logged out');
  const stationId = s.stations.get(agentId) ?? fallbackStation;
  s.memberships.delete(agentId);
  s.stations.delete(agentId);
  s.presence.delete(agentId);
  s.loggedOut.add(agentId);
  ctx.emit('logout', { type: 'agent.logout', agentId, stationId });
}

export function addMember(ctx: MapCtx): void {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  const field = ctx.r.agent;
  login(ctx, agentId, stationOf(field), present(ctx.r.queue) ? ctx.r.queue : AGENT_CHANNEL_LOGIN, !isInterface(field));
  // A member added paused takes no call until unpaused, and no PAUSE line says so: this
  // data1 is the only sign. The line gives no reason, so it is an unknown one, `other`, as
  // for a PAUSE with an unlisted reason: not "no reason given", which the floor holds
  // against the agent.
  if (ctx.r.data[0]?.trim().toUpperCase() === 'PAUSED') setPresence(ctx, agentId, 'not_ready', 'other');
}

export function removeMember(ctx: MapCtx): void {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  logout(ctx, agentId, stationOf(ctx.r.agent), present(ctx.r.queue) ? ctx.r.queue : undefined);
}

/** AGENTLOGIN (data1 = channel) and AGENTCALLBACKLOGIN (data1 = exten@context). */
export function agentLogin(ctx: MapCtx): void {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  const where = ctx.r.data[0];
  login(ctx, agentId, present(where) ? stationOf(where) : stationOf(ctx.r.agent), AGENT_CHANNEL_LOGIN);
}

/** AGENTLOGOFF / AGENTCALLBACKLOGOFF end the agent's whole session, whatever the queue. */
export function agentLogoff(ctx: MapCtx): void {
  const agentId = agentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  const where = ctx.r.data[0];
  logout(ctx, agentId, present(where) ? stationOf(where) : stationOf(ctx.r.agent), undefined);
}

function setPresence(ctx: MapCtx, agentId: string, state: 'available' | 'not_ready', reason?: NotReadyReason): void {
  const key = reason === undefined ? state : `${state}:${reason}`;
  // One pause is written once per queue the member is in; the floor needs it once.
  if (ctx.s.presence.get(agentId) === key) return ctx.ignore('same state already sent');
  ctx.s.presence.set(agentId, key);
  ctx.emit('state', { type: 'agent.state', agentId, state, ...(reason !== undefined && { reason }) });
}

/** PAUSE / PAUSEALL: not ready, the reason code mapped by configuration (unlisted: other). */
export function pause(ctx: MapCtx): void {
  const agentId = workingAgentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  const text = ctx.r.data[0]?.trim() ?? '';
  const reason = text === '' ? undefined : ctx.o.pauseReasons.get(text.toLowerCase()) ?? 'other';
  setPresence(ctx, agentId, 'not_ready', reason);
}

export function unpause(ctx: MapCtx): void {
  const agentId = workingAgentOf(ctx);
  if (agentId === undefined) return ctx.ignore('no agent');
  setPresence(ctx, agentId, 'available');
}
