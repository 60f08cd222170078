/**
 * The `/wallboard` handshake (server/wallboard/namespace.ts): each refusal keeps the English
 * message it has always had and carries its code (shared/problems.ts) as the error's `data`,
 * which socket.io hands to the screen's `connect_error`.
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../server/access/principal.js';
import { admitScreen } from '../../../server/wallboard/namespace.js';
import { isProblemCode } from '../../../shared/problems.js';

const lead = (mustChangePassword = false): Viewer => ({
  kind: 'user', id: 'u-lead', username: 'lead', name: 'Lead', role: 'lead', teams: ['A'], mustChangePassword, sessionId: 's',
});
const display: Viewer = { kind: 'device', id: 'd1', name: 'TV', role: 'display', teams: [] };

const refusal = (viewer: Viewer | null, teams?: unknown) => {
  const admitted = admitScreen(viewer, teams);
  if (!(admitted instanceof Error)) throw new Error('admitted');
  return { message: admitted.message, data: admitted.data as unknown };
};

describe('admitScreen', () => {
  it('admits a viewer with the audience of the teams it asked for among its own', () => {
    const admitted = admitScreen(lead(), ['A', 'B']);
    if (admitted instanceof Error) throw admitted;
    expect([...admitted.audience.teams!]).toEqual(['A']);
    expect(admitScreen(display, undefined)).not.toBeInstanceOf(Error);
  });

  it('refuses nobody and a password to change, by code', () => {
    expect(refusal(null)).toEqual({ message: 'unauthorized', data: { error: 'unauthorized', code: 'signInRequired' } });
    expect(refusal(lead(true))).toEqual({
      message: 'change your password first', data: { error: 'change your password first', code: 'changePasswordFirst' },
    });
  });

  it('refuses a bad teams value with the field named', () => {
    expect(refusal(display, ['A', ''])).toEqual({
      message: 'teams.1: a team id must not be empty',
      data: {
        error: 'teams.1: a team id must not be empty', code: 'invalidField', field: 'teams.1',
        params: { field: 'teams.1', detail: 'a team id must not be empty' },
      },
    });
    expect(refusal(display, [])).toMatchObject({ message: 'teams: list at least one team, or leave teams out for the whole view', data: { code: 'invalidField', field: 'teams' } });
  });

  it('refuses teams none of which it may see, naming them', () => {
    expect(refusal(lead(), ['B', 'C', 'B'])).toEqual({
      message: 'teams: none of these teams is visible to you',
      data: { error: 'teams: none of these teams is visible to you', code: 'notYourTeams', params: { teams: 'B, C' } },
    });
  });

  it('every refusal carries a known code', () => {
    for (const r of [refusal(null), refusal(lead(true)), refusal(display, 'A'), refusal(lead(), ['B'])]) {
      expect(isProblemCode((r.data as { code: unknown }).code)).toBe(true);
    }
  });
});
