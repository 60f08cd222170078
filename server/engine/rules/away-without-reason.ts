/**
 * Articles 105.11-105.12: no leaving the seat without a reason; breaks and meals only as
 * arranged. Not ready with no reason code past a limit, or a reason past its allowed
 * length, is an alert at that second; it clears when the agent is back (or logs out).
 */
import type { NotReadyReason } from '../../../shared/events.js';
import { clearCondition, liveAlert, raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { reasonLabel } from '../agents.js';
import type { AgentRecord } from '../state.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { defineRule, seconds } from './types.js';

type Config = RulesConfig['rules']['away-without-reason'];

function limitMs(agent: AgentRecord, config: Config): number | undefined {
  if (agent.reason === undefined) return undefined;
  if (agent.reason === 'none') return config.noReasonSeconds * 1000;
  const max = config.maxSeconds[agent.reason as NotReadyReason];
  return max === undefined ? undefined : max * 1000;
}

export const awayWithoutReason = defineRule({
  id: 'away-without-reason',
  onEvent(ctx, e, config) {
    if (e.type !== 'agent.state' && e.type !== 'agent.logout' && e.type !== 'agent.login') return;
    const agent = ctx.state.agents.get(e.agentId);
    if (!agent || agent.presenceSince !== ctx.now) return; // presence did not change
    const subject = { kind: 'agent' as const, id: agent.agentId };
    // The previous not-ready stretch (if any) is over: one compliance check for it.
    const open = liveAlert(ctx, 'away-without-reason', subject);
    if (agent.awayPending) {
      recordCheck(ctx, 'away-without-reason', open === undefined, { agentId: agent.agentId });
      agent.awayPending = false;
    }
    clearCondition(ctx, 'away-without-reason', subject, 'the agent is back or changed state');
    if (agent.presence !== 'not_ready' || !agent.loggedIn) return;
    agent.awayPending = true;
    const limit = limitMs(agent, config);
    if (limit !== undefined) schedule(ctx, 'away-without-reason', 'away', agent.agentId, ctx.now + limit, ctx.now);
  },
  onDeadline(ctx, d, config) {
    const agent = ctx.state.agents.get(d.key);
    if (!agent || !agent.loggedIn || agent.presence !== 'not_ready' || agent.presenceSince !== d.ref) return;
    const limit = limitMs(agent, config) ?? 0;
    raise(ctx, {
      rule: 'away-without-reason',
      kind: 'condition',
      subject: { kind: 'agent', id: agent.agentId },
      title: agent.reason === 'none'
        ? `Agent ${agent.agentId} not ready with no reason for ${seconds(limit)}`
        : `Agent ${agent.agentId} on ${reasonLabel(agent.reason)} longer than ${seconds(limit)}`,
      evidence: `${agent.agentId}@${agent.presenceSince}`,
      agentId: agent.agentId,
    });
  },
});
