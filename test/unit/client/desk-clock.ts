/**
 * The alert desk's tests run at a fixed moment (the cards say ages and countdowns) in a
 * given language, signed in as a shift lead of `leadOf` when given, and leave no fake
 * timers, stubbed fetch or rendered tree behind.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useLocale, type Locale } from '../../../client/src/i18n/index.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';

export function deskAt(now: number, locale: Locale, { leadOf }: { leadOf?: string[] } = {}): void {
  beforeEach(() => {
    useLocale.setState({ locale });
    if (leadOf !== undefined) {
      useSessionStore.setState({
        state: { kind: 'signed-in', me: { kind: 'user', id: 'u-lead', name: 'lead', role: 'lead', teams: leadOf, mustChangePassword: false } },
      });
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
}
