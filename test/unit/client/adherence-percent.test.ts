// @vitest-environment jsdom
/**
 * A team at 99.4% showed "100%" beside an amber "◷ 1/11 人未按排班": the wallboard rounded
 * its share up. It is rounded down now, on the supervisors' strip and on the TV alike:
 * "100%" only when it is 100.
 */
import { act, cleanup, render } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TeamAdherence } from '../../../shared/schedule.js';
import { AdherenceStrip } from '../../../client/src/floor/AdherenceStrip.js';
import { wholePercent } from '../../../client/src/floor/percent.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useFloorStore } from '../../../client/src/store/floor-store.js';
import { TvAdherence } from '../../../client/src/tv/TvAdherence.js';
import { snapshot } from './floor-fixtures.js';

const TEAMS: TeamAdherence[] = [
  { teamId: 'team-01', scheduledNow: 11, outOfAdherence: 1, percent: 99.4 },
  { teamId: 'team-02', scheduledNow: 11, outOfAdherence: 0, percent: 100 },
  { teamId: 'team-03', scheduledNow: 11, outOfAdherence: 0, percent: 99.9 },
  { teamId: 'team-04', scheduledNow: 11, outOfAdherence: 3, percent: 81.6 },
  // 99.96% in adherence arrives as 100.0 (one decimal); someone off schedule now says it is not 100.
  { teamId: 'team-05', scheduledNow: 11, outOfAdherence: 1, percent: 100 },
];

beforeEach(() => {
  useLocale.setState({ locale: 'zh-CN' });
  useFloorStore.getState().reset();
});
afterEach(() => {
  cleanup();
  useFloorStore.getState().reset();
});

const percents = (root: HTMLElement) => [...root.querySelectorAll('.adherence-percent')].map((e) => e.textContent);

describe('a team\'s share in adherence', () => {
  it('is never 100% on the floor\'s strip unless it is 100', () => {
    const { container } = render(h(AdherenceStrip));
    act(() => useFloorStore.getState().applySnapshot(snapshot({ adherence: TEAMS })));
    expect(percents(container)).toEqual(['99%', '100%', '99%', '81%', '99%']);
    const first = container.querySelector('[data-team="team-01"]')!;
    expect(first.textContent).toBe('team-0199%◷ 1/11 人未按排班');
  });

  it('nor on the TV', () => {
    const { container } = render(h(TvAdherence, { teams: TEAMS }));
    expect(percents(container)).toEqual(['99%', '100%', '99%', '81%', '99%']);
  });

  it('rounds down, a float\'s noise under a whole number counting as that number', () => {
    expect(wholePercent(99.99)).toBe('99%');
    expect(wholePercent(100)).toBe('100%');
    expect(wholePercent(0.29 * 100)).toBe('29%');
    expect(wholePercent(0)).toBe('0%');
  });
});
