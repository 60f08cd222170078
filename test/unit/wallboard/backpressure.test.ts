/**
 * A slow screen is taken out of the deltas once it is behind (its write queue past half a
 * megabyte, or, for a screen that says what it read, 128 KB unread before the newest
 * frame), and gets one catch-up when it has what it was sent (server/wallboard/backpressure.ts).
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_ROOM, MAX_UNREAD_BYTES, MIN_WAITING_BYTES, holdBackSlowSockets, type SocketQueue } from '../../../server/wallboard/backpressure.js';

class FakeSocket {
  rooms = new Set<string>(['aud:supervisor']);
  connected = true;
  waitingBytes = 0;
  /** Unread bytes before the newest frame, for a socket that says what it read. */
  unreadBytes: number | undefined;
  drained: Array<() => void> = [];
  snapshots = 0;
  fell = 0;
  constructor(readonly id: string) {}
  join(room: string): void {
    this.rooms.add(room);
  }
  leave(room: string): void {
    this.rooms.delete(room);
  }
  drain(): void {
    this.waitingBytes = 0;
    if (this.unreadBytes !== undefined) this.unreadBytes = 0;
    for (const l of this.drained.splice(0)) l();
  }
}

const queue: SocketQueue<FakeSocket> = {
  waiting: (s) => s.waitingBytes,
  unread: (s) => s.unreadBytes,
  fellBehind: (s) => { s.fell += 1; },
  onDrain: (s, l) => void s.drained.push(l),
  // As the namespace's does: back into the deltas as the snapshot goes.
  catchUp: (s) => {
    s.leave(BEHIND_ROOM);
    s.snapshots += 1;
  },
};

describe('wallboard backpressure', () => {
  it('holds back only the sockets with more than half a megabyte waiting, once, and catches each up once when it drains', () => {
    const fast = new FakeSocket('fast');
    const slow = new FakeSocket('slow');
    fast.waitingBytes = MIN_WAITING_BYTES;
    slow.waitingBytes = MIN_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([fast, slow], queue)).toBe(1);
    expect(fast.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(slow.rooms.has(BEHIND_ROOM)).toBe(true);
    expect([fast.fell, slow.fell]).toEqual([0, 1]);
    // Still behind at the next delta: not counted again, no second drain listener.
    slow.waitingBytes += 5000;
    expect(holdBackSlowSockets([fast, slow], queue)).toBe(0);
    expect(slow.drained).toHaveLength(1);
    expect(slow.snapshots).toBe(0);
    slow.drain();
    expect(slow.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(slow.snapshots).toBe(1);
    expect(fast.snapshots).toBe(0);
  });

  it('holds back at half a megabyte waiting, not before', () => {
    const small = new FakeSocket('small');
    small.waitingBytes = MIN_WAITING_BYTES / 2;
    expect(holdBackSlowSockets([small], queue)).toBe(0);
    small.waitingBytes = MIN_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([small], queue)).toBe(1);
  });

  it('holds back a screen that says what it read once 128 KB before the newest frame are unread, though its queue is empty', () => {
    const reading = new FakeSocket('reading');
    const keepingUp = new FakeSocket('keeping up');
    reading.unreadBytes = MAX_UNREAD_BYTES + 1;
    keepingUp.unreadBytes = MAX_UNREAD_BYTES;
    expect(holdBackSlowSockets([reading, keepingUp], queue)).toBe(1);
    expect(reading.rooms.has(BEHIND_ROOM)).toBe(true);
    expect(keepingUp.rooms.has(BEHIND_ROOM)).toBe(false);
    // Caught up once it has read all it was sent.
    reading.drain();
    expect(reading.snapshots).toBe(1);
    // Its own queue still counts: a screen whose reads say little but whose queue is long is behind too.
    keepingUp.waitingBytes = MIN_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([keepingUp], queue)).toBe(1);
  });

  it('sends nothing to a socket that disconnected while behind', () => {
    const slow = new FakeSocket('slow');
    slow.waitingBytes = MIN_WAITING_BYTES + 1;
    holdBackSlowSockets([slow], queue);
    slow.connected = false;
    slow.drain();
    expect(slow.snapshots).toBe(0);
  });
});
