/**
 * A false alarm's reversal says in the reader's language who called it one, by name: the
 * ledger had shown the server's English ("False alarm: alert al-32 resolved by lead.liu")
 * in the Chinese page, with a username where the rest of the page has names.
 */
import { describe, expect, it } from 'vitest';
import { pointsReason, type PointsEntry } from '../../../shared/points.js';
import { translate } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { reasonText } from '../../../client/src/points/items.js';

const REVERSAL: Pick<PointsEntry, 'source' | 'reason' | 'reasonCode' | 'reasonParams'> = {
  source: 'auto', ...pointsReason('falseAlarm', { alert: 'al-32', who: 'lead.liu' }),
};
const names = new Map([['lead.liu', '刘洋']]);

describe('a false alarm\'s reversal in the ledger', () => {
  it('reads in the page\'s language, naming the person', () => {
    const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
    expect(reasonText(REVERSAL, zh, (u) => names.get(u))).toBe('误报冲销：告警 al-32 已由 刘洋 判定为误报');
    const en = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
    expect(reasonText(REVERSAL, en, (u) => names.get(u))).toBe('False alarm: alert al-32, judged so by 刘洋');
    // Someone the directory does not know: their username, not nothing.
    expect(reasonText(REVERSAL, en, () => undefined)).toBe('False alarm: alert al-32, judged so by lead.liu');
  });
});
