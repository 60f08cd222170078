/**
 * The deadline queue: a binary min-heap (by time, then insertion number) kept as a plain
 * array so it serialises with the state. Deadlines are never cancelled; each handler
 * checks on firing whether its condition still holds (cheaper and simpler than removal).
 */
import type { RuleId } from '../../shared/rules.js';
import { heapPop, heapPush } from './heap.js';

export interface Deadline {
  at: number;
  no: number;
  /** The rule that owns it, or `core` for escalation and the day boundary. */
  owner: RuleId | 'core';
  kind: string;
  /** What it is about (a call id, an agent id, an alert id). */
  key: string;
  /** A value the handler compares against the state to tell a stale deadline (a start time, a level). */
  ref: number;
}

function before(a: Deadline, b: Deadline): boolean {
  return a.at < b.at || (a.at === b.at && a.no < b.no);
}

export function pushDeadline(heap: Deadline[], d: Deadline): void {
  heapPush(heap, d, before);
}

export function peekDeadline(heap: Deadline[]): Deadline | undefined {
  return heap[0];
}

export function popDeadline(heap: Deadline[]): Deadline | undefined {
  return heapPop(heap, before);
}
