/**
 * Small, readable records for the storage tests. No vitest import: the crash-test child
 * process imports this file too.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { FloorEvent } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import type { NewLogEntry } from '../../../server/storage/types.js';

/** An agent going available: the simplest event, tagged with its own id. */
/**
 * An event entry. Its event's `ts` is fixed unless given: with the id it is what makes a
 * repeat, and a feed's resend arrives later (another receivedAt) with the same ts.
 */
export function eventEntry(id: string, receivedAt = 1_000, ts = 1_000): NewLogEntry {
  const event: FloorEvent = { id, ts, type: 'agent.state', agentId: 'agent-7', state: 'available' };
  return { id, receivedAt, payload: { kind: 'event', event } };
}

export function commandEntry(id: string, receivedAt = 1_000): NewLogEntry {
  return {
    id,
    receivedAt,
    payload: { kind: 'command', command: { type: 'alert.acknowledge', by: 'lead-1', alertId: 'alert-1', note: 'on it' } },
  };
}

export function rulesEntry(id: string, receivedAt = 1_000): NewLogEntry {
  return { id, receivedAt, payload: { kind: 'rules', rules: defaultRulesConfig() } };
}

/** `count` events with ids evt-1, evt-2 ... received one ms apart from `firstReceivedAt`. */
export function eventEntries(count: number, firstReceivedAt = 1_000): NewLogEntry[] {
  return Array.from({ length: count }, (_, index) => eventEntry(`evt-${index + 1}`, firstReceivedAt + index));
}

/** An open "answer within 3 rings" alert; override what the test is about. */
export function makeAlert(id: string, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    rule: 'answer-3-rings',
    article: '60',
    severity: 'warning',
    kind: 'condition',
    status: 'open',
    title: 'Call ringing for 12 s at agent 7',
    subject: { kind: 'call', id: `call-${id}` },
    agentId: 'agent-7',
    openedAt: 1_000,
    updatedAt: 1_000,
    escalationLevel: 'lead',
    evidence: [`evt-${id}`],
    occurrences: 1,
    history: [{ at: 1_000, action: 'opened' }],
    ...overrides,
  };
}

/** The same alert after someone resolved it at `resolvedAt`. */
export function resolvedAlert(id: string, resolvedAt: number, overrides: Partial<Alert> = {}): Alert {
  return makeAlert(id, {
    status: 'resolved',
    resolvedAt,
    resolvedBy: 'auto',
    updatedAt: resolvedAt,
    history: [{ at: 1_000, action: 'opened' }, { at: resolvedAt, action: 'resolved', by: 'auto' }],
    ...overrides,
  });
}

export const ids = (entries: { id: string }[]): string[] => entries.map((entry) => entry.id);
export const seqs = (entries: { seq: number }[]): number[] => entries.map((entry) => entry.seq);
