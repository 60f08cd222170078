/**
 * Names for usernames. The floor records who acknowledged, escalated or resolved an alert by
 * username (`li.wei`); a lead reading the day's history knows people by name (李伟). The names
 * are asked of `GET /api/v1/people` when a page showing people mounts and kept for the
 * page's life; a page mounting later asks again (at most once a minute), which brings in
 * an account made since.
 * Until the answer comes, or for a TV (which may not ask: staff names are not for the
 * seating area), the username is shown.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { PersonView } from '../../../shared/access.js';
import { api } from '../api.js';
import { useSessionStore } from './session-store.js';

const ASK_AGAIN_MS = 60_000;

const usePeople = create<{ names: ReadonlyMap<string, string> }>(() => ({ names: new Map() }));
let asking: Promise<void> | undefined;
let askedAt = -Infinity;

function mayAsk(): boolean {
  const state = useSessionStore.getState().state;
  return state.kind === 'signed-in' && state.me.kind === 'user' && !state.me.mustChangePassword;
}

function ask(): void {
  if (asking !== undefined || !mayAsk() || Date.now() - askedAt < ASK_AGAIN_MS) return;
  askedAt = Date.now();
  asking = api.get<{ people?: PersonView[] }>('/api/v1/people').then(
    ({ people }) => {
      if (Array.isArray(people)) usePeople.setState({ names: new Map(people.map((p) => [p.username, p.name])) });
    },
    () => undefined, // usernames it is; asked again after a minute
  ).finally(() => { asking = undefined; });
}

/** Username -> name (the username while none is known); nothing in, nothing out. */
export interface NameOf {
  (username: string): string;
  (username: string | undefined): string | undefined;
}

/** For several people at once (a history): a function from username to name. */
export function usePersonNames(): NameOf {
  const names = usePeople((s) => s.names);
  useEffect(ask, []);
  return ((username: string | undefined) => (username === undefined ? undefined : names.get(username) ?? username)) as NameOf;
}
