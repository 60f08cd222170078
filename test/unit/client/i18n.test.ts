import { describe, expect, it } from 'vitest';
import { catalogueKeys, translate } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { RULE_IDS, RULE_INFO } from '../../../shared/rules.js';
import { ruleTitle } from '../../../shared/rule-titles.js';
import { ALERT_REASONS } from '../../../shared/alerts.js';

const placesOf = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('both languages name the same keys', () => {
    const keys = catalogueKeys();
    expect(keys['zh-CN']).toEqual(keys.en);
    expect(keys.en.length).toBeGreaterThan(10);
  });

  it('translates with placeholders, falling back to English, then to the key', () => {
    expect(translate('zh-CN', 'state.talking')).toBe('通话中');
    expect(translate('en', 'state.talking')).toBe('Talking');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('says a count in the plural form of the locale: English one or other, Chinese the one form', () => {
    expect(translate('en', 'alerts.evidence', { count: 1 })).toBe('Evidence: 1 event');
    expect(translate('en', 'alerts.evidence', { count: 2 })).toBe('Evidence: 2 events');
    expect(translate('en', 'alerts.evidence', { count: 0 })).toBe('Evidence: 0 events');
    expect(translate('zh-CN', 'alerts.evidence', { count: 1 })).toBe('证据（1 个事件）');
    // A plural form is its key's, not a key of its own the other language lacks.
    expect(catalogueKeys().en).not.toContain('alerts.evidence.one');
    // The notification page's counts too (not "1 times").
    expect(translate('en', 'notify.health.failing', { count: 1 })).toBe('Failed once');
    expect(translate('en', 'notify.health.failing', { count: 3 })).toBe('Failed 3 times in a row');
    expect(translate('en', 'notify.times', { count: 1 })).toBe('1 time');
    expect(translate('zh-CN', 'notify.times', { count: 1 })).toBe('1 次');
  });

  it('names every rule from the shared title table, the one the notifications use', () => {
    for (const id of RULE_IDS) {
      expect(translate('zh-CN', `admin.rule.${id}`)).toBe(ruleTitle(id, 'zh-CN'));
      expect(translate('en', `admin.rule.${id}`)).toBe(RULE_INFO[id].title);
      // A Chinese title that fell back to English would pass the first line: it must be Chinese.
      expect(ruleTitle(id, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says every code of the system\'s words on an alert in both languages, with the template\'s parameters', () => {
    const keys = catalogueKeys();
    for (const [code, template] of Object.entries(ALERT_REASONS)) {
      const key = `alerts.why.${code}`;
      expect(keys['zh-CN'], code).toContain(key);
      expect(keys.en, code).toContain(key);
      const chinese = translate('zh-CN', key);
      expect(chinese, code).toMatch(/[\u4e00-\u9fff]/);
      // Each language fills in what the server sends, and nothing it does not.
      expect(placesOf(chinese), code).toEqual(placesOf(template));
      expect(placesOf(translate('en', key)), code).toEqual(placesOf(template));
    }
  });
});
