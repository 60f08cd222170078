// @vitest-environment jsdom
/**
 * The page's first question, who is signed in: asked with `?optional=1`, so nobody is a
 * 200 `{ me: null }` (no 401 in the console); a 401 from an older server still means
 * signed out, and anything else that fails is "unreachable".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { problem } from '../../../shared/problems.js';
import { useLocale } from '../../../client/src/i18n/index.js';
import '../../../client/src/i18n/all.js';
import { useSessionStore } from '../../../client/src/session/session-store.js';
import { installFakeFetch } from './fake-fetch.js';

const me = { kind: 'user', id: 'u1', name: 'Sam', role: 'supervisor', teams: [], mustChangePassword: false };

beforeEach(() => {
  useLocale.setState({ locale: 'en' });
  useSessionStore.setState({ state: { kind: 'loading' } });
});
afterEach(() => vi.unstubAllGlobals());

describe('loading the session', () => {
  it('asks with ?optional=1 and takes { me: null } as signed out, with the notice', async () => {
    const fetch = installFakeFetch({ 'GET /api/v1/session': { body: { me: null } } });
    await useSessionStore.getState().load('Your session has ended.');
    expect(useSessionStore.getState().state).toEqual({ kind: 'signed-out', notice: 'Your session has ended.' });
    expect(fetch.calls('GET /api/v1/session')[0]?.query.get('optional')).toBe('1');
  });

  it('takes a person as signed in, a 401 as signed out, and a 500 as unreachable', async () => {
    const fetch = installFakeFetch({ 'GET /api/v1/session': { body: { me } } });
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().state).toEqual({ kind: 'signed-in', me });
    fetch.on('GET /api/v1/session', { status: 401, body: problem('signInRequired') });
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().state).toEqual({ kind: 'signed-out' });
    fetch.on('GET /api/v1/session', { status: 500, body: problem('internal') });
    await useSessionStore.getState().load();
    expect(useSessionStore.getState().state.kind).toBe('unreachable');
  });
});
