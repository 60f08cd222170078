// @vitest-environment jsdom
/**
 * The floor page says why its link was refused by the refusal's code (the handshake's
 * `connect_error` data, server/wallboard/namespace.ts), not by matching the server's
 * English: an address whose `?teams=` the person may not see, one the server does not
 * accept, and anything else.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { createElement as h } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../shared/access.js';
import { linkRefusal, type LinkRefusal } from '../../../client/src/connection.js';
import { floorRefusalKind } from '../../../client/src/floor/refusal.js';

const link = vi.hoisted(() => ({ refuse: undefined as undefined | ((reason: string, problem?: LinkRefusal) => void) }));

vi.mock('../../../client/src/use-floor-link.js', () => ({
  useFloorLink: (_credentials: unknown, onRefused: (reason: string, problem?: LinkRefusal) => void) => {
    link.refuse = onRefused;
  },
}));

const { FloorPage } = await import('../../../client/src/pages/FloorPage.js');
const { useSessionStore } = await import('../../../client/src/session/session-store.js');
const { useLocale } = await import('../../../client/src/i18n/index.js');
await import('../../../client/src/i18n/all.js');

const lead: Me = { kind: 'user', id: 'u-lead', name: 'Lead', role: 'lead', teams: ['A'], mustChangePassword: false };

describe('linkRefusal: the code of a connect_error', () => {
  it('reads the code and its text and number parameters', () => {
    expect(linkRefusal({ error: 'teams: none of these teams is visible to you', code: 'notYourTeams', params: { teams: 'B', n: 2, x: {} } }))
      .toEqual({ code: 'notYourTeams', params: { teams: 'B', n: 2 } });
    expect(linkRefusal({ code: 'signInRequired' })).toEqual({ code: 'signInRequired', params: {} });
  });

  it('has none without data, or with a code this page does not know', () => {
    expect(linkRefusal(undefined)).toBeUndefined();
    expect(linkRefusal('unauthorized')).toBeUndefined();
    expect(linkRefusal({ error: 'x', code: 'fromANewerServer' })).toBeUndefined();
  });
});

describe('floorRefusalKind', () => {
  const of = (code: LinkRefusal['code'], params: LinkRefusal['params'] = {}): LinkRefusal => ({ code, params });

  it('tells the scope refusals apart by code', () => {
    expect(floorRefusalKind(of('notYourTeams', { teams: 'B' }), true)).toBe('teams');
    expect(floorRefusalKind(of('invalidField', { field: 'teams', detail: 'x' }), true)).toBe('badTeams');
    expect(floorRefusalKind(of('invalidField', { field: 'teams.1', detail: 'x' }), true)).toBe('badTeams');
  });

  it('anything else, no code, or an address without ?teams= is the plain refusal', () => {
    expect(floorRefusalKind(of('signInRequired'), true)).toBe('other');
    expect(floorRefusalKind(of('invalidField', { field: 'teamsOther', detail: 'x' }), true)).toBe('other');
    expect(floorRefusalKind(undefined, true)).toBe('other');
    expect(floorRefusalKind(of('notYourTeams', { teams: 'B' }), false)).toBe('other');
  });
});

describe('the floor page, refused', () => {
  beforeEach(() => {
    useLocale.setState({ locale: 'en' });
    useSessionStore.setState({ state: { kind: 'signed-in', me: lead }, load: async () => {} });
    history.replaceState(null, '', '/?teams=B');
  });
  afterEach(() => {
    cleanup();
    link.refuse = undefined;
    history.replaceState(null, '', '/');
  });

  const refuse = async (reason: string, problem?: LinkRefusal) => {
    render(h(FloorPage, { me: lead }));
    await act(async () => link.refuse!(reason, problem));
    return screen.getByRole('heading', { level: 2 }).textContent;
  };

  it('says the teams are not visible by the code, whatever the English', async () => {
    expect(await refuse('some other wording', { code: 'notYourTeams', params: { teams: 'B' } })).toBe('No access to these teams');
    expect(screen.getByText('Your account cannot see the teams this address asks for (?teams=): B.')).toBeTruthy();
  });

  it('says the address is not accepted by the code, showing the server\'s reason', async () => {
    expect(await refuse('teams.0: a team id must not be empty', { code: 'invalidField', params: { field: 'teams.0', detail: 'a team id must not be empty' } }))
      .toBe("Check the address's teams");
    expect(screen.getByText('The server does not accept ?teams= in this address (teams.0: a team id must not be empty).')).toBeTruthy();
  });

  it('an English text that starts with "teams" and no code is the plain refusal', async () => {
    expect(await refuse('teams: none of these teams is visible to you')).toBe('The floor could not be opened');
  });
});
