// @vitest-environment jsdom
/**
 * The handover's call figures are counted by whole 15-minute intervals, those at least
 * half inside the shift: a shift 18:49-19:14 counts 18:45 to 19:15, and the summary says
 * which span it counted, and by what rule, rather than letting the shift's window stand for it.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoverPrefill } from '../../../shared/handover.js';
import { PrefillSummary } from '../../../client/src/handover/PrefillSummary.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';

const at = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+08:00`);
const PREFILL: HandoverPrefill = {
  from: at('18:49'), to: at('19:14'), asOf: at('19:14'), alertsOpened: 0, alertsResolved: 0, byRule: {}, open: [],
  calls: { offered: 16, answered: 15, abandoned: 0, serviceLevel: 1, intervalsFrom: at('18:45'), intervalsTo: at('19:15') },
  adherencePercent: null, absences: [],
};

afterEach(() => cleanup());

describe('the handover summary\'s calls', () => {
  it('say the quarter hours they cover, in the reader\'s language', () => {
    useLocale.setState({ locale: 'zh-CN' });
    render(createElement(PrefillSummary, { prefill: PREFILL, tz: 'Asia/Shanghai' }));
    expect(document.querySelector('.handover-calls-span')?.textContent).toMatch(/^话务按整 15 分钟区间统计（区间一半以上在本班内即计入）：.*18:45 至 .*19:15。 $/);
    cleanup();
    useLocale.setState({ locale: 'en' });
    render(createElement(PrefillSummary, { prefill: PREFILL, tz: 'Asia/Shanghai' }));
    expect(document.querySelector('.handover-calls-span')?.textContent)
      .toMatch(/^Calls are counted by whole 15-minute interval \(those at least half inside the shift\): .*18:45 to .*19:15\. $/);
    cleanup();
    render(createElement(PrefillSummary, { prefill: { ...PREFILL, calls: { ...PREFILL.calls, intervalsFrom: undefined, intervalsTo: undefined } }, tz: 'Asia/Shanghai' }));
    // A handover stored before the span was kept: the note alone.
    expect(document.querySelector('.handover-calls-span')).toBeNull();
    expect(screen.getByText(/^Calls are the whole floor/)).toBeTruthy();
  });
});
