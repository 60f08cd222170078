/**
 * Words for the floor's states. Every state has a text label as well as a colour
 * (styles.css, `state-*`): a wall must be readable by the colour-blind and from afar.
 */
import type { AgentStateName, AgentView } from '../../shared/figures.js';

export const STATE_LABELS: Record<AgentStateName, string> = {
  logged_out: 'Logged out',
  available: 'Available',
  ringing: 'Ringing',
  talking: 'Talking',
  on_hold: 'On hold',
  after_call_work: 'Wrap-up',
  not_ready: 'Not ready',
};

/** The order states are listed in the floor totals: who can take a call first. */
export const STATE_ORDER: readonly AgentStateName[] = [
  'available', 'ringing', 'talking', 'on_hold', 'after_call_work', 'not_ready', 'logged_out',
];

/** "Not ready · break"; "Not ready · no reason" is itself worth seeing (art. 105.11). */
export function agentStateLabel(agent: Pick<AgentView, 'state' | 'reason'>): string {
  const label = STATE_LABELS[agent.state];
  if (agent.state !== 'not_ready' || agent.reason === undefined) return label;
  return `${label} · ${agent.reason === 'none' ? 'no reason' : agent.reason}`;
}
