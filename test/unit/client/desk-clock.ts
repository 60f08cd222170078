/**
 * The alert desk's tests run at a fixed moment (the cards say ages and countdowns) in a
 * given language, and leave no fake timers, stubbed fetch or rendered tree behind.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useLocale, type Locale } from '../../../client/src/i18n/index.js';

export function deskAt(now: number, locale: Locale): void {
  beforeEach(() => {
    useLocale.setState({ locale });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}
