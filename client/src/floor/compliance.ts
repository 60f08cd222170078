/** Compliance counts as rows, in the policy's rule order; rules with no checks yet are left out. */
import type { ComplianceByRule } from '../../../shared/figures.js';
import { RULE_IDS, type RuleId } from '../../../shared/rules.js';

export interface ComplianceRow {
  rule: RuleId;
  passed: number;
  failed: number;
}

export function complianceRows(byRule: ComplianceByRule | undefined): ComplianceRow[] {
  return RULE_IDS.flatMap((rule) => {
    const c = byRule?.[rule];
    return c === undefined ? [] : [{ rule, passed: c.passed, failed: c.failed }];
  });
}
