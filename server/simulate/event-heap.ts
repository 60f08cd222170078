/**
 * The discrete-event simulation's agenda: a binary min-heap of actions keyed by (time,
 * insertion order). The insertion order breaks ties, so two actions due at the same
 * millisecond always run in the order they were scheduled, which keeps the output
 * deterministic. Only pending actions live here, so memory follows what is in flight
 * (about one entry per agent and per waiting call), never the length of the day.
 */
interface Entry<T> {
  at: number;
  seq: number;
  item: T;
}

export class EventHeap<T> {
  private readonly entries: Array<Entry<T>> = [];
  private seq = 0;

  get size(): number {
    return this.entries.length;
  }

  push(at: number, item: T): void {
    const entries = this.entries;
    entries.push({ at, seq: this.seq++, item });
    let i = entries.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entries[i], entries[parent])) break;
      [entries[i], entries[parent]] = [entries[parent], entries[i]];
      i = parent;
    }
  }

  /** The earliest entry, removed; undefined when empty. */
  pop(): { at: number; item: T } | undefined {
    const entries = this.entries;
    if (entries.length === 0) return undefined;
    const top = entries[0];
    const last = entries.pop() as Entry<T>;
    if (entries.length > 0) {
      entries[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < entries.length && before(entries[l], entries[m])) m = l;
        if (r < entries.length && before(entries[r], entries[m])) m = r;
        if (m === i) break;
        [entries[i], entries[m]] = [entries[m], entries[i]];
        i = m;
      }
    }
    return { at: top.at, item: top.item };
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
