/**
 * A slow screen is taken out of the deltas while its write queue is long, and gets one
 * snapshot when the queue has drained (server/wallboard/backpressure.ts).
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_ROOM, MAX_WAITING_PACKETS, holdBackSlowSockets, type SocketQueue } from '../../../server/wallboard/backpressure.js';

class FakeSocket {
  rooms = new Set<string>(['aud:supervisor']);
  connected = true;
  waiting = 0;
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
    for (const l of this.drained.splice(0)) l();
  }
}

const queue: SocketQueue<FakeSocket> = {
  waiting: (s) => s.waiting,
  onDrain: (s, l) => void s.drained.push(l),
  catchUp: (s) => void (s.snapshots += 1),
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

  it('sends nothing to a socket that disconnected while behind', () => {
    const slow = new FakeSocket('slow');
    slow.waiting = 100;
    holdBackSlowSockets([slow], queue);
    slow.connected = false;
    slow.drain();
    expect(slow.snapshots).toBe(0);
  });
});
