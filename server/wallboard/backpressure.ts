/**
 * Per-client backpressure for the wallboard. A screen that cannot read as fast as the
 * floor changes (a slow link, a busy TV, a floor under overload) would otherwise get an
 * ever longer queue of deltas in the server, and its heartbeat would queue behind them
 * until the server dropped it. Instead, once more than half a megabyte is waiting to be
 * written to a socket, it stops getting deltas (it joins the `behind` room, which every
 * delta skips); when its queue has drained it is sent what it missed as one delta
 * (missed-deltas.ts), each agent once however often it changed, or, when that would be
 * bigger than a snapshot, one fresh snapshot. So status changes are coalesced per client,
 * at the pace it reads, and no live alert is ever lost to a slow screen: at worst it
 * arrives with the catch-up.
 *
 * While a catch-up would be a snapshot, a socket is behind only once its backlog is bigger
 * than that snapshot: a snapshot costs the screen (and the server) more than a backlog
 * smaller than it. When catch-ups were always snapshots and a socket was behind at a
 * megabyte, a 6,000-agent floor's screens under overload were behind after two status
 * deltas and each then took a 6 MB snapshot instead of 1.2 MB of deltas. The deltas a
 * socket waits for are broadcast to all (encoded once), so a queue holds little memory of
 * its own.
 */

/** The room every delta skips. */
export const BEHIND_ROOM = 'behind';

/** Bytes waiting above which a socket is behind (about one big floor's status delta). */
export const MIN_WAITING_BYTES = 2 ** 19;

/** What backpressure needs of a socket.io socket (tests pass a fake). */
export interface PressuredSocket {
  rooms: Set<string>;
  join(room: string): unknown;
  leave(room: string): unknown;
  connected: boolean;
}

export interface SocketQueue<S> {
  /** Bytes waiting to be written to this socket. */
  waiting(socket: S): number;
  /** About how big its catch-up would be (0 when small or not known). */
  catchUpBytes(socket: S): number;
  /** The socket was moved out of the deltas (before `onDrain` is asked for). */
  fellBehind(socket: S): void;
  /** Calls back once, when the socket's queue has been written out. */
  onDrain(socket: S, listener: () => void): void;
  /**
   * Sends the socket what it missed (as one delta, or a fresh snapshot), and takes it back into the deltas
   * (out of BEHIND_ROOM) as it does, not before: a delta between the two would reach it
   * ahead of the snapshot, as a gap.
   */
  catchUp(socket: S): void;
}

/**
 * Called after a delta went out: moves each socket whose write queue is bigger than its
 * catch-up would be out of the deltas, and back in (with its catch-up snapshot) once the
 * queue has drained. Returns how many sockets fell behind now.
 */
export function holdBackSlowSockets<S extends PressuredSocket>(sockets: Iterable<S>, queue: SocketQueue<S>, minBytes = MIN_WAITING_BYTES): number {
  let fell = 0;
  for (const socket of sockets) {
    if (socket.rooms.has(BEHIND_ROOM)) continue;
    const waiting = queue.waiting(socket);
    if (waiting <= minBytes || waiting <= queue.catchUpBytes(socket)) continue;
    fell += 1;
    void socket.join(BEHIND_ROOM);
    queue.fellBehind(socket);
    queue.onDrain(socket, () => {
      if (socket.connected) queue.catchUp(socket);
    });
  }
  return fell;
}
