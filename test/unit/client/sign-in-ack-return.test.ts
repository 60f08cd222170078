// @vitest-environment jsdom
/**
 * An acknowledge link opened signed out sends the person to `/sign-in?next=/ack/<token>`
 * (server/notify/ack/ack-page.ts); once signed in, they are back on the link's page, which
 * the server renders, so it is loaded rather than navigated to inside the app. Only that
 * exact shape: a crafted `next` still leads to the floor.
 */
import { cleanup, render } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import { ackLinkNext } from '../../../client/src/routes.js';

const { SessionGate } = await import('../../../client/src/session/SessionGate.js');
const { useSessionStore } = await import('../../../client/src/session/session-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const lead: Me = { kind: 'user', id: 'u-lead', name: 'Lead A', role: 'lead', teams: ['A'], mustChangePassword: false };
const TOKEN = 'eyJkIjoiYWw6bGVhZDpsZWFkLWE6aG9vayJ9.m4C-9_xYz';

/** The page's address, and what it was sent on to (location.replace: a page load). */
let loaded: string[];

beforeEach(() => {
  loaded = [];
  useLocale.setState({ locale: 'en' });
  useSessionStore.setState({ state: { kind: 'signed-in', me: lead }, load: async () => {} });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  history.replaceState(null, '', '/');
});

/** At this address, with `location.replace` recorded rather than leaving the test's page. */
function at(url: string): void {
  history.replaceState(null, '', url);
  const real = window.location;
  vi.stubGlobal('location', {
    get pathname() { return real.pathname; },
    get search() { return real.search; },
    replace: (href: string) => loaded.push(href),
  });
}

describe('coming back to an acknowledge link after signing in', () => {
  it('takes only an acknowledge link\'s exact shape', () => {
    expect(ackLinkNext(`/ack/${TOKEN}`)).toBe(`/ack/${TOKEN}`);
    for (const next of [null, '/ack/', '/ack/abc', `//evil.example/ack/${TOKEN}`, `https://evil.example/ack/${TOKEN}`, `/ack/${TOKEN}/../../admin`, `/ack/${TOKEN}?x=1`, `/alerts`]) {
      expect(ackLinkNext(next), String(next)).toBeUndefined();
    }
  });

  it('loads the link\'s page once signed in', () => {
    at(`/sign-in?next=${encodeURIComponent(`/ack/${TOKEN}`)}`);
    render(h(SessionGate, { path: '/sign-in' }));
    expect(loaded).toEqual([`/ack/${TOKEN}`]);
  });

  it('a crafted next still goes to our own pages, inside the app', () => {
    at(`/sign-in?next=${encodeURIComponent('https://evil.example/ack/a.b')}`);
    render(h(SessionGate, { path: '/sign-in' }));
    expect(loaded).toEqual([]);
    expect(window.location.pathname).toBe('/');
  });
});
