/**
 * How a delta names an agent: by what changed (AgentChange), applied and merged by the
 * same rules at both ends (the client's store, the server's catch-ups).
 */
import type { AgentView } from './figures.js';

/** The fields an agent may stop having (a call's id once the call has ended). */
export type OptionalAgentField = { [K in keyof AgentView]-?: {} extends Pick<AgentView, K> ? K : never }[keyof AgentView];

/**
 * An agent in a delta: its id, its team (a delta is cut per audience by team), and the
 * fields that changed since the last delta that named it. Some fields travel together
 * (AGENT_FIELDS_WITH): a change that carries `state` carries every one of reason, callId,
 * callSince and holdSince the agent has, and one it leaves out the agent no longer has; so
 * does `role` with name, teamId and stationId. `unset` names any other field the agent no
 * longer has. An agent the screen cannot know yet comes with every field. Whole views were
 * about 290 bytes an agent, and a busy floor's delta names most of its agents.
 */
export type AgentChange = Partial<AgentView> & Pick<AgentView, 'agentId'> & { unset?: OptionalAgentField[] };

/** The fields that travel with each of these in an AgentChange (see there). */
export const AGENT_FIELDS_WITH: ReadonlyArray<readonly [keyof AgentView, readonly OptionalAgentField[]]> = [
  ['state', ['reason', 'callId', 'callSince', 'holdSince']],
  ['role', ['name', 'teamId', 'stationId']],
];

/** The agent after `change`: a new object (what did not change is shared with `before`). */
export function applyAgentChange(before: AgentView | undefined, change: AgentChange): AgentView {
  const { unset, ...fields } = change;
  const after = { ...before, ...fields } as AgentView;
  for (const [lead, together] of AGENT_FIELDS_WITH) {
    if (!(lead in change)) continue;
    for (const key of together) if (!(key in change)) delete after[key];
  }
  for (const key of unset ?? []) delete after[key];
  return after;
}

/** One change that does what `first` then `then` do (a catch-up merges the deltas a screen missed). */
export function mergeAgentChanges(first: AgentChange, then: AgentChange): AgentChange {
  const { unset: unsetFirst, ...a } = first;
  const { unset: unsetThen, ...b } = then;
  const merged: Record<string, unknown> = { ...a, ...b };
  // Fields that travel with a lead `then` carries are `then`'s alone.
  for (const [lead, together] of AGENT_FIELDS_WITH) {
    if (!(lead in b)) continue;
    for (const key of together) if (!(key in b)) delete merged[key];
  }
  // Unset by `then`: gone. Unset by `first` and not set again by `then`: still gone.
  const unset = new Set<OptionalAgentField>(unsetThen ?? []);
  for (const key of unsetThen ?? []) delete merged[key];
  for (const key of unsetFirst ?? []) if (!(key in b)) unset.add(key);
  const change = merged as AgentChange;
  if (unset.size > 0) change.unset = [...unset];
  return change;
}
