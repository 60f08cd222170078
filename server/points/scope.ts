/**
 * Who reads whose points (articles 95-103: nobody sees what they are not authorised to).
 * Administrators, floor supervisors and department managers read the whole centre; a
 * shift lead only the agents of their teams; a display never. Only supervisors and
 * managers write (article 104-105 entries are theirs to make).
 */
import type { Role } from '../../shared/access.js';
import type { Viewer } from '../access/principal.js';

export const POINTS_READ_ROLES: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
export const POINTS_WRITE_ROLES: readonly Role[] = ['supervisor', 'manager'];

/** The teams a viewer is limited to, or `all`; `none` for a role that reads nothing. */
export function readScope(viewer: Viewer): { kind: 'all' } | { kind: 'teams'; teams: ReadonlySet<string> } | { kind: 'none' } {
  if (!POINTS_READ_ROLES.includes(viewer.role)) return { kind: 'none' };
  if (viewer.role === 'lead') return { kind: 'teams', teams: new Set(viewer.teams) };
  return { kind: 'all' };
}

export function mayWrite(viewer: Viewer): boolean {
  return viewer.kind === 'user' && POINTS_WRITE_ROLES.includes(viewer.role);
}
