// @vitest-environment jsdom
/**
 * An acknowledge link opened signed out sends the person to `/sign-in?next=/ack/<token>`
 * (server/notify/ack/ack-page.ts); once signed in, they are back on the link's page, which
 * the server renders, so it is loaded rather than navigated to inside the app. Only that
 * exact shape: a crafted `next` still leads to the floor. A new or reset account must change
 * its password first (exactly the first sign-in from a link): the link is carried through
 * `/password?next=...` and loaded once the password is changed.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import { ackLinkNext, withAckLink } from '../../../client/src/routes.js';

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

describe('coming back to an acknowledge link through the password change a first sign-in asks for', () => {
  const ACK = `/ack/${TOKEN}`;
  const mustChange: Me = { ...lead, mustChangePassword: true };
  let changed: Array<[string, string]>;

  beforeEach(() => {
    changed = [];
    useSessionStore.setState({
      state: { kind: 'signed-in', me: mustChange },
      load: async () => {},
      changePassword: async (current, next) => {
        changed.push([current, next]);
        const me = { ...lead, mustChangePassword: false };
        useSessionStore.setState({ state: { kind: 'signed-in', me } });
        return me;
      },
    });
  });

  const address = (): string => window.location.pathname + window.location.search;

  /** The password page as the gate shows it at the current address, filled in and sent. */
  async function changePassword(): Promise<void> {
    render(h(SessionGate, { path: '/password' }));
    fireEvent.change(screen.getByLabelText('Current password'), { target: { value: 'one-time-pass' } });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'Copper kettle 93 over the bridge' } });
    fireEvent.change(screen.getByLabelText('Repeat the new password'), { target: { value: 'Copper kettle 93 over the bridge' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(changed).toHaveLength(1));
  }

  it('carries only an acknowledge link\'s exact shape', () => {
    expect(withAckLink('/password', ACK)).toBe(`/password?next=${encodeURIComponent(ACK)}`);
    for (const next of [null, '/ack/abc', `https://evil.example${ACK}`, `//evil.example${ACK}`, '/alerts']) {
      expect(withAckLink('/password', next), String(next)).toBe('/password');
    }
  });

  it('signed in from the link with a password to change: the password page keeps the link', () => {
    at(`/sign-in?next=${encodeURIComponent(ACK)}`);
    render(h(SessionGate, { path: '/sign-in' }));
    expect(address()).toBe(`/password?next=${encodeURIComponent(ACK)}`);
    expect(loaded).toEqual([]);
  });

  it('loads the link\'s page once the password is changed', async () => {
    at(`/password?next=${encodeURIComponent(ACK)}`);
    await changePassword();
    await waitFor(() => expect(loaded).toEqual([ACK]));
  });

  it('a crafted next is not carried: the password page, then the floor', async () => {
    const crafted = encodeURIComponent('https://evil.example/ack/a.b');
    at(`/sign-in?next=${crafted}`);
    render(h(SessionGate, { path: '/sign-in' }));
    expect(address()).toBe('/password');
    cleanup();
    at(`/password?next=${crafted}`);
    await changePassword();
    await waitFor(() => expect(address()).toBe('/'));
    expect(loaded).toEqual([]);
  });
});
