/**
 * Per-client backpressure for the wallboard. A screen that cannot read as fast as the
 * floor changes (a slow link, a busy TV, a floor under overload) would otherwise get an
 * ever longer queue of deltas in the server, and its heartbeat would queue behind them
 * until the server dropped it. Instead, once it is behind, it stops getting deltas (it
 * joins the `behind` room, which every delta skips); when it has read what it had, it is
 * sent what it missed since it fell behind as one delta (missed-deltas.ts), each agent
 * once however often it changed, or, when it is behind further than what is kept, one
 * fresh snapshot. So status changes are coalesced per client, at the pace it reads, and
 * no live alert is ever lost to a slow screen: at worst it arrives with the catch-up.
 *
 * Behind is told two ways. A screen that says what it has read (`read`, as Floorwatch's
 * own client does) is behind once it has not read 128 KB of frames before the newest
 * (sent-log.ts says why the server's own queue is not enough), and back once it has read
 * all but 16 KB of them. Any other socket.io client is behind once half a megabyte waits in the
 * server's queue for it, and back once that queue is written out. The deltas a socket
 * waits for are broadcast to all (encoded once), so a queue holds little memory of its own.
 */

/** The room every delta skips. */
export const BEHIND_ROOM = 'behind';

/** Bytes waiting above which a socket is behind (about one big floor's status delta). */
export const MIN_WAITING_BYTES = 2 ** 19;

/**
 * Bytes of frames a screen has not read, before the newest, above which it is behind:
 * two or three packed status deltas of a busy floor, under a second of them.
 */
export const MAX_UNREAD_BYTES = 2 ** 17;

/**
 * A screen held back is caught up once less than this of what it was sent is unread: it
 * says at once that it read a big frame, and small ones together, once a second
 * (shared/read-receipts.ts), so the last few small frames may be read but not yet said.
 */
export const CAUGHT_UP_BYTES = 2 ** 14;

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
  /**
   * Bytes of frames it was sent before the newest and has not said it read; undefined for
   * a socket that does not say what it reads.
   */
  unread(socket: S): number | undefined;
  /** The socket was moved out of the deltas (before `onDrain` is asked for). */
  fellBehind(socket: S): void;
  /**
   * Calls back once, when the socket has (nearly) what it was sent: it said it read all
   * but CAUGHT_UP_BYTES of it, or (a socket that does not say) its queue is written out.
   */
  onDrain(socket: S, listener: () => void): void;
  /**
   * Sends the socket what it missed (as one delta, or a fresh snapshot), and takes it back into the deltas
   * (out of BEHIND_ROOM) as it does, not before: a delta between the two would reach it
   * ahead of the snapshot, as a gap.
   */
  catchUp(socket: S): void;
}

/**
 * Bytes waiting to be written to a socket.io socket's connection. engine.io keeps its
 * unwritten packets in `writeBuffer` and says `drain` when it is written out; the buffer is
 * not in its public types, so it is read here, in one place.
 */
export function engineWaitingBytes(conn: unknown): number {
  const buffer = (conn as { writeBuffer?: Array<{ data?: unknown }> }).writeBuffer ?? [];
  let bytes = 0;
  for (const packet of buffer) {
    const { data } = packet;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array) bytes += data.byteLength;
  }
  return bytes;
}

/**
 * Called after a delta went out: moves each socket that is behind (above) out of the
 * deltas, and back in (with its catch-up) once it has what it was sent. Returns how many
 * sockets fell behind now.
 */
export function holdBackSlowSockets<S extends PressuredSocket>(
  sockets: Iterable<S>, queue: SocketQueue<S>, minBytes = MIN_WAITING_BYTES, maxUnread = MAX_UNREAD_BYTES,
): number {
  let fell = 0;
  for (const socket of sockets) {
    if (socket.rooms.has(BEHIND_ROOM)) continue;
    const waiting = queue.waiting(socket);
    const unread = queue.unread(socket);
    if (waiting <= minBytes && (unread === undefined || unread <= maxUnread)) continue;
    fell += 1;
    void socket.join(BEHIND_ROOM);
    queue.fellBehind(socket);
    queue.onDrain(socket, () => {
      if (socket.connected) queue.catchUp(socket);
    });
  }
  return fell;
}
