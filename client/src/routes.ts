/**
 * The pages, by path, on the history API: a dozen fixed paths do not need a router library.
 * `navigate` pushes (or replaces) a history entry and tells `usePath` subscribers; the
 * back button arrives as `popstate`.
 */
import { useSyncExternalStore } from 'react';

export const PATHS = {
  floor: '/',
  signIn: '/sign-in',
  password: '/password',
  tv: '/tv',
  alerts: '/alerts',
  schedule: '/schedule',
  handover: '/handover',
  points: '/points',
  displays: '/admin/displays',
  adminAccounts: '/admin/accounts',
  adminFeedTokens: '/admin/feed-tokens',
  adminRules: '/admin/rules',
  adminAudit: '/admin/audit',
  adminFeeds: '/admin/feeds',
  adminNotifications: '/admin/notifications',
} as const;

export type KnownPath = (typeof PATHS)[keyof typeof PATHS];

const NAVIGATED = 'floorwatch:navigate';

/** `/tv/` and `/tv` are the same page; the root stays `/`. */
function normalise(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search;
  if (to === current) return;
  if (options.replace === true) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

/** The current path, normalised; re-renders on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => normalise(location.pathname));
}

/** A query parameter of the current URL, re-rendering when it changes (`/handover?id=` to `/handover`). */
export function useQueryParam(name: string): string | null {
  return useSyncExternalStore(subscribe, () => new URLSearchParams(location.search).get(name));
}

/**
 * The teams a floor screen shows when its address says `?teams=A,B` (a TV over one section
 * of a big floor); undefined for the whole view, only when the address has no `teams` at
 * all. Empty entries are dropped (`A,,B` is A and B), but a `?teams=` that names no team
 * (`?teams=`, `?teams=,,`) is an empty list, not the whole floor: the server refuses it
 * (shared/wallboard.ts, at least one team) and the page says to fix the address.
 */
export function scopeTeams(): string[] | undefined {
  return parseScopeTeams(queryParam('teams'));
}

/** `scopeTeams` of a `teams` query value (null: no `teams` in the address). */
export function parseScopeTeams(param: string | null): string[] | undefined {
  return param?.split(',').map((t) => t.trim()).filter((t) => t.length > 0);
}

/** A query parameter of the current URL (read at render; navigations re-render via usePath). */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/**
 * Where to go after signing in: only our own signed-in pages, so a crafted
 * `?next=https://elsewhere` link cannot bounce a fresh session off to another site.
 */
export function safeNext(next: string | null): string {
  const allowed: readonly string[] = [PATHS.floor, PATHS.alerts, PATHS.schedule, PATHS.handover, PATHS.points, PATHS.displays, PATHS.adminAccounts, PATHS.adminFeedTokens, PATHS.adminRules, PATHS.adminAudit, PATHS.adminFeeds, PATHS.adminNotifications];
  return next !== null && allowed.includes(next) ? next : PATHS.floor;
}

/**
 * An acknowledge link to come back to after signing in (`/sign-in?next=/ack/<token>`: its
 * page sends a signed-out person here, server/notify/http/ack-routes.ts), and after the
 * password change a first sign-in asks for (`/password?next=/ack/<token>`). The server's
 * page, not one of ours, so it is loaded, not navigated to. Only that exact shape (a token
 * is base64url, a dot, base64url), so a crafted `?next=` leads nowhere else.
 */
export function ackLinkNext(next: string | null): string | undefined {
  return next !== null && /^\/ack\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(next) ? next : undefined;
}

/** `path`, carrying the acknowledge link to come back to (ackLinkNext) when there is one. */
export function withAckLink(path: string, next: string | null): string {
  const ackLink = ackLinkNext(next);
  return ackLink === undefined ? path : `${path}?next=${encodeURIComponent(ackLink)}`;
}

/** `/sign-in`, remembering the page that sent us there (when it is worth coming back to). */
export function signInPath(from: string): string {
  return from === PATHS.floor || safeNext(from) !== from ? PATHS.signIn : `${PATHS.signIn}?next=${encodeURIComponent(from)}`;
}
