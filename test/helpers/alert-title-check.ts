/**
 * An alert's title agrees with its code (shared/alert-titles.ts): the code is one of its
 * rule's, every parameter of the code's template is given, and the title is the template
 * with those values in it. `notReady` and `teams` are said in English words of their own
 * ("no reason" for `none`, "team A" for `A`), so there any words fit.
 */
import { ALERT_TITLES, isAlertTitleCode, ruleOfTitle } from '../../shared/alert-titles.js';
import type { Alert } from '../../shared/alerts.js';

const WORDED = new Set(['notReady', 'teams']);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why the title and its code disagree, or undefined when they agree. */
export function titleCodeProblem(alert: Pick<Alert, 'rule' | 'title' | 'titleCode' | 'titleParams'>): string | undefined {
  const { titleCode: code, titleParams: params = {} } = alert;
  if (!isAlertTitleCode(code)) return `${alert.rule} alert "${alert.title}" has no known title code (${String(code)})`;
  if (ruleOfTitle(code) !== alert.rule) return `${alert.rule} alert has another rule's title code ${code}`;
  const parts = ALERT_TITLES[code].split(/\{(\w+)\}/);
  let pattern = '';
  for (let i = 0; i < parts.length; i += 1) {
    if (i % 2 === 0) { pattern += escape(parts[i]); continue; }
    const name = parts[i];
    if (!(name in params)) return `${code}: parameter ${name} missing`;
    pattern += WORDED.has(name) ? '.+?' : escape(String(params[name]));
  }
  return new RegExp(`^${pattern}$`).test(alert.title) ? undefined : `${code}: "${alert.title}" is not its template with ${JSON.stringify(params)}`;
}
