/**
 * An agent's day read back from the log: the agent's own events and those of their calls,
 * run through the same engine, recording each change of state. Nothing is kept in memory
 * for it, so a floor of 50,000 agents pays only when someone opens an agent's panel.
 *
 * The timeline holds only what the log shows. The replay knows nothing of the agent before
 * their first event of the day, and the engine's record of an agent it has just met says
 * "logged out", which is its default, not something seen: an agent whose day began with a
 * login showed "Logged out" from the feed's restart (its `resync` logouts, one per agent it
 * had known, logged in or not) or from a stray event about them up to that login. So the
 * timeline starts with the first state an event puts the agent in; "logged out" starts it
 * only when an actual logout is the day's first word of them (they were logged in before,
 * then logged out then), never a feed's resync logout of an agent not seen logged in.
 */
import type { FloorEvent } from '../../shared/events.js';
import type { TimelineEntry } from '../../shared/figures.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../engine/engine.js';
import { agentView } from '../engine/views.js';
import { Sequencer } from './sequencer.js';

export function timelineOf(agentId: string, events: FloorEvent[], rules: RulesConfig, from: number, until: number): TimelineEntry[] {
  const sequencer = new Sequencer();
  // The log's events in its order (eventsAbout reads them by seq): ties go in the order they arrived.
  events.forEach((e, index) => sequencer.add(e, e.ts, 0, index));
  const state = createEngineState(rules, from);
  const timeline: TimelineEntry[] = [];
  const note = (event: FloorEvent): void => {
    const agent = state.agents.get(agentId);
    if (!agent) return;
    const view = agentView(state, agent);
    const last = timeline.at(-1);
    if (last === undefined && view.state === 'logged_out' && !isOwnLogout(event, agentId)) return;
    if (last && last.state === view.state && last.reason === view.reason && last.callId === view.callId) return;
    if (last) last.to = view.since;
    timeline.push({
      state: view.state,
      ...(view.reason !== undefined && { reason: view.reason }),
      from: view.since,
      to: null,
      ...(view.callId !== undefined && { callId: view.callId }),
    });
  };
  for (let p = sequencer.takeDue(until); p; p = sequencer.takeDue(until)) {
    step(state, { kind: 'event', event: p.event }, p.at);
    note(p.event);
  }
  return timeline;
}

/** A logout the agent made (not a feed's resync after losing its link, which says when it found out, not what happened). */
function isOwnLogout(event: FloorEvent, agentId: string): boolean {
  return event.type === 'agent.logout' && event.agentId === agentId && event.resync !== true;
}
