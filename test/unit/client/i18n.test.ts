import { describe, expect, it } from 'vitest';
import { catalogueKeys, translate } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

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
});
