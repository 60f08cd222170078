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
 * The complete groups after `afterSeq`, at least one when the log has any, reading
 * `limit` entries at a time. A full page's last group may go on in the next page: it is
 * left for the next call, unless it fills the page alone (then the page grows until it ends).
 */
export async function readWholeGroups(log: EventLog, afterSeq: number, limit: number): Promise<LogEntry[][]> {
  for (let size = limit; ; size *= 2) {
    const page = await log.read(afterSeq, size);
    const groups = inputGroups(page);
    const last = groups.at(-1);
    // A short page ended the log; a command, a rules or a plan change is whole on its own.
    if (page.length < size || last === undefined || last[0].payload.kind !== 'event') return groups;
    if (groups.length > 1) return groups.slice(0, -1);
  }
}
