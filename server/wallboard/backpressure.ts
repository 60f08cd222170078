/**
 * Per-client backpressure for the wallboard. A screen that cannot read as fast as the
 * floor changes (a slow link, a busy TV, a floor under overload) would otherwise get an
 * ever longer queue of deltas in the server, and its heartbeat would queue behind them
 * until the server dropped it. Instead, once a socket has more than a few packets, or
 * more than a megabyte, waiting to be written, it stops getting deltas (it joins the
 * `behind` room, which every delta skips); when its queue has drained it gets one fresh
 * snapshot, which holds every live alert and every agent as they are now. So status
 * changes are coalesced per client, and no live alert is ever lost to a slow screen: at
 * worst it arrives with the snapshot.
 *
 * Bytes as well as packets: a 6,000-agent floor's status delta is megabytes, so eight of
 * them queued for each of 200 slow screens (with their heartbeats behind) was what the
 * overload bench's server held when it ran out of heap.
 */

/** The room every delta skips. */
export const BEHIND_ROOM = 'behind';

/** Packets waiting to be written above which a socket is behind (a few deltas' worth). */
export const MAX_WAITING_PACKETS = 8;
/** Bytes waiting to be written above which a socket is behind (one big delta's worth). */
export const MAX_WAITING_BYTES = 2 ** 20;

/** What backpressure needs of a socket.io socket (tests pass a fake). */
export interface PressuredSocket {
  rooms: Set<string>;
  join(room: string): unknown;
  leave(room: string): unknown;
  connected: boolean;
}

export interface SocketQueue<S> {
  /** What is waiting to be written to this socket. */
  waiting(socket: S): { packets: number; bytes: number };
  /** Calls back once, when the socket's queue has been written out. */
  onDrain(socket: S, listener: () => void): void;
  /**
   * Sends the socket what it missed, a fresh snapshot, and takes it back into the deltas
   * (out of BEHIND_ROOM) as it does, not before: a delta between the two would reach it
   * ahead of the snapshot, as a gap.
   */
  catchUp(socket: S): void;
}

/**
 * Called after a delta went out: moves each socket whose write queue is too long out of
 * the deltas, and back in (with its catch-up snapshot) once the queue has drained.
 * Returns how many sockets fell behind now.
 */
export function holdBackSlowSockets<S extends PressuredSocket>(
  sockets: Iterable<S>, queue: SocketQueue<S>, limits = { packets: MAX_WAITING_PACKETS, bytes: MAX_WAITING_BYTES },
): number {
  let fell = 0;
  for (const socket of sockets) {
    if (socket.rooms.has(BEHIND_ROOM)) continue;
    const waiting = queue.waiting(socket);
    if (waiting.packets <= limits.packets && waiting.bytes <= limits.bytes) continue;
    fell += 1;
    void socket.join(BEHIND_ROOM);
    queue.onDrain(socket, () => {
      if (socket.connected) queue.catchUp(socket);
    });
  }
  return fell;
}
