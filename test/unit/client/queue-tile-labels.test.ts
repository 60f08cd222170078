// @vitest-environment jsdom
/**
 * Labels that must stay on one line. At 1366 px in English a compact queue tile (15rem)
 * put its four agent figures in a row, leaving each label a few characters wide: "On / a /
 * call" and "Available (this queue)" on three lines. The tile now says whose agents they
 * are once, in a caption, and sets the figures two by two with short labels that never
 * wrap. The TV's page title ("Agents 1/4") broke after its first word at 1080p and 4K.
 * jsdom lays nothing out: the words are checked here, the style rules in the stylesheets
 * (read as text), and the result in Chromium by the screenshots of the change.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, render } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import '../../../client/src/i18n/all.js';
import { useLocale, type Locale } from '../../../client/src/i18n/index.js';
import { QueueTile } from '../../../client/src/components/QueueTile.js';
import { queue } from './floor-fixtures.js';

afterEach(cleanup);

/** The client's sources (tests run from the project's root). */
const CLIENT_SRC = path.resolve('client/src');

/** The declarations of the rule whose selector is exactly `selector` (the last one wins, as in CSS). */
function declarations(file: string, selector: string): string {
  const css = readFileSync(path.join(CLIENT_SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((m) => m[1].split(',').map((s) => s.trim()).includes(selector));
  return rules.map((m) => m[2]).join(';');
}

function tile(locale: Locale) {
  useLocale.getState().setLocale(locale);
  const { container } = render(h(QueueTile, { queue: queue('cards', { agents: { available: 3, onCall: 2, afterCallWork: 1, notReady: 0 } }), thresholdSeconds: 10 }));
  const labels = [...container.querySelectorAll('.queue-agents-figures .figure-label')].map((e) => e.textContent ?? '');
  return { container, labels };
}

describe('a queue tile\'s agent figures', () => {
  it('say once, in a caption, that they are this queue\'s, and keep each label short (English)', () => {
    const { container, labels } = tile('en');
    expect(container.querySelector('.queue-agents-caption')!.textContent).toBe('Agents it reached today');
    expect(labels).toEqual(['Available', 'On a call', 'Wrap-up', 'Not ready']);
    // A compact tile's half (about 6.5rem at 0.8rem type) holds a dozen characters.
    for (const label of labels) expect(label.length, label).toBeLessThanOrEqual(12);
    // The full meaning is still the list's name and its tooltip.
    expect(container.querySelector('.queue-agents-figures')!.getAttribute('aria-label')).toBe("Agents this queue's calls reached today, by what they do now");
    expect(container.querySelector('.queue-agents')!.getAttribute('title')).toContain('Floor today');
  });

  it('keep each label short in Chinese too', () => {
    const { container, labels } = tile('zh-CN');
    expect(container.querySelector('.queue-agents-caption')!.textContent).toBe('今日接过本队列来电的坐席');
    expect(labels).toEqual(['空闲', '通话', '话后处理', '示忙']);
  });

  it('say in the caption what they count, and show no zeros while none of those agents is on the floor', () => {
    // The start of a shift: no call of the queue has reached anyone, while the floor has 51 idle.
    for (const [locale, caption, none] of [['zh-CN', '今日接过本队列来电的坐席', '目前没有'], ['en', 'Agents it reached today', 'None now']] as const) {
      useLocale.getState().setLocale(locale);
      const { container, unmount } = render(h(QueueTile, { queue: queue('cards'), thresholdSeconds: 10 }));
      const agents = container.querySelector('.queue-agents')!;
      expect(agents.querySelector('.queue-agents-caption')!.textContent, locale).toBe(caption);
      expect(agents.querySelector('.queue-agents-figures'), locale).toBeNull();
      expect(agents.textContent, locale).toBe(caption + none);
      expect(agents.textContent, locale).not.toMatch(/\d/);
      unmount();
    }
  });

  it('are set two by two, each figure on one line that never breaks', () => {
    expect(declarations('floor/floor.css', '.queue-agents-figures')).toMatch(/grid-template-columns:\s*repeat\(2,/);
    expect(declarations('floor/floor.css', '.queue-agents .figure-label')).toMatch(/white-space:\s*nowrap/);
    expect(declarations('floor/floor.css', '.queue-agents .figure')).toMatch(/flex-direction:\s*row-reverse/);
  });
});

describe('a queue tile\'s call figures', () => {
  it('keep a figure with its unit, a value and a label each on one line, a label too long cut with its whole in the tooltip', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { container } = tile(locale);
      const sl = container.querySelector('.queue-figures .figure-label')!;
      expect(sl.textContent, locale).toMatch(/10\u00a0(s|秒)/);
      expect(sl.getAttribute('title'), locale).toBe(sl.textContent);
    }
    expect(declarations('floor/floor.css', '.queue-figures .figure-value')).toMatch(/white-space:\s*nowrap/);
    // "服务水平（10 秒）" on two lines beside a one-line label put the row's two values at different heights.
    const label = declarations('floor/floor.css', '.queue-figures .figure-label');
    expect(label).toMatch(/white-space:\s*nowrap/);
    expect(label).toMatch(/text-overflow:\s*ellipsis/);
    // A column may be narrower than its label (else nowrap would push the tile wider).
    expect(declarations('floor/floor.css', '.queue-figures')).toMatch(/grid-template-columns:\s*repeat\(2,\s*minmax\(0,/);
  });
});

describe('the TV\'s page title', () => {
  it('stays on one line', () => {
    expect(declarations('tv.css', '.tv-page-title')).toMatch(/white-space:\s*nowrap/);
  });
});
