/**
 * The compliance chart's rule names (floor/FloorCharts.tsx): wrapped onto lines that fit the
 * axis, between words in English and anywhere in Chinese, cut with an ellipsis after the
 * last line allowed. Without a canvas (here) widths are estimated: an ideograph is as wide
 * as the font is high, a Latin letter 0.6 of it.
 */
import { describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { wrapLabel } from '../../../client/src/floor/FloorCharts.js';
import { translate } from '../../../client/src/i18n/index.js';
import { RULE_IDS } from '../../../shared/rules.js';

describe('wrapLabel', () => {
  it('keeps a name that fits on one line', () => {
    expect(wrapLabel('greeting', 150, 12, 2)).toEqual(['greeting']);
    expect(wrapLabel('一人一号一席', 150, 12, 2)).toEqual(['一人一号一席']);
  });

  it('breaks English between words and Chinese between characters, each line within the width', () => {
    const english = wrapLabel('Answer within 3 rings (10 s)', 120, 12, 2);
    expect(english).toEqual(['Answer within 3', 'rings (10 s)']);
    const chinese = wrapLabel('接班值班长提前到岗、开班前会', 120, 12, 2);
    expect(chinese).toEqual(['接班值班长提前到岗、', '开班前会']);
  });

  it('cuts what does not fit in the lines allowed, with an ellipsis', () => {
    const lines = wrapLabel('Hold only with consent, within the approved length', 100, 12, 2);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/…$/);
    expect(lines.join(' ').replace('…', '')).not.toContain('length');
  });

  it('gives every rule a name in both languages that is not its id', () => {
    for (const rule of RULE_IDS) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const name = translate(locale, `rule.${rule}`);
        expect(name, `${locale} ${rule}`).not.toBe(`rule.${rule}`);
        expect(wrapLabel(name, 160, 12, 2).length).toBeGreaterThan(0);
      }
    }
  });
});
