/**
 * Compliance: every time a rule is checked, one pass or one fail, counted for the floor,
 * the agent, the agent's team and the queue, today and per 15-minute interval (floor,
 * team and queue; per agent only the day, which is what a floor of thousands can afford).
 * The day boundary clears it.
 */
import type { ComplianceByRule } from '../../shared/figures.js';
import type { RuleId } from '../../shared/rules.js';
import { intervalOf } from './calendar.js';
import type { Ctx } from './context.js';

function bump(counts: ComplianceByRule, rule: RuleId, passed: boolean): void {
  const c = counts[rule] ?? (counts[rule] = { passed: 0, failed: 0 });
  if (passed) c.passed += 1;
  else c.failed += 1;
}

function bucket<K>(map: Map<K, ComplianceByRule>, key: K): ComplianceByRule {
  let counts = map.get(key);
  if (!counts) {
    counts = {};
    map.set(key, counts);
  }
  return counts;
}

function nested<K>(map: Map<K, Map<number, ComplianceByRule>>, key: K): Map<number, ComplianceByRule> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

export function recordCheck(
  ctx: Ctx,
  rule: RuleId,
  passed: boolean,
  scope: { agentId?: string; queue?: string },
): void {
  const c = ctx.state.compliance;
  const interval = intervalOf(ctx.now);
  bump(c.floor, rule, passed);
  bump(bucket(c.byInterval, interval), rule, passed);
  if (scope.queue !== undefined) {
    bump(bucket(c.byQueue, scope.queue), rule, passed);
    bump(bucket(nested(c.byQueueInterval, scope.queue), interval), rule, passed);
  }
  if (scope.agentId !== undefined) {
    bump(bucket(c.byAgent, scope.agentId), rule, passed);
    const team = ctx.state.agents.get(scope.agentId)?.teamId;
    if (team !== undefined) {
      bump(bucket(c.byTeam, team), rule, passed);
      bump(bucket(nested(c.byTeamInterval, team), interval), rule, passed);
    }
  }
}
