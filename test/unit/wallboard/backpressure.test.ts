/**
 * A slow screen is taken out of the deltas once its write queue is bigger than the
 * snapshot it would get instead (and a megabyte), and gets one snapshot when the queue
 * has drained (server/wallboard/backpressure.ts).
 */
import { describe, expect, it } from 'vitest';
import { BEHIND_ROOM, MIN_WAITING_BYTES, holdBackSlowSockets, type SocketQueue } from '../../../server/wallboard/backpressure.js';

class FakeSocket {
  rooms = new Set<string>(['aud:supervisor']);
  connected = true;
  waitingBytes = 0;
  /** The size of the snapshot this socket would be caught up with. */
  snapshotBytes = 0;
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
    for (const l of this.drained.splice(0)) l();
  }
}

const queue: SocketQueue<FakeSocket> = {
  waiting: (s) => s.waitingBytes,
  catchUpBytes: (s) => s.snapshotBytes,
  fellBehind: (s) => { s.fell += 1; },
  onDrain: (s, l) => void s.drained.push(l),
  // As the namespace's does: back into the deltas as the snapshot goes.
  catchUp: (s) => {
    s.leave(BEHIND_ROOM);
    s.snapshots += 1;
  },
};

describe('wallboard backpressure', () => {
  it('holds back only the sockets with more than half a megabyte waiting, once, and catches each up with one snapshot when it drains', () => {
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

  it('lets a backlog smaller than its catch-up drain (a big floor whose catch-up is a snapshot: it costs more than a few deltas)', () => {
    const behindOnDeltas = new FakeSocket('deltas');
    const behindOnSnapshot = new FakeSocket('snapshot');
    for (const socket of [behindOnDeltas, behindOnSnapshot]) socket.snapshotBytes = 6 * MIN_WAITING_BYTES;
    behindOnDeltas.waitingBytes = 6 * MIN_WAITING_BYTES;
    behindOnSnapshot.waitingBytes = 6 * MIN_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([behindOnDeltas, behindOnSnapshot], queue)).toBe(1);
    expect(behindOnDeltas.rooms.has(BEHIND_ROOM)).toBe(false);
    expect(behindOnSnapshot.rooms.has(BEHIND_ROOM)).toBe(true);
    behindOnSnapshot.drain();
    expect(behindOnSnapshot.snapshots).toBe(1);
  });

  it('holds back at half a megabyte however small its catch-up', () => {
    const small = new FakeSocket('small');
    small.snapshotBytes = 20_000;
    small.waitingBytes = MIN_WAITING_BYTES / 2;
    expect(holdBackSlowSockets([small], queue)).toBe(0);
    small.waitingBytes = MIN_WAITING_BYTES + 1;
    expect(holdBackSlowSockets([small], queue)).toBe(1);
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
