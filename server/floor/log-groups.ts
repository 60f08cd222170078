/**
 * The log read back as the floor applied it live: one group per input. Entries of one
 * event batch share a receivedAt and were applied together; a command, a rules or a plan
 * change is a group of its own. Replaying a batch in two halves could release its events
 * in a different order than live (the first half's are stepped before the second half's
 * are even buffered), so a page that may end inside a batch is cut before that batch.
 */
import type { EventLog, LogEntry } from '../storage/types.js';

/** Splits log entries (in seq order) into the groups they were applied in. */
export function inputGroups(entries: LogEntry[]): LogEntry[][] {
  const groups: LogEntry[][] = [];
  let i = 0;
  while (i < entries.length) {
    let j = i + 1;
    while (j < entries.length && entries[j].receivedAt === entries[i].receivedAt && entries[j].payload.kind === 'event') j++;
    groups.push(entries.slice(i, j));
    i = j;
  }
  return groups;
}

/**
 * The complete groups after `afterSeq`, at least one when the log has any, reading about
 * `limit` entries at a time. One entry more than `limit` is read to tell whether the last
 * group goes on: a group that may go on is left for the next call (costing that call one
 * entry read twice), unless it is all that was read (then reading goes on until it ends).
 * Growing and re-reading the page instead read a live batch of `limit` events three times
 * over on every replay (a restart after a burst: half its time in reading the log).
 */
export async function readWholeGroups(log: EventLog, afterSeq: number, limit: number): Promise<LogEntry[][]> {
  let entries = await log.read(afterSeq, limit + 1);
  let ended = entries.length <= limit;
  for (;;) {
    const groups = inputGroups(entries);
    const last = groups.at(-1);
    // The log ended within what was read, or a command, a rules or a plan change (whole on its own) ends it.
    if (ended || last === undefined || last[0].payload.kind !== 'event') return groups;
    if (groups.length > 1) return groups.slice(0, -1);
    const more = await log.read(entries[entries.length - 1]!.seq, limit);
    ended = more.length < limit;
    entries = entries.concat(more);
  }
}
