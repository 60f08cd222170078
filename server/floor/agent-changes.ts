/**
 * What of an agent a delta carries: the fields of the groups the engine said changed
 * (engine/context.ts, AGENT_FIELDS), as they are now (shared/figures.ts, AgentChange). A
 * screen merges them into what it holds, so a delta naming 6,000 busy agents carries the
 * state and timers each changed, not 6,000 whole views; and nothing about what screens
 * were last sent has to be kept.
 */
import { AGENT_FIELDS_WITH, type AgentChange, type OptionalAgentField } from '../../shared/agent-changes.js';
import type { AgentView } from '../../shared/figures.js';
import { AGENT_FIELDS } from '../engine/context.js';

/**
 * The view's fields of each group (agentId and teamId go with every change). Each group
 * that has optional fields leads with the field they travel with (AGENT_FIELDS_WITH).
 */
const GROUPS: Array<{ bit: number; fields: ReadonlyArray<keyof AgentView> }> = [
  { bit: AGENT_FIELDS.status, fields: ['state', 'reason', 'since', 'callId', 'callSince', 'holdSince'] },
  { bit: AGENT_FIELDS.totals, fields: ['handledToday', 'talkMs', 'holdMs', 'acwMs', 'ahtSeconds'] },
  { bit: AGENT_FIELDS.alerts, fields: ['openAlerts'] },
  { bit: AGENT_FIELDS.identity, fields: ['role', 'name', 'stationId', 'queues'] },
  { bit: AGENT_FIELDS.adherence, fields: ['adherence'] },
];

/** A Record, so a field added to AgentView as optional fails to compile here until listed. */
const OPTIONAL_FIELD: Record<OptionalAgentField, true> = {
  name: true, teamId: true, stationId: true, reason: true, callId: true, callSince: true, holdSince: true, adherence: true,
};
const isOptional = (key: keyof AgentView): key is OptionalAgentField => Object.hasOwn(OPTIONAL_FIELD, key);

/** Optional fields a change need not unset: they travel with a field every such change carries. */
const TRAVELLING = new Set<keyof AgentView>(AGENT_FIELDS_WITH.flatMap(([, together]) => together));

/** The agent's change for the groups in `fields`: their fields as `view` has them. */
export function agentChange(view: AgentView, fields: number): AgentChange {
  const change: AgentChange = { agentId: view.agentId };
  // The team goes with every change: deltas are cut per audience by it.
  if (view.teamId !== undefined) change.teamId = view.teamId;
  const unset: OptionalAgentField[] = [];
  for (const group of GROUPS) {
    if ((fields & group.bit) === 0) continue;
    for (const key of group.fields) {
      const value = view[key];
      if (value !== undefined) (change as Record<string, unknown>)[key] = value;
      else if (isOptional(key) && !TRAVELLING.has(key)) unset.push(key);
    }
  }
  if (unset.length > 0) change.unset = unset;
  return change;
}
