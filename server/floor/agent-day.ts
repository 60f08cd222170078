/**
 * An agent's day read back from the log: the agent's own events and those of their calls,
 * run through the same engine, recording each change of state. Nothing is kept in memory
 * for it, so a floor of 50,000 agents pays only when someone opens an agent's panel.
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
  const note = (): void => {
    const agent = state.agents.get(agentId);
    if (!agent) return;
    const view = agentView(state, agent);
    const last = timeline.at(-1);
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
    note();
  }
  return timeline;
}
