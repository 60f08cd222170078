/**
 * The policy calls the shift lead 值班长. The catalogues used four words for the one role
 * (值班组长, 班组长, 组长, 值班长); 班组 alone means a team and stays. Checked over the
 * catalogues of the floor, the TV, the handover, the schedule, the points and the common
 * words (the alert desk's, the admin pages' and the problems' are other people's to change).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

const CATALOGUES = ['messages-floor.ts', 'messages-common.ts', 'messages-tv.ts', 'messages-handover.ts', 'messages-schedule.ts', 'messages-points.ts'];
/** Once 值班长 is taken out, any 组长 left is another word for the lead (值班组长, 班组长, 组长). */
const OTHER_WORDS = /组长/;

describe('the shift lead\'s name in Chinese', () => {
  it.each(CATALOGUES)('is 值班长 throughout %s', (file) => {
    const text = readFileSync(path.resolve('client/src/i18n', file), 'utf8');
    const lines = text.split('\n').filter((line) => OTHER_WORDS.test(line.replace(/值班长/g, '')));
    expect(lines).toEqual([]);
  });

  it('on the tiles, the TV, the alert strip and the handover', () => {
    expect(translate('zh-CN', 'agent.lead')).toBe('值班长');
    expect(translate('zh-CN', 'tv.lead')).toBe('值班长');
    expect(translate('zh-CN', 'alert.for.lead')).toBe('待值班长处理');
    expect(translate('zh-CN', 'handover.prepare.intro')).toContain('值班长不在时');
    // 班组 (a team) is not the lead.
    expect(translate('zh-CN', 'filter.team')).toBe('班组');
  });
});
