/**
 * A slow screen is taken out of the deltas while its write queue is long, and gets one
 * snapshot when the queue has drained (server/wallboard/backpressure.ts).
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_ROOM, MAX_WAITING_BYTES, MAX_WAITING_PACKETS, holdBackSlowSockets, type SocketQueue } from '../../../server/wallboard/backpressure.js';

class FakeSocket {
  rooms = new Set<string>(['aud:supervisor']);
  connected = true;
  waiting = 0;
  waitingBytes = 0;
  drained: Array<() => void> = [];
  snapshots = 0;
  constructor(readonly id: string) {}
  join(room: string): void {
    this.rooms.add(room);
  }
  leave(room: string): void {
    this.rooms.delete(room);
  }
  drain(): void {
    this.waiting = 0;
    this.waitingBytes = 0;
    for (const l of this.drained.splice(0)) l();
  }
}

const queue: SocketQueue<FakeSocket> = {
  waiting: (s) => ({ packets: s.waiting, bytes: s.waitingBytes }),
  onDrain: (s, l) => void s.drained.push(l),
  // As the namespace's does: back into the deltas as the snapshot goes.
  catchUp: (s) => {
    s.leave(BEHIND_ROOM);
    s.snapshots += 1;
  },
};

describe('wallboard backpressure', () => {
  it('holds back only the sockets with a long queue, once, and catches each up with one snapshot when it drains', () => {
    const fast = new FakeSocket('fast');
    const slow = new FakeSocket('slow');
    fast.waiting = MAX_WAITING_PACKETS;
    slow.waiting = MAX_WAITING_PACKETS + 1;
    expect(holdBackSlowSockets([fast, slow], queue)).toBe(1);
    expect(fast.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(slow.rooms.has(BEHIND_ROOM)).toBe(true);
    // Still behind at the next delta: not counted again, no second drain listener.
    slow.waiting += 5;
    expect(holdBackSlowSockets([fast, slow], queue)).toBe(0);
    expect(slow.drained).toHaveLength(1);
    expect(slow.snapshots).toBe(0);
    slow.drain();
    expect(slow.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(slow.snapshots).toBe(1);
    expect(fast.snapshots).toBe(0);
  });

  it('holds back a socket with a few packets waiting when they are big (a big floor\'s deltas)', () => {
    const small = new FakeSocket('small');
    const big = new FakeSocket('big');
    small.waiting = 2;
    small.waitingBytes = MAX_WAITING_BYTES;
    big.waiting = 2;
    big.waitingBytes = MAX_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([small, big], queue)).toBe(1);
    expect(small.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(big.rooms.has(BEHIND_ROOM)).toBe(true);
    big.drain();
    expect(big.snapshots).toBe(1);
  });

  it('sends nothing to a socket that disconnected while behind', () => {
    const slow = new FakeSocket('slow');
    slow.waiting = 100;
    holdBackSlowSockets([slow], queue);
    slow.connected = false;
    slow.drain();
    expect(slow.snapshots).toBe(0);
  });
});
