/**
 * A rule is a module of pure handlers. The engine calls `onEvent` after the core has
 * applied an event, `onDeadline` when one of the rule's own deadlines falls due, and
 * `onCommand` for the commands the rule owns. Disabled rules are never called.
 */
import type { CommandResult, FloorCommand } from '../../../shared/commands.js';
import type { FloorEvent } from '../../../shared/events.js';
import type { RuleId } from '../../../shared/rules.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import type { Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';

export interface RuleModule<Id extends RuleId = RuleId> {
  id: Id;
  onEvent?(ctx: Ctx, event: FloorEvent, config: RulesConfig['rules'][Id]): void;
  onDeadline?(ctx: Ctx, deadline: Deadline, config: RulesConfig['rules'][Id]): void;
  onCommand?(ctx: Ctx, command: FloorCommand, config: RulesConfig['rules'][Id]): CommandResult | undefined;
}

export function defineRule<Id extends RuleId>(rule: RuleModule<Id>): RuleModule<Id> {
  return rule;
}

export const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;
