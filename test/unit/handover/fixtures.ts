/** Small, readable handovers and viewers for the handover tests. */
import type { Handover } from '../../../shared/handover.js';
import type { Viewer } from '../../../server/access/principal.js';
import { handoverId } from '../../../server/handover/store.js';

const EMPTY_FIELDS = {
  shiftStatus: '', importantEvents: '', problemsFound: '', openIssues: '', repliesPending: '', notices: '',
  swallowedCards: '', erroneousAccounts: '', managementTasks: '',
};

/** A submitted handover of `teamIds` at `shiftChangeAt`; override what the test is about. */
export function makeHandover(shiftChangeAt: number, teamIds: string[], overrides: Partial<Handover> = {}): Handover {
  return {
    id: handoverId(shiftChangeAt, teamIds),
    shiftChangeAt,
    teamIds,
    outgoing: { leadId: '9001', account: 'lead.wang', name: 'Wang Fang' },
    incoming: { leadId: '9002', account: 'lead.li', name: 'Li Lei' },
    fields: { ...EMPTY_FIELDS },
    prefill: {
      from: shiftChangeAt - 8 * 3600_000, to: shiftChangeAt, alertsOpened: 0, alertsResolved: 0, byRule: {}, open: [],
      calls: { offered: 0, answered: 0, abandoned: 0, serviceLevel: null }, adherencePercent: null, absences: [],
    },
    status: 'submitted',
    submittedAt: shiftChangeAt - 600_000,
    submittedBy: 'lead.wang',
    transferredAlerts: [],
    ...overrides,
  };
}

export function user(username: string, role: Exclude<Viewer['role'], 'display'>, teams: string[] = []): Viewer {
  return { kind: 'user', id: `id-${username}`, username, name: username, role, teams, mustChangePassword: false, sessionId: `s-${username}` };
}

export const DISPLAY: Viewer = { kind: 'device', id: 'tv-1', name: 'Seating area TV', role: 'display', teams: [] };
