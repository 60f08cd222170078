/**
 * Words and marks for the floor's states. Every state has a text label and an icon as
 * well as a colour (styles.css, `state-*`): a wall must be readable by the colour-blind
 * and from afar. The words come from the message catalogues (`state.*`, `reason.*`).
 */
import type { AgentStateName, AgentView } from '../../shared/figures.js';
import type { T } from './i18n/index.js';

/** English labels, for code that has no translate function (logs, tests). */
export const STATE_LABELS: Record<AgentStateName, string> = {
  logged_out: 'Logged out',
  available: 'Available',
  ringing: 'Ringing',
  talking: 'Talking',
  on_hold: 'On hold',
  after_call_work: 'Wrap-up',
  not_ready: 'Not ready',
};

/** A shape per state, so states differ by more than colour (aria-hidden; the label says it). */
export const STATE_ICONS: Record<AgentStateName, string> = {
  logged_out: '○',
  available: '✓',
  ringing: '☎',
  talking: '●',
  on_hold: '❚❚',
  after_call_work: '✎',
  not_ready: '✕',
};

/** The order states are listed in the floor totals: who can take a call first. */
export const STATE_ORDER: readonly AgentStateName[] = [
  'available', 'ringing', 'talking', 'on_hold', 'after_call_work', 'not_ready', 'logged_out',
];

export function stateLabel(t: T, state: AgentStateName): string {
  return t(`state.${state}`);
}

/** "Not ready · break"; "Not ready · no reason" is itself worth seeing (art. 105.11). */
export function agentStateLabel(t: T, agent: Pick<AgentView, 'state' | 'reason'>): string {
  const label = stateLabel(t, agent.state);
  if (agent.state !== 'not_ready' || agent.reason === undefined) return label;
  return `${label} · ${t(`reason.${agent.reason}`)}`;
}
