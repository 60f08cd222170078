/**
 * Who is using this page: asked of the server on load (`GET /api/v1/session?optional=1`), changed by
 * signing in, changing the password and signing out. The server is the authority: this
 * store only remembers its last answer so the page can pick what to show. The session
 * itself is the httpOnly cookie, which no script here can read.
 */
import { create } from 'zustand';
import type { Me } from '../../../shared/access.js';
import { api, ApiError, messageOf, onUnauthorized } from '../api.js';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out'; notice?: string }
  | { kind: 'signed-in'; me: Me }
  /** The server could not be asked (down, network): nothing can be decided, so say so. */
  | { kind: 'unreachable'; message: string };

export const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

export interface SessionStore {
  state: SessionState;
  /** Asks the server who we are. `noticeIfGone` is shown on the sign-in page if the answer is nobody. */
  load(noticeIfGone?: string): Promise<void>;
  /** Throws ApiError (wrong credentials, locked out, server down) for the page to show. */
  signIn(username: string, password: string): Promise<Me>;
  /** Throws ApiError; `problems` holds the password rules the new one failed. */
  changePassword(currentPassword: string, newPassword: string): Promise<Me>;
  /** Throws ApiError only when the server could not be reached (the cookie may still be valid). */
  signOut(): Promise<void>;
  /** The server said 401 to something: the session expired or was ended elsewhere. */
  sessionLost(notice?: string): void;
}

const SESSION = '/api/v1/session';

export const useSessionStore = create<SessionStore>()((set, get) => ({
  state: { kind: 'loading' },

  async load(noticeIfGone) {
    const signedOut = () => set({ state: noticeIfGone === undefined ? { kind: 'signed-out' } : { kind: 'signed-out', notice: noticeIfGone } });
    try {
      // `optional`: nobody signed in is answered 200 { me: null }, not 401, so a signed-out
      // page load logs no error in the console (a 401 still means signed out: older servers).
      const { me } = await api.get<{ me: Me | null }>(`${SESSION}?optional=1`);
      if (me === null) signedOut();
      else set({ state: { kind: 'signed-in', me } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        signedOut();
      } else {
        set({ state: { kind: 'unreachable', message: messageOf(err) } });
      }
    }
  },

  async signIn(username, password) {
    const { me } = await api.post<{ me: Me }>(SESSION, { username, password });
    set({ state: { kind: 'signed-in', me } });
    return me;
  },

  async changePassword(currentPassword, newPassword) {
    const { me } = await api.post<{ me: Me }>(`${SESSION}/password`, { currentPassword, newPassword });
    set({ state: { kind: 'signed-in', me } });
    return me;
  },

  async signOut() {
    try {
      await api.delete<void>(SESSION);
    } catch (err) {
      // Any answer from the server means the cookies are cleared or were already worthless.
      if (!(err instanceof ApiError) || err.status === 0) throw err;
    }
    set({ state: { kind: 'signed-out' } });
  },

  sessionLost(notice = SESSION_ENDED) {
    if (get().state.kind === 'signed-in') set({ state: { kind: 'signed-out', notice } });
  },
}));

// Any request answered 401 (an admin list, a pairing) means the session is gone.
onUnauthorized(() => useSessionStore.getState().sessionLost());
