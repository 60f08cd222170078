/**
 * When a screen says what it has read (shared/read-receipts.ts): at once after a big
 * frame, small ones together at most once a second, always ending on the newest seq.
 */
import { describe, expect, it } from 'vitest';
import { readReceipts, READ_EVERY_MS } from '../../../shared/read-receipts.js';

/** Timers the test runs by hand: what is due, and when. */
function manualTimers() {
  const due = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    due,
    set: (run: () => void, ms: number) => {
      due.set(++next, { run, ms });
      return next;
    },
    clear: (handle: unknown) => {
      due.delete(handle as number);
    },
    fire() {
      for (const [id, t] of [...due]) {
        due.delete(id);
        t.run();
      }
    },
  };
}

describe('read receipts', () => {
  it('go at once after a big frame, and small frames together a second later, with the newest seq', () => {
    const sent: number[] = [];
    const timers = manualTimers();
    const receipts = readReceipts((seq) => sent.push(seq), timers);
    receipts.took(1, true);
    expect(sent).toEqual([1]);
    receipts.took(2, false);
    receipts.took(3, false);
    receipts.took(4, false);
    expect(sent).toEqual([1]);
    expect([...timers.due.values()].map((t) => t.ms)).toEqual([READ_EVERY_MS]);
    timers.fire();
    expect(sent).toEqual([1, 4]);
    // A big frame while small ones wait: said at once, covering them; the timer is gone.
    receipts.took(5, false);
    receipts.took(6, true);
    expect(sent).toEqual([1, 4, 6]);
    expect(timers.due.size).toBe(0);
  });

  it('say nothing twice, and start again on a new connection', () => {
    const sent: number[] = [];
    const timers = manualTimers();
    const receipts = readReceipts((seq) => sent.push(seq), timers);
    receipts.took(7, true);
    receipts.took(7, true);
    expect(sent).toEqual([7]);
    receipts.took(8, false);
    receipts.reset();
    expect(timers.due.size).toBe(0);
    // The new connection's numbering may start lower: its first seq is said.
    receipts.took(2, true);
    expect(sent).toEqual([7, 2]);
  });
});
