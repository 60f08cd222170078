/**
 * Inputs another process accepted (cluster mode, server/cluster: entries of a Redis
 * Stream, acknowledged to their senders before the owner ever saw them), and how the
 * owning floor stamps them for its log.
 */
import type { CommandResult } from '../../shared/commands.js';
import type { LogPayload, NewLogEntry } from '../storage/types.js';

/** One input (an event batch, a command, a rules or plan change) and when it was accepted. */
export interface AcceptedInput {
  receivedAt: number;
  entries: Array<{ id: string; payload: LogPayload }>;
}

export interface AcceptedOutcome {
  appended: number;
  /** Entries whose id the log already held (a resend, or an input replayed after a failover). */
  duplicates: number;
  /** A command's answer (absent when the command was already in the log). */
  result?: CommandResult;
}

/**
 * Each input gets one receivedAt: no earlier than its acceptance, after the one before
 * (`lastReceivedAt`), and at least `notBefore`. The floor passes its engine time plus the
 * reorder window plus one: a tick may have moved the engine past an input's acceptance,
 * and a replica applies the same log without those ticks; stamped strictly after, every
 * event is released in the same order on both.
 */
export function stampInputs(inputs: AcceptedInput[], lastReceivedAt: number, notBefore: number): {
  entries: NewLogEntry[];
  inputAt: Map<number, number>;
} {
  const entries: NewLogEntry[] = [];
  const inputAt = new Map<number, number>(); // receivedAt -> index of the input
  let last = lastReceivedAt;
  inputs.forEach((input, index) => {
    const at = Math.max(input.receivedAt, last + 1, notBefore);
    last = at;
    inputAt.set(at, index);
    for (const entry of input.entries) entries.push({ id: entry.id, receivedAt: at, payload: entry.payload });
  });
  return { entries, inputAt };
}
